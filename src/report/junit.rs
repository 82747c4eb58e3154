//! `--format junit`: a JUnit XML test report, for CI systems that show test
//! results (GitLab, Jenkins, Azure Pipelines) but not code scanning.
//!
//! One `<testsuite name="comply">` inside `<testsuites>`; every loaded rule is
//! a `<testcase>` (`name` the rule id, `classname` `comply.<family>`) with one
//! `<failure>` per open finding of that rule, so a rule without findings is a
//! passing test. `tests` counts test cases and `failures` the test cases that
//! failed (as JUnit readers expect: `tests - failures` pass); the number of
//! findings is the suite property `findings`. Problems with files and walk
//! warnings go to the suite's `<system-err>`.
//!
//! XML is written and escaped by `quick-xml`; characters XML 1.0 does not
//! allow (and other control characters) are written as Rust escapes
//! (`\u{1b}`) first, so the document is well-formed whatever paths and
//! messages hold. This printer never analyses and never reads source text.

use std::collections::BTreeMap;
use std::io::{self, Write};

use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::{escape_control, write_notes, Report};
use crate::finding::{Finding, Status};

/// One rule as a test case: its open findings are its failures.
struct Case<'a> {
    name: &'a str,
    classname: String,
    failures: Vec<&'a Finding>,
}

/// The test cases of a report: every loaded rule in id order, then any rule
/// that has findings but is not loaded (none today; kept so a finding can
/// never be dropped from the report).
fn cases<'a>(report: &'a Report<'_>) -> Vec<Case<'a>> {
    let mut open: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for finding in &report.outcome.findings {
        if finding.status == Status::Open {
            open.entry(finding.rule_id.as_str())
                .or_default()
                .push(finding);
        }
    }
    let mut cases: Vec<Case<'a>> = report
        .rules
        .rules
        .iter()
        .map(|rule| Case {
            name: rule.id.as_str(),
            classname: format!("comply.{}", rule.family),
            failures: open.remove(rule.id.as_str()).unwrap_or_default(),
        })
        .collect();
    cases.extend(open.into_values().filter_map(|failures| {
        let first = failures.first()?;
        Some(Case {
            name: first.rule_id.as_str(),
            classname: format!("comply.{}", first.family),
            failures,
        })
    }));
    cases
}

/// Writes the JUnit document.
pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut notes = Vec::new();
    write_notes(report.outcome, &mut notes)?;
    let notes = String::from_utf8_lossy(&notes);
    write_document(&cases(report), &notes, &mut *out)?;
    writeln!(out)
}

