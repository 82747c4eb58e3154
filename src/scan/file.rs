//! One file of a scan: read as it is now (it may have changed since
//! discovery) and analysed, with a panic turned into a reported problem so
//! one bad file never ends the scan.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::Duration;

use crate::analyze::{analyze_for_project, FileProblem, FileReport, ProblemKind, ProjectParse};
use crate::rules::RuleSet;
use crate::source::{read_file, Loaded};
use crate::walk::{Candidate, SkipReason};
use crate::watch::{self, Stage};

/// Reads a discovered file and analyses it. The file may have changed since
/// discovery: gone or no longer a regular file, it is an unreadable problem
/// and skip; grown past the cap, a too-large skip; truncated, it is
/// analysed as it is now.
pub(super) fn read_and_analyze(
    candidate: Candidate<'_>,
    rules: &RuleSet,
    budget: Option<Duration>,
    cap: u64,
    project: ProjectParse,
) -> FileReport {
    match read_file(candidate.path, cap) {
        Ok(Loaded::Bytes(bytes)) => analyze_caught(
            candidate.display,
            candidate.path,
            bytes,
            rules,
            budget,
            project,
        ),
        Ok(Loaded::TooLarge) => FileReport {
            skipped: Some(SkipReason::TooLarge),
            ..FileReport::default()
        },
        Err(err) => FileReport {
            problems: vec![FileProblem {
                path: candidate.display.to_string(),
                line: None,
                kind: ProblemKind::Unreadable,
                message: err.to_string(),
            }],
            skipped: Some(SkipReason::Unreadable),
            ..FileReport::default()
        },
    }
}

/// `analyze_for_project` with a panic turned into an internal-error problem that
/// names the file and the rule (or stage) it happened in. The panic's own
/// message is not kept: it may quote scanned text, a secret included.
pub(super) fn analyze_caught(
    display: &str,
    path: &Path,
    bytes: Vec<u8>,
    rules: &RuleSet,
    budget: Option<Duration>,
    project: ProjectParse,
) -> FileReport {
    catch_unwind(AssertUnwindSafe(|| {
        analyze_for_project(display, path, bytes, rules, budget, project)
    }))
    .unwrap_or_else(|_| {
        let during = match watch::stage() {
            Stage::Reading => "while reading the file".to_string(),
            Stage::Parsing => "while parsing".to_string(),
            Stage::Rule(index) => match rules.rules.get(index) {
                Some(rule) => format!("while applying rule {}", rule.id),
                None => "while applying the rules".to_string(),
            },
            Stage::Reporting => "while building findings".to_string(),
        };
        FileReport {
            problems: vec![FileProblem {
                path: display.to_string(),
                line: None,
                kind: ProblemKind::InternalError,
                message: format!(
                    "internal error {during} (a bug in comply); this file was not fully scanned, other files were"
                ),
            }],
            ..FileReport::default()
        }
    })
}
