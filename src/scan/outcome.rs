//! The outcome of a scan, and how the per-file reports become one: the
//! project pass's findings added, test files scored, everything sorted so
//! output is byte-identical whatever the thread count.

use std::collections::BTreeMap;

use crate::analyze::{FileProblem, FileReport, ProblemKind};
use crate::engine::Engine;
use crate::finding::Finding;
use crate::shard::ShardRecord;
use crate::walk::Skip;

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
    /// Which slice of which scan this is, for `--shard K/N` (the JSON
    /// report records it for `comply merge`); `None` for a whole scan.
    pub shard: Option<ShardRecord>,
}

impl ScanOutcome {
    /// Whether comply itself failed on some file (exit status 2).
    pub fn has_internal_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.kind == ProblemKind::InternalError)
    }
}

/// What the analysed files have reported so far. Each worker folds its
/// files' reports in as they finish, so a large tree's per-file reports are
/// never all held at once; order is restored by sorting in [`collect`].
/// The project pass takes its part of each report before it comes here.
#[derive(Debug, Default)]
pub(super) struct Gathered {
    findings: Vec<Finding>,
    problems: Vec<FileProblem>,
    skipped: Vec<Skip>,
    files_scanned: usize,
    languages: BTreeMap<String, usize>,
}

impl Gathered {
    /// Folds in the report of the file shown as `path`.
    pub(super) fn add(mut self, path: &str, report: FileReport) -> Gathered {
        self.problems.extend(report.problems);
        if let Some(reason) = report.skipped {
            self.skipped.push(Skip {
                path: path.to_string(),
                reason,
            });
            return self;
        }
        if let Some(language) = report.language {
            *self
                .languages
                .entry(language.rule_name().to_string())
                .or_insert(0) += 1;
        }
        self.files_scanned += 1;
        self.findings.extend(report.findings);
        self
    }

    /// Both workers' reports together.
    pub(super) fn merge(mut self, mut other: Gathered) -> Gathered {
        self.findings.append(&mut other.findings);
        self.problems.append(&mut other.problems);
        self.skipped.append(&mut other.skipped);
        self.files_scanned += other.files_scanned;
        for (language, count) in other.languages {
            *self.languages.entry(language).or_insert(0) += count;
        }
        self
    }
}

/// Turns the gathered reports into one outcome: the project pass's findings
/// added, findings in test files scored as such (after the project pass, so
/// its findings are scored too), everything sorted.
pub(super) fn collect(
    gathered: Gathered,
    mut skipped: Vec<Skip>,
    warnings: Vec<String>,
    engine: &Engine,
    project_findings: Vec<Finding>,
) -> ScanOutcome {
    let Gathered {
        mut findings,
        problems,
        skipped: skipped_late,
        files_scanned,
        languages,
    } = gathered;
    skipped.extend(skipped_late);
    findings.extend(project_findings);
    let mut outcome = ScanOutcome {
        warnings,
        files_scanned,
        languages,
        findings,
        problems,
        ..ScanOutcome::default()
    };
    let config = &engine.config;
    config
        .test_files
        .apply(&config.overrides, &mut outcome.findings);
    outcome.findings.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| a.fingerprint.cmp(&b.fingerprint))
    });
    skipped.sort();
    skipped.dedup();
    outcome.skipped = skipped;
    outcome.problems.sort();
    outcome
}