fn write_document(cases: &[Case<'_>], notes: &str, out: &mut dyn Write) -> io::Result<()> {
    let tests = cases.len().to_string();
    let failures = cases
        .iter()
        .filter(|c| !c.failures.is_empty())
        .count()
        .to_string();
    let findings = cases
        .iter()
        .map(|c| c.failures.len())
        .sum::<usize>()
        .to_string();
    let counts = [
        ("name", "comply"),
        ("tests", tests.as_str()),
        ("failures", failures.as_str()),
    ];
    let mut writer = Writer::new_with_indent(out, b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer
        .create_element("testsuites")
        .with_attributes(counts)
        .write_inner_content(|writer| {
            writer
                .create_element("testsuite")
                .with_attributes(counts)
                .write_inner_content(|writer| {
                    writer
                        .create_element("properties")
                        .write_inner_content(|writer| {
                            writer
                                .create_element("property")
                                .with_attributes([("name", "findings"), ("value", &*findings)])
                                .write_empty()?;
                            Ok(())
                        })?;
                    for case in cases {
                        write_case(writer, case)?;
                    }
                    if !notes.is_empty() {
                        writer
                            .create_element("system-err")
                            .write_text_content(text(notes.trim_end()))?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

fn write_case<W: Write>(writer: &mut Writer<W>, case: &Case<'_>) -> io::Result<()> {
    let element = writer.create_element("testcase").with_attributes([
        ("name", &*escape_control(case.name, false)),
        ("classname", &*escape_control(&case.classname, false)),
    ]);
    if case.failures.is_empty() {
        element.write_empty()?;
        return Ok(());
    }
    element.write_inner_content(|writer| {
        for finding in &case.failures {
            let message = format!(
                "{}:{}:{} {}",
                finding.path, finding.line, finding.column, finding.message
            );
            writer
                .create_element("failure")
                .with_attributes([
                    ("message", &*escape_control(&message, false)),
                    ("type", finding.severity.as_str()),
                ])
                .write_text_content(text(&failure_body(finding)))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// The text of a `<failure>`: the redacted snippet, then where, which
/// controls, and how to fix it. Line breaks are kept in the snippet only: a
/// tab or newline in the path is escaped, so `path:` stays one line.
fn failure_body(f: &Finding) -> String {
    format!(
        "{}\n\npath: {}:{}:{}\ncontrols: {}\nfix: {}",
        f.snippet,
        escape_control(&f.path, false),
        f.line,
        f.column,
        f.controls.join(", "),
        f.fix
    )
}

/// Element text: made safe for XML 1.0, then escaped. Quotes need no escape
/// outside attributes, so snippets keep theirs readable.
fn text(content: &str) -> BytesText<'static> {
    BytesText::from_escaped(partial_escape(escape_control(content, true)).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Span;
    use crate::finding::Excerpt;
    use crate::risk::Severity;
    use crate::rules::RuleId;
    use quick_xml::events::attributes::Attribute;
    use quick_xml::{Reader, XmlVersion};

    fn finding(path: &str, message: &str, snippet: &str) -> Finding {
        Finding {
            rule_id: RuleId::parse("cookies/httponly-disabled").expect("a valid id"),
            family: "cookies".into(),
            severity: Severity::Medium,
            likelihood: 2,
            impact: 2,
            risk_score: 4,
            context: None,
            path: path.into(),
            line: 7,
            column: 3,
            end_line: 7,
            end_column: 18,
            message: message.into(),
            snippet: snippet.into(),
            controls: vec!["SOC2 CC6.1".into()],
            cwe: vec!["CWE-1004".into()],
            fingerprint: "0".repeat(32),
            status: Status::Open,
            suppression: None,
            acceptance: None,
            title: "cookie readable by scripts".into(),
            fix: "Set httpOnly: true.".into(),
            excerpt: Excerpt {
                text: snippet.into(),
                first_line: 7,
                span: Span::new(0, 0),
            },
        }
    }

    fn document(cases: &[Case<'_>], notes: &str) -> String {
        let mut out = Vec::new();
        write_document(cases, notes, &mut out).expect("writing to memory cannot fail");
        String::from_utf8(out).expect("UTF-8")
    }

    /// Reads the document back: every element name, every `failure`
    /// message, and the text of `failure` and `system-err`, unescaped.
    fn read_back(xml: &str) -> (Vec<String>, Vec<String>, String) {
        let mut reader = Reader::from_str(xml);
        let (mut names, mut messages, mut text) = (Vec::new(), Vec::new(), String::new());
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) | Event::Empty(e) => {
                    names.push(e.name().as_ref().to_string());
                    for attr in e.attributes() {
                        let attr: Attribute = attr.expect("well-formed attribute");
                        if attr.key.as_ref() == "message" {
                            messages.push(
                                attr.normalized_value(XmlVersion::Explicit1_0)
                                    .expect("escaped")
                                    .into_owned(),
                            );
                        }
                    }
                }
                Event::Text(t) => text.push_str(&t.xml10_content()),
                Event::GeneralRef(r) => {
                    let entity = format!("&{};", r.as_ref() as &str);
                    text.push_str(&quick_xml::escape::unescape(&entity).expect("known entity"));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        (names, messages, text)
    }

    #[test]
    fn special_and_control_characters_round_trip_as_well_formed_xml() {
        let hostile = finding(
            "src/<a & b>\"'\u{1b}[31m\n.js",
            "httpOnly is \"false\" & <script>]]>\u{0}",
            "  res.cookie('sid', v, { httpOnly: false }); // <!-- ]]> \u{7}",
        );
        let cases = [Case {
            name: "cookies/httponly-disabled",
            classname: "comply.cookies".into(),
            failures: vec![&hostile],
        }];
        let xml = document(&cases, "warning: bin/\u{1b}x: not valid UTF-8 <&>\n");
        assert!(!xml
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')));
        let (names, messages, text) = read_back(&xml);
        assert_eq!(
            names,
            [
                "testsuites",
                "testsuite",
                "properties",
                "property",
                "testcase",
                "failure",
                "system-err"
            ]
        );
        assert_eq!(
            messages,
            ["src/<a & b>\"'\\u{1b}[31m\\n.js:7:3 httpOnly is \"false\" & <script>]]>\\u{0}"]
        );
        assert!(text.contains("{ httpOnly: false }); // <!-- ]]> \\u{7}\n\npath: src/<a & b>"));
        assert!(text.contains("warning: bin/\\u{1b}x"));
        assert!(text.contains("not valid UTF-8 <&>"));
    }

    #[test]
    fn counts_are_test_cases_and_failing_test_cases() {
        let (a, b) = (finding("a.js", "m", "s"), finding("b.js", "m", "s"));
        let cases = [
            Case {
                name: "cookies/httponly-disabled",
                classname: "comply.cookies".into(),
                failures: vec![&a, &b],
            },
            Case {
                name: "hashing/bcrypt-low-cost",
                classname: "comply.hashing".into(),
                failures: vec![],
            },
        ];
        let xml = document(&cases, "");
        assert!(xml.contains("<testsuite name=\"comply\" tests=\"2\" failures=\"1\">"));
        assert!(xml.contains("<property name=\"findings\" value=\"2\"/>"));
        assert!(xml
            .contains("<testcase name=\"hashing/bcrypt-low-cost\" classname=\"comply.hashing\"/>"));
        assert!(!xml.contains("system-err"));
    }
}
