//! `comply merge`: the JSON reports of the shards of one run (`--shard K/N`)
//! read back and combined into one scan outcome, which every report format
//! (and the evidence bundle) then renders as it would an unsharded scan: the
//! merged `--format json` is byte-identical to the JSON report of the same
//! scan run in one piece.
//!
//! Findings and problems are concatenated and sorted as the scan driver
//! sorts them; file, language and skip counts are added up; severity counts
//! are recomputed by the report. The JSON report holds skip counts, not the
//! skipped paths, so the merged outcome carries unnamed skips. Shard reports
//! say which slice of which scan they hold: a set with a slice missing,
//! repeated or from another scan is refused.
//!
//! The reader mirrors the version 1 schema with unknown fields refused: a
//! report from another schema is an error, never half-merged.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use crate::analyze::{FileProblem, ProblemKind};
use crate::error::{Error, InputError};
use crate::facts::Span;
use crate::finding::{Context, Excerpt, Finding, Status, Suppression};
use crate::report::json::JSON_REPORT_VERSION;
use crate::risk::Severity;
use crate::rules::{RuleId, RuleSet};
use crate::scan::ScanOutcome;
use crate::shard::{self, ShardRecord};
use crate::triage::inline;
use crate::walk::{Skip, SkipReason};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InReport {
    version: u32,
    tool: InTool,
    #[serde(default)]
    shard: Option<ShardRecord>,
    summary: InSummary,
    findings: Vec<InFinding>,
    problems: Vec<InProblem>,
    #[serde(default)]
    warnings: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InTool {
    name: String,
    version: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InSummary {
    files_scanned: usize,
    files_skipped: usize,
    #[allow(dead_code)]
    findings: usize,
    #[allow(dead_code)]
    by_severity: BTreeMap<String, usize>,
    skipped_by_reason: BTreeMap<String, usize>,
    languages: BTreeMap<String, usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InFinding {
    rule_id: String,
    family: String,
    severity: String,
    likelihood: u8,
    impact: u8,
    risk_score: u8,
    #[serde(default)]
    context: Option<Context>,
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: String,
    snippet: String,
    controls: Vec<String>,
    cwe: Vec<String>,
    fingerprint: String,
    status: String,
    #[serde(default)]
    suppression: Option<Suppression>,
    #[serde(default)]
    acceptance: Option<String>,
    title: String,
    fix: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InProblem {
    path: String,
    line: Option<usize>,
    kind: String,
    message: String,
}

const SKIP_REASONS: [SkipReason; 8] = [
    SkipReason::ExcludedDirectory,
    SkipReason::ExcludedByConfig,
    SkipReason::LockFile,
    SkipReason::Minified,
    SkipReason::Binary,
    SkipReason::TooLarge,
    SkipReason::Unreadable,
    SkipReason::Timeout,
];

const STATUSES: [(&str, Status); 4] = [
    ("open", Status::Open),
    ("suppressed", Status::Suppressed),
    ("baselined", Status::Baselined),
    ("accepted", Status::Accepted),
];

const PROBLEM_KINDS: [(&str, ProblemKind); 4] = [
    ("unreadable", ProblemKind::Unreadable),
    ("parse-error", ProblemKind::ParseError),
    ("not-utf8", ProblemKind::NotUtf8),
    ("internal-error", ProblemKind::InternalError),
];

/// One report to merge: where it came from and its text.
#[derive(Debug, Clone)]
pub struct ReportText {
    /// The file name, for diagnostics.
    pub name: String,
    /// The JSON text.
    pub text: String,
}

/// The merged reports.
#[derive(Debug)]
pub struct Merged {
    /// One outcome, as the unsharded scan would have returned it.
    pub outcome: ScanOutcome,
    /// The paths the sharded scan was given, when the reports are the
    /// slices of one `--shard` run (reports written without `--shard` do not
    /// record them).
    pub scan_paths: Option<Vec<String>>,
}

/// Reads the reports and merges them; the rule set must hold every rule the
/// reports name (the same packs and configuration as the shards).
pub fn merge(reports: &[ReportText], rules: &RuleSet) -> Result<Merged, Error> {
    let parsed: Vec<InReport> = reports
        .iter()
        .map(parse_checked)
        .collect::<Result<_, _>>()?;
    let scan_paths = check_set(reports, &parsed)?;
    let mut outcome = ScanOutcome::default();
    let mut skipped_by_reason: BTreeMap<String, usize> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for (report, parsed) in reports.iter().zip(parsed) {
        let invalid = |message: String| -> Error {
            InputError::at(&report.name, &report.text, None, 0, message).into()
        };
        let summary = parsed.summary;
        outcome.files_scanned += summary.files_scanned;
        for (language, n) in summary.languages {
            *outcome.languages.entry(language).or_insert(0) += n;
        }
        for (reason, n) in summary.skipped_by_reason {
            *skipped_by_reason.entry(reason).or_insert(0) += n;
        }
        for finding in parsed.findings {
            if !seen.insert((finding.path.clone(), finding.fingerprint.clone())) {
                return Err(invalid(format!(
                    "{} repeats a finding of another report ({}:{}): merge the shards of one \
                     run, each once",
                    report.name, finding.path, finding.line
                )));
            }
            outcome
                .findings
                .push(to_finding(finding, rules).map_err(&invalid)?);
        }
        for problem in parsed.problems {
            outcome
                .problems
                .push(to_problem(problem).map_err(&invalid)?);
        }
        // Only shard 1 carries the walk's warnings.
        outcome.warnings.extend(parsed.warnings);
    }
    for (reason, n) in skipped_by_reason {
        let reason = SKIP_REASONS
            .into_iter()
            .find(|r| r.as_str() == reason)
            .ok_or_else(|| Error::Usage(format!("unknown skip reason `{reason}` in a report")))?;
        outcome.skipped.extend((0..n).map(|_| Skip {
            path: String::new(),
            reason,
        }));
    }
    outcome.findings.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| a.fingerprint.cmp(&b.fingerprint))
    });
    outcome.problems.sort();
    Ok(Merged {
        outcome,
        scan_paths,
    })
}

/// One report parsed, and refused unless this very comply wrote it with
/// consistent counts.
fn parse_checked(report: &ReportText) -> Result<InReport, Error> {
    let parsed = parse(report)?;
    let invalid = |message: String| -> Error {
        InputError::at(&report.name, &report.text, None, 0, message).into()
    };
    if parsed.tool.name != "comply" || parsed.version != JSON_REPORT_VERSION {
        return Err(invalid(format!(
            "{} is not a version {JSON_REPORT_VERSION} comply JSON report",
            report.name
        )));
    }
    if parsed.tool.version != env!("CARGO_PKG_VERSION") {
        return Err(invalid(format!(
            "{} was written by comply {}, this is comply {}: merge with the version that scanned",
            report.name,
            parsed.tool.version,
            env!("CARGO_PKG_VERSION")
        )));
    }
    let summary = &parsed.summary;
    if summary.skipped_by_reason.values().sum::<usize>() != summary.files_skipped {
        return Err(invalid(format!(
            "{}: files_skipped does not match skipped_by_reason",
            report.name
        )));
    }
    Ok(parsed)
}

/// Whether the reports are the slices of one sharded scan, each once (then
/// the scan's paths), or reports of whole scans (`None`); a mix is refused.
fn check_set(reports: &[ReportText], parsed: &[InReport]) -> Result<Option<Vec<String>>, Error> {
    let mut slices: Vec<(&str, &ShardRecord)> = Vec::new();
    let mut whole: Option<&str> = None;
    for (report, parsed) in reports.iter().zip(parsed) {
        match &parsed.shard {
            Some(record) => slices.push((&report.name, record)),
            None => whole = Some(&report.name),
        }
    }
    match (slices.first(), whole) {
        (None, _) => Ok(None),
        (Some((sharded, _)), Some(name)) => Err(Error::Usage(format!(
            "{name} was written without --shard, {sharded} with it: merge the shards of one run"
        ))),
        (Some(_), None) => shard::check_slices(&slices).map(Some).map_err(Error::Usage),
    }
}

fn parse(report: &ReportText) -> Result<InReport, Error> {
    serde_json::from_str(&report.text).map_err(|err| {
        let offset = report
            .text
            .split_inclusive('\n')
            .take(err.line().saturating_sub(1))
            .map(str::len)
            .sum::<usize>()
            + err.column().saturating_sub(1);
        InputError::at(
            &report.name,
            &report.text,
            Some(offset),
            1,
            format!("not a comply JSON report: {err}"),
        )
        .with_help("merge the reports of `comply scan --format json --shard K/N`")
        .into()
    })
}

fn to_finding(f: InFinding, rules: &RuleSet) -> Result<Finding, String> {
    // Meta findings (a suppression without a reason) come from triage, not a pack.
    if f.rule_id != inline::WITHOUT_REASON && rules.get(&f.rule_id).is_none() {
        return Err(format!(
            "rule `{}` is not loaded: merge with the packs and configuration the shards used",
            f.rule_id
        ));
    }
    let rule_id = RuleId::parse(&f.rule_id)?;
    let severity: Severity = f
        .severity
        .parse()
        .map_err(|_| format!("unknown severity `{}`", f.severity))?;
    let status = STATUSES
        .iter()
        .find(|(name, _)| *name == f.status)
        .map(|&(_, s)| s)
        .ok_or_else(|| format!("unknown status `{}`", f.status))?;
    let excerpt = excerpt(&f.snippet, f.line, f.column, f.end_line, f.end_column);
    Ok(Finding {
        rule_id,
        family: f.family,
        severity,
        likelihood: f.likelihood,
        impact: f.impact,
        risk_score: f.risk_score,
        context: f.context,
        path: f.path,
        line: f.line,
        column: f.column,
        end_line: f.end_line,
        end_column: f.end_column,
        message: f.message,
        snippet: f.snippet,
        controls: f.controls,
        cwe: f.cwe,
        fingerprint: f.fingerprint,
        status,
        suppression: f.suppression,
        acceptance: f.acceptance,
        title: f.title,
        fix: f.fix,
        excerpt,
    })
}

fn to_problem(p: InProblem) -> Result<FileProblem, String> {
    let kind = PROBLEM_KINDS
        .iter()
        .find(|(name, _)| *name == p.kind)
        .map(|&(_, k)| k)
        .ok_or_else(|| format!("unknown problem kind `{}`", p.kind))?;
    Ok(FileProblem {
        path: p.path,
        line: p.line,
        kind,
        message: p.message,
    })
}

/// The excerpt of a finding rebuilt from its snippet (its redacted lines,
/// starting at `line`) and its 1-based character columns. Only graphical
/// reports use it; the JSON report carries the snippet as it came.
fn excerpt(
    snippet: &str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
) -> Excerpt {
    let offset = |target_line: usize, target_column: usize| -> usize {
        let mut at = 0;
        for (i, text) in snippet.split_inclusive('\n').enumerate() {
            if line + i == target_line {
                let body = text.trim_end_matches('\n');
                let chars: usize = body
                    .chars()
                    .take(target_column.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                return at + chars;
            }
            at += text.len();
        }
        snippet.len()
    };
    let start = offset(line, column);
    let mut end = offset(end_line, end_column).max(start);
    // Columns count the original text; a secret in the span was shortened
    // to its first characters and `…`, so the span ends at the ellipsis.
    if let Some(at) = snippet[start..end].rfind('…') {
        end = start + at + '…'.len_utf8();
    }
    Excerpt {
        text: snippet.to_string(),
        first_line: line,
        span: Span { start, end },
    }
}

/// Reads the report files named on the command line.
pub fn read_reports(paths: &[impl AsRef<Path>]) -> Result<Vec<ReportText>, Error> {
    paths
        .iter()
        .map(|path| {
            let path = path.as_ref();
            let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
            Ok(ReportText {
                name: path.display().to_string(),
                text,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_spans_are_rebuilt_from_columns() {
        let e = excerpt("  const x = é(8);\n  next\n", 4, 14, 4, 17);
        assert_eq!(&e.text[e.span.start..e.span.end], "(8)");
        let e = excerpt("a\nbcd\n", 7, 2, 8, 3);
        assert_eq!(&e.text[e.span.start..e.span.end], "\nbc");
        let e = excerpt("key = \"AKIA…\";\n", 3, 8, 3, 28);
        assert_eq!(&e.text[e.span.start..e.span.end], "AKIA…");
    }

    #[test]
    fn every_skip_reason_is_known_to_the_reader() {
        let names: BTreeSet<&str> = SKIP_REASONS.iter().map(|r| r.as_str()).collect();
        assert_eq!(names.len(), SKIP_REASONS.len());
        // A new reason must be added to the reader: this match stops compiling.
        for reason in SKIP_REASONS {
            match reason {
                SkipReason::ExcludedDirectory
                | SkipReason::ExcludedByConfig
                | SkipReason::LockFile
                | SkipReason::Minified
                | SkipReason::Binary
                | SkipReason::TooLarge
                | SkipReason::Unreadable
                | SkipReason::Timeout => {}
            }
        }
    }
}
