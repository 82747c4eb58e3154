//! The scan driver: discovery, then every file analysed in parallel, then one
//! sorted outcome. The only place with parallelism.
//!
//! Files are collected and sorted before the parallel stage and results are
//! sorted after it, so output is byte-identical whatever the thread count.
//! Each file runs inside `catch_unwind`: one bad file is a reported internal
//! error, not a dead scan.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::analyze::{analyze_bytes, FileProblem, FileReport, ProblemKind};
use crate::engine::Engine;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::RuleSet;
use crate::walk::{self, Candidate, Skip, SkipReason, WalkOptions};

/// Worker threads get a large stack: recursive parsers (syn) on deeply nested
/// input must not overflow it.
const WORKER_STACK_SIZE: usize = 64 << 20;

/// What to scan and how.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    /// Files and folders to scan.
    pub paths: Vec<PathBuf>,
    /// Worker threads (`None`: one per core).
    pub jobs: Option<usize>,
    /// Size cap override (bytes).
    pub max_file_size: Option<u64>,
}

/// The result of a scan: sorted findings plus the accounting reports need.
#[derive(Debug, Default)]
pub struct ScanOutcome {
    /// Findings sorted by path, line, column, rule id.
    pub findings: Vec<Finding>,
    /// Files read and analysed.
    pub files_scanned: usize,
    /// Files analysed per language (rule-pack language names).
    pub languages: BTreeMap<String, usize>,
    /// Files and folders not scanned, with reasons, sorted.
    pub skipped: Vec<Skip>,
    /// Problems with individual files, sorted.
    pub problems: Vec<FileProblem>,
    /// Problems met while walking.
    pub warnings: Vec<String>,
}

impl ScanOutcome {
    /// Whether comply itself failed on some file (exit status 2).
    pub fn has_internal_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.kind == ProblemKind::InternalError)
    }
}

/// Scans the paths with the engine's rules.
pub fn scan(engine: &Engine, options: &ScanOptions) -> Result<ScanOutcome, Error> {
    let walk_options = WalkOptions {
        max_file_size: options
            .max_file_size
            .or(engine.config.max_file_size)
            .unwrap_or(walk::DEFAULT_MAX_FILE_SIZE),
        exclude: engine.config.exclude.clone(),
        exclude_base: engine
            .config
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(".")),
    };
    let discovery = walk::discover(&options.paths, &walk_options)
        .map_err(|(path, source)| Error::Io { path, source })?;
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK_SIZE);
    if let Some(jobs) = options.jobs {
        builder = builder.num_threads(jobs.max(1));
    }
    let pool = builder
        .build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))?;
    let reports: Vec<(String, FileReport)> = pool.install(|| {
        discovery
            .files
            .par_iter()
            .map(|candidate| {
                (
                    candidate.display.clone(),
                    analyze_guarded(candidate, &engine.rules),
                )
            })
            .collect()
    });
    Ok(collect(reports, discovery.skipped, discovery.warnings))
}

fn analyze_guarded(candidate: &Candidate, rules: &RuleSet) -> FileReport {
    let bytes = match std::fs::read(&candidate.path) {
        Ok(bytes) => bytes,
        Err(err) => {
            return FileReport {
                problems: vec![FileProblem {
                    path: candidate.display.clone(),
                    line: None,
                    kind: ProblemKind::Unreadable,
                    message: err.to_string(),
                }],
                skipped: Some(SkipReason::Unreadable),
                ..FileReport::default()
            }
        }
    };
    catch_unwind(AssertUnwindSafe(|| analyze_bytes(&candidate.display, &candidate.path, bytes, rules))).unwrap_or_else(|_| {
        FileReport {
            problems: vec![FileProblem {
                path: candidate.display.clone(),
                line: None,
                kind: ProblemKind::InternalError,
                message: "internal error while analysing this file (a bug in comply); other files were scanned".into(),
            }],
            ..FileReport::default()
        }
    })
}

fn collect(
    reports: Vec<(String, FileReport)>,
    mut skipped: Vec<Skip>,
    warnings: Vec<String>,
) -> ScanOutcome {
    let mut outcome = ScanOutcome {
        warnings,
        ..ScanOutcome::default()
    };
    for (path, report) in reports {
        outcome.problems.extend(report.problems);
        if let Some(reason) = report.skipped {
            skipped.push(Skip { path, reason });
            continue;
        }
        outcome.files_scanned += 1;
        if let Some(language) = report.language {
            *outcome
                .languages
                .entry(language.rule_name().to_string())
                .or_insert(0) += 1;
        }
        outcome.findings.extend(report.findings);
    }
    outcome.findings.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| a.fingerprint.cmp(&b.fingerprint))
    });
    skipped.sort();
    outcome.skipped = skipped;
    outcome.problems.sort();
    outcome
}
