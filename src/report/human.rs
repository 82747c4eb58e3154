//! `--format human`: compiler-style diagnostics rendered by miette — the
//! rule id and severity, the source lines with the offending span
//! underlined, the controls at risk, and the fix; and the one-line summary
//! written on stderr.
//!
//! The excerpt shown is the finding's own redacted excerpt, never the file.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{escape_control, open_by_severity, Report};
use crate::finding::{Finding, Status};
use crate::risk::Severity;

/// Width the graphical report wraps at.
const REPORT_WIDTH: usize = 100;

/// A finding's redacted lines, with line numbers as in the real file.
struct ExcerptSource {
    name: String,
    text: String,
    first_line: usize,
}

impl SourceCode for ExcerptSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line - 1,
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// One finding as a miette diagnostic.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: ExcerptSource,
    message: String,
    help: String,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{} [{}]",
            self.finding.rule_id, self.finding.severity
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Critical | Severity::High => miette::Severity::Error,
            Severity::Medium => miette::Severity::Warning,
            Severity::Low | Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.finding.excerpt.span;
        let label = self.finding.controls.join(", ");
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some(label),
            span.start,
            span.len(),
        ))))
    }
}

/// Writes every finding as a diagnostic (the summary goes to stderr, see
/// [`summary_line`]).
pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let theme = if report.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(REPORT_WIDTH)
        .with_context_lines(1);
    // Settled findings (suppressed, baselined, accepted) are not failures:
    // like ruff's `noqa` or semgrep's `nosemgrep`, they are counted in the
    // summary, not shown.
    for finding in report
        .outcome
        .findings
        .iter()
        .filter(|f| f.status == Status::Open)
    {
        let diagnostic = FindingDiagnostic {
            finding,
            source: ExcerptSource {
                name: escape_control(&finding.path, false).into_owned(),
                text: neutralise_controls(&finding.excerpt.text),
                first_line: finding.excerpt.first_line,
            },
            message: escape_control(&finding.message, false).into_owned(),
            help: format!("{}\n{}", finding.fix, cwe_line(finding)),
        };
        let mut rendered = String::new();
        handler
            .render_report(&mut rendered, &diagnostic)
            .map_err(|e| io::Error::other(e.to_string()))?;
        writeln!(out, "{rendered}")?;
    }
    Ok(())
}

/// Replaces control characters of scanned text (terminal escape sequences
/// above all) with `?`, byte for byte, so spans stay valid and nothing from a
/// repository drives the terminal. Tabs and line breaks stay.
fn neutralise_controls(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
                "?".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn cwe_line(finding: &Finding) -> String {
    let mut parts = vec![finding.title.clone()];
    if !finding.cwe.is_empty() {
        parts.push(finding.cwe.join(", "));
    }
    parts.join(" · ")
}

/// `3 findings (1 critical, 2 high) in 12 files scanned, 4 skipped (0.41s).`:
/// written on stderr after a human-format scan (not with `--quiet`).
pub fn summary_line(report: &Report<'_>, elapsed: std::time::Duration) -> String {
    let outcome = report.outcome;
    let counts: Vec<String> = open_by_severity(&outcome.findings)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(sev, n)| format!("{n} {sev}"))
        .collect();
    let total = outcome
        .findings
        .iter()
        .filter(|f| f.status == Status::Open)
        .count();
    let noun = if total == 1 { "finding" } else { "findings" };
    let breakdown = if counts.is_empty() {
        String::new()
    } else {
        format!(" ({})", counts.join(", "))
    };
    let settled: Vec<String> = [Status::Suppressed, Status::Baselined, Status::Accepted]
        .into_iter()
        .filter_map(|status| {
            let n = outcome
                .findings
                .iter()
                .filter(|f| f.status == status)
                .count();
            let name = serde_json::to_value(status).ok()?;
            (n > 0).then(|| format!("{n} {}", name.as_str().unwrap_or_default()))
        })
        .collect();
    let settled = if settled.is_empty() {
        String::new()
    } else {
        format!(" Not shown: {}.", settled.join(", "))
    };
    format!(
        "{total} {noun}{breakdown} in {} files scanned, {} skipped ({:.2}s).{settled}",
        outcome.files_scanned,
        outcome.skipped.len(),
        elapsed.as_secs_f64()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_question_marks_of_equal_length() {
        let text = "key = \u{1b}[31mred\u{1b}[0m\tnext\u{85}";
        let clean = neutralise_controls(text);
        assert_eq!(clean.len(), text.len());
        assert_eq!(clean, "key = ?[31mred?[0m\tnext??");
    }
}
