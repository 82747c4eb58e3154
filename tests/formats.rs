//! The CI output formats as users run them: `--format github` (workflow
//! commands) and `--format junit` (JUnit XML), checked against the JSON
//! report of the same scan, with hostile file names, and for redaction.

use std::collections::BTreeSet;

use assert_cmd::Command;
use quick_xml::escape::unescape;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use regex::Regex;

/// Findings of two severities (medium cookies, high hashing).
const SUBSET: [&str; 2] = ["corpus/javascript/cookies", "corpus/rust/hashing"];

/// Fake secrets planted in the corpus (the same as in `tests/cli.rs`).
const PLANTED_SECRETS: [&str; 5] = [
    "AKIA7KLFYYLBEG3RHDSV",
    "ASIAZDQTTIDVZ7ORA35T",
    "AKIA5UCDRD6PM6HU2ZX2",
    "B2R2PPEzfDKoP+RmVULIm05FBddRVM9aNsxSdP+YJo1cYc6VlZALGLdoo4CwFfZQ",
    "whVN1ZLpI4LeTLRbzCvsBAsITJt9YMHzdxqQAAs02usLdG4HY8ntPiF7CmXy0l7l",
];

fn comply() -> Command {
    let mut cmd = Command::cargo_bin("comply").expect("the binary is built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    cmd
}

/// Runs a scan; returns exit code, stdout and stderr.
fn scan(cmd: &mut Command, format: &str, paths: &[&str]) -> (i32, String, String) {
    let output = cmd
        .args(["scan", "--format", format])
        .args(paths)
        .output()
        .expect("comply runs");
    (
        output.status.code().expect("exited normally"),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    )
}

fn json_report(cmd: &mut Command, paths: &[&str]) -> serde_json::Value {
    let (_, out, _) = scan(cmd, "json", paths);
    serde_json::from_str(&out).expect("valid JSON")
}

/// A throw-away project folder with the given files.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    dir
}

/// What a JUnit document holds, read back with quick-xml's reader (which
/// fails on malformed markup and mismatched end tags).
#[derive(Debug, Default)]
struct Junit {
    suites_tests: String,
    suites_failures: String,
    suite_tests: String,
    suite_failures: String,
    findings_property: String,
    /// `(name, classname, failure count)` per test case.
    cases: Vec<(String, String, usize)>,
    /// `(message, type)` per failure.
    failures: Vec<(String, String)>,
    /// The text of `<system-err>`, unescaped, when there is one.
    system_err: Option<String>,
}

