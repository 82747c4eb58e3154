//! The outcome of a scan, and how the per-file reports become one: the
//! project pass's findings added, test files scored, everything sorted so
//! output is byte-identical whatever the thread count.

use std::collections::{BTreeMap, BTreeSet};

use crate::analyze::{FileProblem, FileReport, ProblemKind};
use crate::engine::Engine;
use crate::finding::Finding;
use crate::project::FileRoutes;
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

/// Whether this scan runs the project pass, and the project facts of files
/// read only for it (the rest of the tree, in shard 1 of a sharded scan).
pub(super) struct ProjectPass {
    /// Whether the project-scoped rules run in this scan at all.
    pub(super) run: bool,
    /// Per file outside this shard, its path and route facts.
    pub(super) outside: Vec<(String, Option<Box<FileRoutes>>)>,
}

impl ProjectPass {
    /// The pass over exactly the files analysed.
    pub(super) fn whole() -> ProjectPass {
        ProjectPass {
            run: true,
            outside: Vec::new(),
        }
    }
}

/// What the analysed files have reported so far. Each worker folds its
/// files' reports in as they finish, so a large tree's per-file reports are
/// never all held at once; order is restored by sorting in [`collect`].
/// Paths are borrowed from the list of files being scanned.
#[derive(Debug, Default)]
pub(super) struct Gathered<'a> {
    findings: Vec<Finding>,
    problems: Vec<FileProblem>,
    skipped: Vec<Skip>,
    routes: Vec<FileRoutes>,
    scanned: BTreeSet<&'a str>,
    languages: BTreeMap<String, usize>,
}

impl<'a> Gathered<'a> {
    /// Folds in the report of the file shown as `path`.
    pub(super) fn add(mut self, path: &'a str, report: FileReport) -> Gathered<'a> {
        self.problems.extend(report.problems);
        self.routes.extend(report.routes.map(|r| *r));
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
        self.scanned.insert(path);
        self.findings.extend(report.findings);
        self
    }

    /// Both workers' reports together.
    pub(super) fn merge(mut self, mut other: Gathered<'a>) -> Gathered<'a> {
        self.findings.append(&mut other.findings);
        self.problems.append(&mut other.problems);
        self.skipped.append(&mut other.skipped);
        self.routes.append(&mut other.routes);
        self.scanned.append(&mut other.scanned);
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
    gathered: Gathered<'_>,
    mut skipped: Vec<Skip>,
    warnings: Vec<String>,
    engine: &Engine,
    project: ProjectPass,
) -> ScanOutcome {
    let Gathered {
        findings,
        problems,
        skipped: skipped_late,
        mut routes,
        mut scanned,
        languages,
    } = gathered;
    skipped.extend(skipped_late);
    let mut outcome = ScanOutcome {
        warnings,
        files_scanned: scanned.len(),
        languages,
        findings,
        problems,
        ..ScanOutcome::default()
    };
    // Rules that need every file's facts (rate limiting) run once all are
    // in, over the summaries in path order whatever order workers finished.
    if project.run {
        routes.sort_by(|a, b| a.path.cmp(&b.path));
        let (outside, outside_routes): (Vec<String>, Vec<_>) = project.outside.into_iter().unzip();
        routes.extend(outside_routes.into_iter().flatten().map(|r| *r));
        scanned.extend(outside.iter().map(String::as_str));
        outcome
            .findings
            .extend(crate::project::run(&routes, &scanned, &engine.rules));
    }
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
