//! Reports: every output format is a function of the sorted findings plus
//! scan metadata, nothing else. Printers never analyse.
//!
//! The only module allowed to write to stdout and stderr.
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod explain;
pub mod github;
pub mod gitlab;
pub mod hook;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod rules;
pub mod sarif;
pub mod short;

use std::borrow::Cow;
use std::io::{self, Write};

use crate::config::FailOn;
use crate::finding::{Finding, Status};
use crate::risk::Severity;
use crate::rules::RuleSet;
use crate::scan::ScanOutcome;

/// Output formats of `comply scan --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics with source excerpts (miette).
    Human,
    /// One line per finding: `path:line:col: severity [rule] message`.
    Short,
    /// The versioned JSON report.
    Json,
    /// SARIF 2.1.0 for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands: one pull-request annotation per
    /// open finding, file problems as warnings.
    Github,
    /// JUnit XML: one test case per rule, one failure per open finding, for
    /// CI test-report views.
    Junit,
    /// GitLab's SAST security report (`artifacts: reports: sast:`).
    GitlabSast,
}

/// Everything a report may show.
pub struct Report<'a> {
    /// The scan's outcome.
    pub outcome: &'a ScanOutcome,
    /// The rules that ran.
    pub rules: &'a RuleSet,
    /// Whether to colour output (terminal, no `NO_COLOR`).
    pub color: bool,
}

/// Writes the report in `format` to `out`; notes about files that could not
/// be fully analysed go to `notes` for the human and short formats and into
/// the output itself for the others.
pub fn render(
    format: Format,
    report: &Report<'_>,
    out: &mut dyn Write,
    notes: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => {
            human::render(report, out)?;
            write_notes(report.outcome, notes)
        }
        Format::Short => {
            short::render(report.outcome, out)?;
            write_notes(report.outcome, notes)
        }
        Format::Json => json::render(report, out),
        Format::Sarif => sarif::render(report, out),
        Format::Github => github::render(report.outcome, out),
        Format::Junit => junit::render(report, out),
        Format::GitlabSast => gitlab::render(report.outcome, out),
    }
}

/// Problems and walk warnings as `warning:` lines.
pub fn write_notes(outcome: &ScanOutcome, notes: &mut dyn Write) -> io::Result<()> {
    for warning in &outcome.warnings {
        writeln!(notes, "warning: {}", escape_control(warning, false))?;
    }
    for problem in &outcome.problems {
        let place = match problem.line {
            Some(line) => format!("{}:{line}", problem.path),
            None => problem.path.clone(),
        };
        writeln!(
            notes,
            "warning: {}: {}",
            escape_control(&place, false),
            escape_control(&problem.message, false)
        )?;
    }
    Ok(())
}

/// Counts of open findings per severity, most severe first.
pub fn open_by_severity(findings: &[Finding]) -> Vec<(Severity, usize)> {
    Severity::DESCENDING
        .iter()
        .map(|&sev| {
            (
                sev,
                findings
                    .iter()
                    .filter(|f| f.severity == sev && f.status == Status::Open)
                    .count(),
            )
        })
        .collect()
}

/// Whether the open findings fail the run at this level.
pub fn fails(findings: &[Finding], fail_on: FailOn) -> bool {
    match fail_on {
        FailOn::Never => false,
        FailOn::AtLeast(min) => findings
            .iter()
            .any(|f| f.status == Status::Open && f.severity >= min),
    }
}

/// Escapes what text from a scanned repository could use to drive a
/// terminal or break a document: control characters (escape sequences in
/// file names, newlines) and the noncharacters U+FFFE and U+FFFF become Rust
/// escapes such as `\u{1b}`. Tabs and line breaks are kept when
/// `keep_breaks` (multi-line text in a document), escaped otherwise.
pub fn escape_control(text: &str, keep_breaks: bool) -> Cow<'_, str> {
    let escaped = |c: char| {
        let allowed_break = keep_breaks && matches!(c, '\t' | '\n' | '\r');
        (c.is_control() && !allowed_break) || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_breaks_kept_on_request() {
        assert_eq!(escape_control("plain <&> text", false), "plain <&> text");
        assert_eq!(escape_control("a\u{0}b\u{1b}c", true), "a\\u{0}b\\u{1b}c");
        assert_eq!(
            escape_control("x\u{fffe}\u{ffff}\u{85}", true),
            "x\\u{fffe}\\u{ffff}\\u{85}"
        );
        assert_eq!(escape_control("line\n\tnext\r", true), "line\n\tnext\r");
        assert_eq!(escape_control("line\nnext", false), "line\\nnext");
    }
}