fn read_junit(xml: &str) -> Junit {
    let mut reader = Reader::from_str(xml);
    let mut junit = Junit::default();
    let mut in_system_err = false;
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let element = match &event {
            Event::Start(e) | Event::Empty(e) => e,
            Event::Text(t) if in_system_err => {
                let text = junit.system_err.get_or_insert_default();
                text.push_str(&t.xml10_content());
                continue;
            }
            Event::GeneralRef(r) if in_system_err => {
                let entity = format!("&{};", r.as_ref() as &str);
                let text = junit.system_err.get_or_insert_default();
                text.push_str(&unescape(&entity).expect("a predefined entity"));
                continue;
            }
            Event::End(_) => {
                in_system_err = false;
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let attr = |key: &str| -> String {
            element
                .try_get_attribute(key)
                .expect("well-formed attributes")
                .map(|a| {
                    a.normalized_value(XmlVersion::Explicit1_0)
                        .expect("escaped value")
                        .into_owned()
                })
                .unwrap_or_default()
        };
        match element.name().as_ref() {
            "testsuites" => {
                junit.suites_tests = attr("tests");
                junit.suites_failures = attr("failures");
            }
            "testsuite" => {
                assert_eq!(attr("name"), "comply");
                junit.suite_tests = attr("tests");
                junit.suite_failures = attr("failures");
            }
            "property" if attr("name") == "findings" => junit.findings_property = attr("value"),
            "testcase" => junit.cases.push((attr("name"), attr("classname"), 0)),
            "failure" => {
                junit.failures.push((attr("message"), attr("type")));
                if let Some(case) = junit.cases.last_mut() {
                    case.2 += 1;
                }
            }
            "system-err" => in_system_err = true,
            _ => {}
        }
    }
    junit
}

fn rule_ids() -> Vec<String> {
    let output = comply()
        .args(["rules", "--format", "json"])
        .output()
        .expect("comply runs");
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    rules
        .as_array()
        .expect("a list of rules")
        .iter()
        .map(|r| r["id"].as_str().expect("an id").to_string())
        .collect()
}

#[test]
fn github_output_is_one_workflow_command_per_finding() {
    let (code, out, err) = scan(&mut comply(), "github", &SUBSET);
    assert_eq!(code, 1);
    assert_eq!(err, "", "nothing but the commands is written");
    insta::assert_snapshot!(out);
}

#[test]
fn github_lines_have_the_documented_shape() {
    let (_, out, _) = scan(&mut comply(), "github", &SUBSET);
    let report = json_report(&mut comply(), &SUBSET);
    let shape = Regex::new(
        r"^::(error|warning|notice) file=([^,:%]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([a-z0-9-]+/[a-z0-9-]+) \[(critical|high|medium|low|info)\]::(\S[^\r\n]*)%0AFix: [^\r\n]+%0AControls: [^\r\n]+$",
    )
    .expect("a valid regex");
    let findings = report["findings"].as_array().expect("findings");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), findings.len());
    let mut levels = BTreeSet::new();
    for (line, finding) in lines.iter().zip(findings) {
        let caps = shape
            .captures(line)
            .unwrap_or_else(|| panic!("unexpected shape: {line}"));
        let severity = &caps[8];
        let expected_level = match severity {
            "critical" | "high" => "error",
            "medium" => "warning",
            _ => "notice",
        };
        assert_eq!(&caps[1], expected_level, "{line}");
        assert_eq!(caps[2], finding["path"]);
        assert_eq!(caps[3], finding["line"].to_string());
        assert_eq!(caps[4], finding["column"].to_string());
        assert_eq!(caps[5], finding["end_line"].to_string());
        assert_eq!(caps[6], finding["end_column"].to_string());
        assert_eq!(caps[7], finding["rule_id"]);
        assert_eq!(severity, finding["severity"]);
        assert_eq!(caps[9], finding["message"]);
        levels.insert(caps[1].to_string());
    }
    assert_eq!(
        levels.into_iter().collect::<Vec<_>>(),
        ["error", "notice", "warning"],
        "the subset covers three levels"
    );
}

#[test]
fn junit_output_is_a_test_report() {
    let (code, out, err) = scan(&mut comply(), "junit", &SUBSET);
    assert_eq!(code, 1);
    assert_eq!(err, "");
    insta::assert_snapshot!(out);
}

