//! `--format json`: the versioned report that CI users, editors and later
//! tools (evidence, merge) build on. Version 1; a breaking change bumps it.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{open_by_severity, Report};
use crate::analyze::FileProblem;
use crate::finding::Finding;
use crate::risk::Severity;
use crate::shard::ShardRecord;

/// The report's schema version.
pub const JSON_REPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: Tool,
    #[serde(skip_serializing_if = "Option::is_none")]
    shard: Option<&'a ShardRecord>,
    summary: Summary<'a>,
    findings: &'a [Finding],
    problems: &'a [FileProblem],
    /// Problems met while walking (an unreadable folder, a FIFO), which
    /// name no scanned file; left out when there are none.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// Open findings per severity, most severe first.
#[derive(Serialize, Default)]
struct BySeverity {
    critical: usize,
    high: usize,
    medium: usize,
    low: usize,
    info: usize,
}

impl BySeverity {
    fn count(findings: &[Finding]) -> BySeverity {
        let mut counts = BySeverity::default();
        for (severity, n) in open_by_severity(findings) {
            let slot = match severity {
                Severity::Critical => &mut counts.critical,
                Severity::High => &mut counts.high,
                Severity::Medium => &mut counts.medium,
                Severity::Low => &mut counts.low,
                Severity::Info => &mut counts.info,
            };
            *slot = n;
        }
        counts
    }
}

#[derive(Serialize)]
struct Summary<'a> {
    files_scanned: usize,
    files_skipped: usize,
    findings: usize,
    by_severity: BySeverity,
    skipped_by_reason: BTreeMap<&'static str, usize>,
    languages: &'a BTreeMap<String, usize>,
}

fn document<'a>(report: &'a Report<'_>) -> JsonReport<'a> {
    let outcome = report.outcome;
    let mut skipped_by_reason = BTreeMap::new();
    for skip in &outcome.skipped {
        *skipped_by_reason.entry(skip.reason.as_str()).or_insert(0) += 1;
    }
    JsonReport {
        version: JSON_REPORT_VERSION,
        tool: Tool {
            name: "comply",
            version: env!("CARGO_PKG_VERSION"),
        },
        shard: outcome.shard.as_ref(),
        summary: Summary {
            files_scanned: outcome.files_scanned,
            files_skipped: outcome.skipped.len(),
            findings: outcome.findings.len(),
            by_severity: BySeverity::count(&outcome.findings),
            skipped_by_reason,
            languages: &outcome.languages,
        },
        findings: &outcome.findings,
        problems: &outcome.problems,
        warnings: &outcome.warnings,
    }
}

/// Writes the JSON report, pretty-printed, with a trailing newline.
pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(report))?;
    writeln!(out)
}

/// The report as a JSON value, for documents that embed it (the evidence
/// bundle's `scan-results.json` adds its own keys around the same schema).
pub fn to_value(report: &Report<'_>) -> serde_json::Result<serde_json::Value> {
    serde_json::to_value(document(report))
}
