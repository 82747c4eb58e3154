//! Whole-pipeline timing of a scan of `corpus/` with the built-in packs:
//! engine load (pack compilation) and the parallel scan, reported as medians.
//! `cargo bench --bench scan`. The fuller harness (generated trees, peers,
//! scaling) belongs to the performance work; this one keeps a number on the
//! end-to-end path from the start.
#![allow(clippy::print_stdout)]

use std::path::Path;
use std::time::{Duration, Instant};

use comply::{load_engine, scan, EngineOptions, ScanOptions};

const RUNS: usize = 30;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut load = Vec::with_capacity(RUNS);
    let mut run = Vec::with_capacity(RUNS);
    let mut findings = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let engine = load_engine(&EngineOptions::default()).expect("built-in packs load");
        load.push(start.elapsed());
        let options = ScanOptions {
            paths: vec![corpus.clone()],
            ..ScanOptions::default()
        };
        let start = Instant::now();
        let outcome = scan(&engine, &options).expect("corpus scans");
        run.push(start.elapsed());
        findings = outcome.findings.len();
    }
    println!(
        "engine load (compile packs): median {:?} over {RUNS} runs",
        median(load)
    );
    println!(
        "scan corpus/ ({findings} findings): median {:?} over {RUNS} runs",
        median(run)
    );
}