#[test]
fn junit_counts_agree_with_the_json_report() {
    let (_, out, _) = scan(&mut comply(), "junit", &SUBSET);
    let junit = read_junit(&out);
    let report = json_report(&mut comply(), &SUBSET);
    let findings = report["findings"].as_array().expect("findings");
    let rules = rule_ids();

    // One test case per loaded rule, in id order.
    let names: Vec<&str> = junit.cases.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(names, rules);
    for (name, classname, _) in &junit.cases {
        let family = name.split('/').next().expect("a family");
        assert_eq!(classname, &format!("comply.{family}"));
    }
    assert_eq!(junit.suite_tests, rules.len().to_string());
    assert_eq!(junit.suites_tests, junit.suite_tests);

    // One failure per finding; `failures` counts the rules that failed.
    assert_eq!(junit.failures.len(), findings.len());
    assert_eq!(
        junit.findings_property,
        report["summary"]["findings"].to_string()
    );
    let failing_rules: BTreeSet<&str> = findings
        .iter()
        .map(|f| f["rule_id"].as_str().expect("a rule id"))
        .collect();
    assert!(failing_rules.len() >= 2);
    assert_eq!(junit.suite_failures, failing_rules.len().to_string());
    assert_eq!(junit.suites_failures, junit.suite_failures);
    for (name, _, failures) in &junit.cases {
        let expected = findings.iter().filter(|f| f["rule_id"] == **name).count();
        assert_eq!(*failures, expected, "{name}");
    }
    // Failures are grouped by rule, findings sorted by path: compare as sets.
    let mut expected: Vec<(String, String)> = findings
        .iter()
        .map(|f| {
            let message = format!(
                "{}:{}:{} {}",
                f["path"].as_str().expect("a path"),
                f["line"],
                f["column"],
                f["message"].as_str().expect("a message")
            );
            (
                message,
                f["severity"].as_str().expect("a severity").to_string(),
            )
        })
        .collect();
    let mut actual = junit.failures.clone();
    expected.sort();
    actual.sort();
    assert_eq!(actual, expected);
    assert_eq!(junit.system_err, None, "no problems in the corpus subset");
}

#[test]
fn hostile_file_names_and_broken_files_stay_well_formed() {
    let dir = project(&[
        (
            "src/we,ird:na%me\u{1b}[31m.js",
            "const bcrypt = require('bcrypt');\nbcrypt.hash(pw, 8);\n",
        ),
        // Holds words the structural rules look for, so it is parsed.
        (
            "src/<broken & \"odd\">.toml",
            "[server\nNODE_TLS_REJECT_UNAUTHORIZED = 0\n",
        ),
    ]);
    let (code, out, err) = scan(comply().current_dir(dir.path()), "github", &["src"]);
    assert_eq!(code, 1);
    assert_eq!(err, "");
    let lines: Vec<&str> = out.lines().collect();
    let bcrypt =
        "::error file=src/we%2Cird%3Ana%25me\\u{1b}[31m.js,line=2,col=17,endLine=2,endColumn=18,\
             title=hashing/bcrypt-low-cost [high]::bcrypt cost 8 is below the policy minimum of 12\
             %0AFix: Raise the cost factor to at least 12 (each step doubles the work an attacker \
             needs per guess), or read it from configuration that defaults to the policy value.\
             %0AControls: SOC2 CC6.1, GDPR Art. 32(1)(a)";
    assert!(lines.contains(&bcrypt), "{out}");
    assert!(
        lines.iter().any(
            |l| l.starts_with("::warning file=src/<broken & \"odd\">.toml,")
                && l.contains(",title=comply parse-error::")
        ),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "no raw escape reaches the log");

    let (_, xml, err) = scan(comply().current_dir(dir.path()), "junit", &["src"]);
    assert_eq!(err, "");
    let junit = read_junit(&xml);
    let system_err = junit.system_err.unwrap_or_default();
    assert!(
        system_err.starts_with("warning: src/<broken & \"odd\">.toml:"),
        "{system_err}"
    );
    assert!(xml.contains("src/&lt;broken &amp; \"odd\"&gt;.toml"));
    assert!(junit
        .failures
        .iter()
        .any(|(message, _)| message.starts_with("src/we,ird:na%me\\u{1b}[31m.js:2:17 ")));
    assert!(!xml
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t')));
}

#[test]
fn secrets_are_never_printed_in_full_in_ci_formats() {
    for format in ["github", "junit"] {
        let (_, out, err) = scan(&mut comply(), format, &["corpus"]);
        let all = format!("{out}{err}");
        assert!(all.contains("AKIA…"), "{format}: redacted form present");
        for secret in PLANTED_SECRETS {
            assert!(!all.contains(secret), "{format} leaked {secret}");
            assert!(
                !all.contains(&secret[4..]),
                "{format} leaked the tail of {secret}"
            );
        }
    }
}
