//! Criterion micro-benchmarks of the per-file hot paths: the keyword
//! pre-filter, each front end's fact extraction, the rule pass over parsed
//! facts, and the whole per-file pipeline.
//!
//! Inputs are realistic: every corpus file of a language joined into one
//! text (the corpus is written as code teams ship), and comply's own Rust
//! sources. `cargo bench --bench hot_paths`; callgrind gives stable
//! instruction counts for the same functions when the machine is noisy.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use comply::analyze::analyze_bytes;
use comply::lang::{self, Language};
use comply::rules::matcher::{match_file, FileView};
use comply::{load_engine, EngineOptions};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every file under `dirs` (relative to the crate) whose name ends in one of
/// `endings`, joined with newlines, in a stable order.
fn joined(dirs: &[&str], endings: &[&str]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in dirs {
        files_under(&root.join(dir), &mut files);
    }
    files.sort();
    let mut text = String::new();
    for file in files {
        let name = file.to_string_lossy();
        if endings.iter().any(|e| name.ends_with(e)) {
            if let Ok(body) = fs::read_to_string(&file) {
                text.push_str(&body);
                text.push('\n');
            }
        }
    }
    text
}

struct Input {
    name: &'static str,
    language: Language,
    file_name: &'static str,
    text: String,
}

fn inputs() -> Vec<Input> {
    let input = |name, language, file_name, text| Input {
        name,
        language,
        file_name,
        text,
    };
    vec![
        input(
            "javascript",
            Language::JavaScript,
            "app.js",
            joined(&["corpus/javascript"], &[".js", ".mjs", ".cjs"]),
        ),
        input(
            "typescript",
            Language::TypeScript,
            "app.ts",
            joined(&["corpus/typescript"], &[".ts"]),
        ),
        input("rust", Language::Rust, "lib.rs", joined(&["src"], &[".rs"])),
        input(
            "yaml",
            Language::Yaml,
            "all.yaml",
            joined(&["corpus/yaml"], &[".yaml", ".yml"]),
        ),
        input(
            "toml",
            Language::Toml,
            "Cargo.toml",
            joined(&["corpus/toml"], &[".toml"]),
        ),
    ]
}

fn benches(c: &mut Criterion) {
    let engine = load_engine(&EngineOptions::default()).expect("built-in packs load");
    let rules = &engine.rules;
    let inputs = inputs();

    let mut group = c.benchmark_group("prefilter");
    for input in &inputs {
        group.throughput(Throughput::Bytes(input.text.len() as u64));
        group.bench_function(input.name, |b| {
            b.iter(|| rules.prefilter().scan(black_box(&input.text)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("extract");
    for input in &inputs {
        group.throughput(Throughput::Bytes(input.text.len() as u64));
        group.bench_function(input.name, |b| {
            b.iter(|| lang::parse(input.language, black_box(&input.text)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("match");
    for input in &inputs {
        let found = rules.prefilter().scan(&input.text);
        let parsed = lang::parse(input.language, &input.text);
        let view = FileView {
            language: input.language,
            text: &input.text,
            found: &found,
            parsed: parsed.as_ref(),
        };
        group.throughput(Throughput::Bytes(input.text.len() as u64));
        group.bench_function(input.name, |b| {
            b.iter(|| match_file(&rules.rules, black_box(&view)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("pipeline");
    for input in &inputs {
        group.throughput(Throughput::Bytes(input.text.len() as u64));
        group.bench_function(input.name, |b| {
            b.iter(|| {
                analyze_bytes(
                    input.file_name,
                    Path::new(input.file_name),
                    black_box(input.text.clone().into_bytes()),
                    rules,
                    None,
                )
            })
        });
    }
    group.finish();
}

criterion_group!(hot_paths, benches);
criterion_main!(hot_paths);
