//! Writes a deterministic, realistic mixed repository for benchmarks, with a
//! known list of planted findings, and checks a scan report against it.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --size 90MB /tmp/tree
//! comply scan /tmp/tree --format json -o /tmp/report.json
//! cargo run --release --example gen-corpus -- --check /tmp/tree /tmp/report.json
//! ```
//!
//! The tree is a monorepo of Express, NestJS, axum and actix-web services with
//! their manifests, Kubernetes files, CI workflows, seed data, docs and a few
//! minified bundles. `planted.json` at its root lists every planted finding;
//! `--check` prints how many were found, missed, and reported besides.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod code;
mod config;
mod plant;
mod rng;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use code::Entity;
use plant::{Host, Planted};
use rng::Rng;

/// Command line of the generator.
#[derive(Parser)]
#[command(about = "Generate a benchmark tree with planted findings, or check a report against one")]
struct Args {
    /// Approximate total size, e.g. `90MB`, `500KB`, `1GB`.
    #[arg(long, default_value = "90MB")]
    size: String,
    /// Seed: the same seed writes the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Compare the JSON report given as second argument with the tree's planted.json.
    #[arg(long)]
    check: bool,
    /// The tree to write (must not exist yet), or to check.
    out: PathBuf,
    /// With --check: the `comply scan --format json` report.
    report: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let result = if args.check {
        match &args.report {
            Some(report) => check(&args.out, report),
            None => Err("--check needs the tree and the report".to_string()),
        }
    } else {
        parse_size(&args.size)
            .ok_or_else(|| format!("cannot read size {:?} (try 90MB)", args.size))
            .and_then(|size| generate(&args.out, size, args.seed))
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("gen-corpus: {message}");
            ExitCode::from(2)
        }
    }
}

fn parse_size(text: &str) -> Option<u64> {
    let upper = text.trim().to_ascii_uppercase();
    let (digits, unit) = match upper.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => upper.split_at(at),
        None => (upper.as_str(), "B"),
    };
    let factor = match unit.trim() {
        "B" | "" => 1,
        "KB" | "K" => 1 << 10,
        "MB" | "M" => 1 << 20,
        "GB" | "G" => 1 << 30,
        _ => return None,
    };
    digits.parse::<u64>().ok().map(|n| n * factor)
}

/// Writes files and tallies what was written.
struct Writer {
    root: PathBuf,
    bytes: u64,
    files: usize,
}

impl Writer {
    fn write(&mut self, relative: &str, lines: &[String]) -> Result<(), String> {
        let path = self.root.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        let mut text = lines.join("\n");
        text.push('\n');
        fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        self.bytes += text.len() as u64;
        self.files += 1;
        Ok(())
    }
}

/// Every `PLANT_EVERY`-th source module carries a planted finding.
const PLANT_EVERY: usize = 37;

