//! Command-line glue for triage and evidence: what `comply scan` and
//! `comply merge` call before and after their report, and the
//! `comply baseline` and `comply gate` subcommands.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::bundle::{self, BundleRequest};
use crate::cli::{BaselineArgs, GateArgs, TriageArgs};
use crate::commands::Exit;
use crate::config::Config;
use crate::engine::{load_engine, Engine};
use crate::error::Error;
use crate::finding::Status;
use crate::scan::{scan, ScanOptions, ScanOutcome};
use crate::triage::baseline::Baseline;
use crate::triage::date::{now_epoch, Date};
use crate::triage::{self, notes, Triage, TriageResult};
use crate::walk::SkipReason;

/// Triage as loaded and applied for one scan.
#[derive(Debug)]
pub struct Triaged {
    /// The inputs.
    pub triage: Triage,
    /// What applying them found.
    pub result: TriageResult,
}

fn stderr_error(source: io::Error) -> Error {
    Error::Write {
        path: "<stderr>".into(),
        source,
    }
}

/// `/`-separated, without `./` and trailing `/`: how the walker shows paths.
fn normal(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let text = text.trim_end_matches('/');
    text.strip_prefix("./").unwrap_or(text).to_string()
}

/// The bundle folders (`--evidence`, `--previous`) relative to the config's
/// folder, where `exclude` patterns are anchored.
fn bundle_dirs(args: &TriageArgs, config: &Config) -> Vec<String> {
    let Ok(base) = std::path::absolute(triage::project_root(config)) else {
        return Vec::new();
    };
    [args.evidence.as_ref(), args.previous.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(|dir| {
            let dir = std::path::absolute(dir).ok()?;
            let rel = normal(dir.strip_prefix(&base).ok()?);
            (!rel.is_empty()).then_some(rel)
        })
        .collect()
}

/// Keeps the bundle's own folders out of the scan: a bundle written inside
/// the scanned tree must not change the next run's scope or counts.
pub fn keep_bundle_out_of_scope(args: &TriageArgs, config: &mut Config) {
    for dir in bundle_dirs(args, config) {
        config.exclude.push(format!("/{dir}/"));
    }
}

/// Applies triage to a scan's (or a merge's) findings and writes its notes
/// (expired acceptances, stale baseline entries) to standard error.
pub fn triage_scan(
    args: &TriageArgs,
    engine: &Engine,
    outcome: &mut ScanOutcome,
) -> Result<Triaged, Error> {
    let mut bundle = bundle_dirs(args, &engine.config);
    bundle.extend(
        [&args.evidence, &args.previous]
            .into_iter()
            .flatten()
            .map(|d| normal(d)),
    );
    outcome.skipped.retain(|s| {
        !(s.reason == SkipReason::ExcludedByConfig && bundle.contains(&normal(Path::new(&s.path))))
    });
    let triage = triage::load(
        &engine.config,
        &engine.rules,
        args.baseline.as_deref(),
        args.acceptances.as_deref(),
        Date::from_epoch(now_epoch()),
    )?;
    let result = triage.apply(&mut outcome.findings);
    notes::write(&triage, &result, &mut io::stderr()).map_err(stderr_error)?;
    Ok(Triaged { triage, result })
}

/// The paths a scan was given, as the bundle's scope register records
/// them (`.` when none was given).
pub fn scan_roots(paths: &[PathBuf]) -> Vec<String> {
    if paths.is_empty() {
        vec![".".to_string()]
    } else {
        paths.iter().map(|p| crate::walk::given_path(p)).collect()
    }
}

/// Writes the evidence bundle when `--evidence` asks for one; whether the
/// gates a scan can decide pass (`true` without a bundle). `scan_roots` are
/// the scanned paths as [`scan_roots`] writes them; `inputs` are files the
/// run read from the work tree that are not part of what it reviews (the
/// shard reports of a merge): they do not make the tree dirty.
///
/// Gate 2 needs a reviewer's signatures, which a fresh bundle cannot have:
/// the scan records its verdict in the bundle but leaves enforcing it to
/// `comply gate`, the step that runs after the review. Otherwise every CI run
/// with `--evidence` would fail until a person edits a file it just wrote.
pub fn write_bundle_if_asked(
    args: &TriageArgs,
    scan_roots: Vec<String>,
    inputs: &[PathBuf],
    engine: &Engine,
    outcome: &ScanOutcome,
    triaged: &Triaged,
) -> Result<bool, Error> {
    let Some(dir) = &args.evidence else {
        return Ok(true);
    };
    let written = bundle::write(&BundleRequest {
        dir,
        engine,
        outcome,
        triage: &triaged.triage,
        scan_roots,
        previous: args.previous.as_deref(),
        template: args.evidence_template.as_deref(),
        now: now_epoch(),
        injected_excludes: bundle_dirs(args, &engine.config)
            .into_iter()
            .map(|d| format!("/{d}/"))
            .collect(),
        inputs,
    })?;
    let mut err = io::stderr();
    let verdicts: Vec<String> = written
        .model
        .gates
        .iter()
        .map(|g| {
            format!(
                "gate {} {}",
                g.number,
                if g.passed { "pass" } else { "FAIL" }
            )
        })
        .collect();
    writeln!(
        err,
        "evidence: wrote {} files to {} ({}; recommended: {})",
        written.files.len(),
        dir.display(),
        verdicts.join(", "),
        written.model.disposition.text()
    )
    .map_err(stderr_error)?;
    Ok(written
        .model
        .gates
        .iter()
        .filter(|g| g.number != 2)
        .all(|g| g.passed))
}

/// `comply baseline`: scans, applies acceptances and `never_suppress`, and
/// records every finding still open (meta findings and findings only an
/// acceptance may settle are left out: a baseline could not silence them).
pub fn run_baseline(args: &BaselineArgs) -> Result<Exit, Error> {
    let engine = load_engine(&crate::commands::engine_options(&args.source))?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut outcome = scan(
        &engine,
        &ScanOptions {
            paths,
            jobs: args.jobs,
            max_file_size: None,
            ..ScanOptions::default()
        },
    )?;
    let triage = triage::load(
        &engine.config,
        &engine.rules,
        None,
        args.acceptances.as_deref(),
        Date::from_epoch(now_epoch()),
    )?;
    triage.apply(&mut outcome.findings);
    let baseline = Baseline::of(outcome.findings.iter().filter(|f| {
        f.status == Status::Open
            && f.family != "meta"
            && !triage
                .never_suppress
                .iter()
                .any(|n| n == f.rule_id.as_str() || n == &f.family)
    }));
    let dir = args
        .output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let name = args
        .output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "baseline.json".into());
    super::files::write_atomic(dir, &name, baseline.to_json().as_bytes())?;
    writeln!(
        io::stderr(),
        "baseline: recorded {} findings in {}",
        baseline.findings.len(),
        args.output.display()
    )
    .map_err(stderr_error)?;
    Ok(if outcome.has_internal_errors() {
        Exit::InternalError
    } else {
        Exit::Clean
    })
}

/// `comply gate DIR`.
pub fn run_gate(args: &GateArgs) -> Result<Exit, Error> {
    let verdict = super::gate_command::evaluate(&args.dir)?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    super::gate_command::render(&verdict, &mut out)
        .and_then(|()| out.flush())
        .map_err(|source| Error::Write {
            path: "<stdout>".into(),
            source,
        })?;
    Ok(if verdict.passed() {
        Exit::Clean
    } else {
        Exit::Findings
    })
}
