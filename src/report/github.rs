//! `--format github`: GitHub Actions workflow commands, so a workflow step
//! that runs comply annotates the pull request without a SARIF upload.
//!
//! Each open finding is one line,
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule> [<severity>]::<message>`
//! (`error` for critical and high, `warning` for medium, `notice` for low and
//! info); the message is followed by `%0A`-separated `Fix:` and `Controls:`
//! lines, which GitHub shows as line breaks. Suppressed, baselined and
//! accepted findings are not annotated. Problems with files and walk warnings
//! are `::warning` lines. Nothing else is written: every line on stdout is a
//! workflow command.
//!
//! Values are escaped by GitHub's rules (`%`, CR and LF in the message;
//! additionally `:` and `,` in property values), and any other control
//! character is written as a Rust escape (`\u{1b}`), so nothing from a scanned
//! repository can end a command early or reach the log raw. This printer
//! never analyses and never reads source text.

use std::io::{self, Write};

use crate::analyze::FileProblem;
use crate::finding::{Finding, Status};
use crate::risk::Severity;
use crate::scan::ScanOutcome;

/// Writes one workflow command per open finding, then one per walk warning
/// and file problem.
pub fn render(outcome: &ScanOutcome, out: &mut dyn Write) -> io::Result<()> {
    for finding in outcome.findings.iter().filter(|f| f.status == Status::Open) {
        writeln!(out, "{}", finding_command(finding))?;
    }
    for warning in &outcome.warnings {
        writeln!(out, "::warning title=comply::{}", escape_data(warning))?;
    }
    for problem in &outcome.problems {
        writeln!(out, "{}", problem_command(problem))?;
    }
    Ok(())
}

/// The annotation level GitHub shows for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "notice",
    }
}

fn finding_command(f: &Finding) -> String {
    let title = format!("{} [{}]", f.rule_id, f.severity);
    let mut message = escape_data(&f.message);
    // The separators are added after escaping: they are the line breaks
    // GitHub is meant to show, not text from the finding.
    message.push_str("%0A");
    message.push_str(&escape_data(&format!("Fix: {}", f.fix)));
    if !f.controls.is_empty() {
        message.push_str("%0A");
        message.push_str(&escape_data(&format!(
            "Controls: {}",
            f.controls.join(", ")
        )));
    }
    format!(
        "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        level(f.severity),
        escape_property(&f.path),
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        escape_property(&title),
        message
    )
}

fn problem_command(problem: &FileProblem) -> String {
    let mut properties = format!("file={}", escape_property(&problem.path));
    if let Some(line) = problem.line {
        properties.push_str(&format!(",line={line}"));
    }
    let title = format!("comply {}", problem_kind_name(problem));
    format!(
        "::warning {properties},title={}::{}",
        escape_property(&title),
        escape_data(&problem.message)
    )
}

/// The problem's kind as the JSON report names it (`parse-error`, …), taken
/// from the same serde attribute so the two cannot drift apart.
fn problem_kind_name(problem: &FileProblem) -> String {
    match serde_json::to_value(problem.kind) {
        Ok(serde_json::Value::String(name)) => name,
        _ => "problem".to_string(),
    }
}

/// Escapes the message part of a workflow command.
fn escape_data(text: &str) -> String {
    escape(text, false)
}

/// Escapes a property value (`file=`, `title=`) of a workflow command.
fn escape_property(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, property: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::ProblemKind;
    use crate::facts::Span;
    use crate::finding::Excerpt;
    use crate::rules::RuleId;

    fn finding(path: &str, message: &str, severity: Severity) -> Finding {
        Finding {
            rule_id: RuleId::parse("hashing/bcrypt-low-cost").expect("a valid id"),
            family: "hashing".into(),
            severity,
            likelihood: 2,
            impact: 3,
            risk_score: 6,
            context: None,
            path: path.into(),
            line: 3,
            column: 5,
            end_line: 3,
            end_column: 9,
            message: message.into(),
            snippet: "bcrypt.hash(pw, 8)".into(),
            controls: vec!["SOC2 CC6.1".into(), "GDPR Art. 32(1)(a)".into()],
            cwe: vec!["CWE-916".into()],
            fingerprint: "0".repeat(32),
            status: Status::Open,
            suppression: None,
            acceptance: None,
            title: "bcrypt cost factor below policy".into(),
            fix: "Raise the cost to 12.".into(),
            excerpt: Excerpt {
                text: "bcrypt.hash(pw, 8)".into(),
                first_line: 3,
                span: Span::new(0, 0),
            },
        }
    }

    fn rendered(outcome: &ScanOutcome) -> String {
        let mut out = Vec::new();
        render(outcome, &mut out).expect("writing to memory cannot fail");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(
            escape_property("src/a:b,c%d\ne.js"),
            "src/a%3Ab%2Cc%25d%0Ae.js"
        );
    }

    #[test]
    fn other_control_characters_are_never_written_raw() {
        assert_eq!(escape_data("red\u{1b}[31m\tx"), "red\\u{1b}[31m\\tx");
        assert_eq!(escape_property("a\u{7}b"), "a\\u{7}b");
    }

    #[test]
    fn hostile_paths_and_messages_stay_on_one_command_line() {
        let outcome = ScanOutcome {
            findings: vec![finding(
                "src/we,ird:na%me\n::error::fake.js",
                "cost 8\n::warning::injected 100%",
                Severity::High,
            )],
            ..ScanOutcome::default()
        };
        let out = rendered(&outcome);
        assert_eq!(out.lines().count(), 1);
        assert_eq!(
            out,
            "::error file=src/we%2Cird%3Ana%25me%0A%3A%3Aerror%3A%3Afake.js,\
             line=3,col=5,endLine=3,endColumn=9,\
             title=hashing/bcrypt-low-cost [high]::\
             cost 8%0A::warning::injected 100%25\
             %0AFix: Raise the cost to 12.\
             %0AControls: SOC2 CC6.1, GDPR Art. 32(1)(a)\n"
        );
    }

    #[test]
    fn levels_follow_severity() {
        assert_eq!(level(Severity::Critical), "error");
        assert_eq!(level(Severity::High), "error");
        assert_eq!(level(Severity::Medium), "warning");
        assert_eq!(level(Severity::Low), "notice");
        assert_eq!(level(Severity::Info), "notice");
    }

    #[test]
    fn only_open_findings_are_annotated() {
        let mut suppressed = finding("a.js", "m", Severity::Low);
        suppressed.status = Status::Suppressed;
        let outcome = ScanOutcome {
            findings: vec![suppressed, finding("b.js", "m", Severity::Low)],
            ..ScanOutcome::default()
        };
        let out = rendered(&outcome);
        assert_eq!(out.lines().count(), 1);
        assert!(out.starts_with("::notice file=b.js,"));
    }

    #[test]
    fn problems_and_warnings_are_warning_commands() {
        let outcome = ScanOutcome {
            warnings: vec!["cannot read dir: x, y".into()],
            problems: vec![
                FileProblem {
                    path: "src/broken,1.ts".into(),
                    line: Some(4),
                    kind: ProblemKind::ParseError,
                    message: "unexpected token: `}`".into(),
                },
                FileProblem {
                    path: "bin/blob".into(),
                    line: None,
                    kind: ProblemKind::NotUtf8,
                    message: "not valid UTF-8".into(),
                },
            ],
            ..ScanOutcome::default()
        };
        assert_eq!(
            rendered(&outcome),
            "::warning title=comply::cannot read dir: x, y\n\
             ::warning file=src/broken%2C1.ts,line=4,title=comply parse-error::unexpected token: `}`\n\
             ::warning file=bin/blob,title=comply not-utf8::not valid UTF-8\n"
        );
    }
}