fn generate(root: &Path, size: u64, seed: u64) -> Result<ExitCode, String> {
    if root.exists() {
        return Err(format!("{} exists; give a new folder", root.display()));
    }
    let mut rng = Rng::new(seed);
    let mut out = Writer {
        root: root.to_path_buf(),
        bytes: 0,
        files: 0,
    };
    let mut planted = Vec::new();
    let mut modules = 0usize;
    let mut service_index = 0usize;
    while out.bytes < size {
        service_index += 1;
        let kind = rng.below(20);
        let entities: Vec<Entity> = (0..rng.between(6, 16))
            .map(|_| code::entity(&mut rng))
            .collect();
        let name = format!("{}-svc-{service_index:03}", entities[0].name);
        let base = if kind < 13 {
            format!("services/{name}")
        } else {
            format!("crates/{name}")
        };
        for (i, e) in entities.iter().enumerate() {
            let suffix = format!("{}{}", e.name, i);
            let files: Vec<(String, Vec<String>, Host)> = match kind {
                0..=7 => vec![
                    (
                        format!("{base}/src/routes/{suffix}.js"),
                        code::express_router(e, &mut rng),
                        Host::Script,
                    ),
                    (
                        format!("{base}/src/services/{suffix}Service.js"),
                        code::express_service(e, &mut rng),
                        Host::Script,
                    ),
                ],
                8..=12 => vec![
                    (
                        format!("{base}/src/{suffix}/{suffix}.controller.ts"),
                        code::nest_controller(e, &mut rng),
                        Host::Script,
                    ),
                    (
                        format!("{base}/src/{suffix}/{suffix}.service.ts"),
                        code::nest_service(e, &mut rng),
                        Host::Script,
                    ),
                ],
                13..=16 => vec![(
                    format!("{base}/src/handlers/{suffix}.rs"),
                    code::axum_handlers(e, &mut rng),
                    Host::Rust,
                )],
                _ => vec![(
                    format!("{base}/src/api/{suffix}.rs"),
                    code::actix_handlers(e, &mut rng),
                    Host::Rust,
                )],
            };
            for (path, mut lines, host) in files {
                modules += 1;
                if modules.is_multiple_of(PLANT_EVERY) {
                    plant::plant_in_module(
                        host,
                        modules / PLANT_EVERY,
                        &path,
                        &mut lines,
                        &mut rng,
                        &mut planted,
                    );
                }
                out.write(&path, &lines)?;
            }
            out.write(
                &format!("docs/{name}/{suffix}.md"),
                &config::doc_markdown(e, &name),
            )?;
            if rng.below(5) == 0 {
                let records = if rng.below(25) == 0 {
                    rng.between(4_000, 9_000)
                } else {
                    rng.between(20, 400)
                };
                out.write(
                    &format!("{base}/fixtures/{suffix}.seed.json"),
                    &config::data_json(e, records, &mut rng),
                )?;
            }
        }
        if kind < 13 {
            out.write(
                &format!("{base}/package.json"),
                &config::package_json(&name, &mut rng),
            )?;
            out.write(
                &format!("{base}/config/default.json"),
                &config::config_json(&name, &mut rng),
            )?;
            out.write(
                &format!(".github/workflows/{name}.yml"),
                &config::workflow_yaml(&name),
            )?;
        } else {
            out.write(
                &format!("{base}/Cargo.toml"),
                &config::cargo_toml(&name, &mut rng),
            )?;
        }
        let deployment = format!("deploy/{name}/deployment.yaml");
        let mut manifest = config::deployment_yaml(&name, &mut rng);
        if service_index.is_multiple_of(9) {
            plant::plant_in_deployment(&deployment, &mut manifest, &mut rng, &mut planted);
        }
        out.write(&deployment, &manifest)?;
        if service_index.is_multiple_of(11) {
            let path = format!("{base}/.env.production");
            let lines = plant::dotenv_with_key(&path, &name, &mut rng, &mut planted);
            out.write(&path, &lines)?;
        }
        if service_index.is_multiple_of(17) {
            let path = format!("deploy/{name}/tls/legacy.key");
            let lines = plant::private_key_file(&path, &mut rng, &mut planted);
            out.write(&path, &lines)?;
        }
        if service_index.is_multiple_of(7) {
            let bytes = rng.between(200_000, 900_000);
            out.write(
                &format!("web/dist/{name}.min.js"),
                &config::minified_bundle(bytes, &mut rng),
            )?;
        }
    }
    planted.sort();
    let manifest = serde_json::to_string_pretty(&planted).map_err(|e| e.to_string())?;
    fs::write(root.join("planted.json"), manifest + "\n").map_err(|e| e.to_string())?;
    println!(
        "wrote {} files, {:.1} MB, {} services, {} planted findings to {}",
        out.files,
        out.bytes as f64 / (1 << 20) as f64,
        service_index,
        planted.len(),
        root.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Compares a report with the planted list: exit 0 when nothing planted was
/// missed, 1 otherwise. Findings that were not planted are listed by rule.
fn check(root: &Path, report: &Path) -> Result<ExitCode, String> {
    let read = |p: &Path| fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let planted: Vec<Planted> =
        serde_json::from_str(&read(&root.join("planted.json"))?).map_err(|e| e.to_string())?;
    let report: serde_json::Value =
        serde_json::from_str(&read(report)?).map_err(|e| e.to_string())?;
    let prefix = format!("{}/", root.display().to_string().trim_end_matches('/'));
    let found: BTreeSet<(String, usize, String)> = report["findings"]
        .as_array()
        .ok_or("the report has no findings array")?
        .iter()
        .filter_map(|f| {
            let path = f["path"].as_str()?;
            let path = path.strip_prefix(&prefix).unwrap_or(path).to_string();
            Some((
                path,
                f["line"].as_u64()? as usize,
                f["rule_id"].as_str()?.to_string(),
            ))
        })
        .collect();
    let planted: BTreeSet<(String, usize, String)> = planted
        .into_iter()
        .map(|p| (p.path, p.line, p.rule_id))
        .collect();
    let missed: Vec<_> = planted.difference(&found).collect();
    let extra: Vec<_> = found.difference(&planted).collect();
    println!(
        "planted {}, found {}, missed {}, reported besides {}",
        planted.len(),
        planted.len() - missed.len(),
        missed.len(),
        extra.len()
    );
    for (path, line, rule) in missed.iter().take(20) {
        println!("  missed {path}:{line} {rule}");
    }
    for (path, line, rule) in extra.iter().take(20) {
        println!("  besides {path}:{line} {rule}");
    }
    Ok(if missed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
