//! Findings in test files (`test_files` in comply.yaml): scored with a lower
//! likelihood, said so in every format and in the evidence register, turned
//! off or tuned by configuration, composed with per-rule overrides.

use assert_cmd::Command;
use predicates::prelude::*;

/// A fake AWS key id (right prefix, length and alphabet; never issued).
const KEY_LINE: &str = "const k = 'AKIA7KLFYYLBEG3RHDSV';\n";

fn comply(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("comply").expect("the binary is built");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// The same key in shipped code and in a test folder, plus `comply.yaml`.
fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for path in ["src/keys.js", "tests/keys.js"] {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, KEY_LINE).unwrap();
    }
    std::fs::write(dir.path().join("comply.yaml"), config).unwrap();
    dir
}

fn short(dir: &tempfile::TempDir) -> String {
    let out = comply(dir.path())
        .args(["scan", "--format", "short", "."])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn json(dir: &tempfile::TempDir, format: &str) -> serde_json::Value {
    let out = comply(dir.path())
        .args(["scan", "--format", format, "."])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).expect("the report is JSON")
}

#[test]
fn a_secret_in_a_test_folder_is_reported_at_reduced_severity() {
    let dir = project("");
    assert_eq!(
        short(&dir),
        "src/keys.js:1:12: critical [secrets/aws-access-key-id] AWS access key id AKIA… is committed in clear text\n\
         tests/keys.js:1:12: low [secrets/aws-access-key-id] AWS access key id AKIA… is committed in clear text (test file: likelihood 3 lowered to 1)\n"
    );
    let report = json(&dir, "json");
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings[0]["path"], "src/keys.js");
    assert!(findings[0].get("context").is_none(), "{}", findings[0]);
    assert_eq!(findings[0]["severity"], "critical");
    assert_eq!(findings[1]["path"], "tests/keys.js");
    assert_eq!(findings[1]["context"], "test");
    assert_eq!(findings[1]["likelihood"], 1);
    assert_eq!(findings[1]["impact"], 3);
    assert_eq!(findings[1]["risk_score"], 3);
    assert_eq!(findings[1]["severity"], "low");
    assert_eq!(findings[1]["fingerprint"].as_str().unwrap().len(), 32);
    assert_eq!(report["summary"]["by_severity"]["low"], 1);
    // The lower severity still fails the default `--fail-on low`.
    comply(dir.path()).args(["scan", "tests"]).assert().code(1);
    comply(dir.path())
        .args(["scan", "--fail-on", "medium", "tests"])
        .assert()
        .code(0);
}

#[test]
fn sarif_carries_the_context_and_the_lower_level() {
    let report = json(&project(""), "sarif");
    let results = report["runs"][0]["results"].as_array().unwrap();
    let by_path = |path: &str| {
        results
            .iter()
            .find(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == path)
            .unwrap_or_else(|| panic!("a result for {path}"))
    };
    let shipped = by_path("src/keys.js");
    assert_eq!(shipped["level"], "error");
    assert!(shipped["properties"].get("context").is_none());
    let test = by_path("tests/keys.js");
    assert_eq!(test["level"], "note");
    assert_eq!(test["properties"]["context"], "test");
    assert_eq!(test["properties"]["severity"], "low");
    let message = test["message"]["text"].as_str().unwrap();
    assert!(
        message.ends_with("(test file: likelihood 3 lowered to 1)"),
        "{message}"
    );
}

#[test]
fn configuration_turns_it_off_or_changes_paths_and_likelihood() {
    let full = |config: &str| {
        let out = short(&project(config));
        assert_eq!(out.matches("critical [").count(), 2, "{config}: {out}");
        assert!(!out.contains("test file"), "{out}");
    };
    full("test_files:\n  enabled: false\n");
    full("test_files:\n  paths: []\n");
    full("test_files:\n  paths: [\"qa/**\"]\n");
    full("test_files:\n  extend_paths: [\"!tests/keys.js\"]\n");
    let two = short(&project("test_files:\n  likelihood: 2\n"));
    assert!(
        two.contains("tests/keys.js:1:12: high [secrets/aws-access-key-id]")
            && two.contains("(test file: likelihood 3 lowered to 2)"),
        "{two}"
    );
    let extended = project("test_files:\n  extend_paths: [\"src/\"]\n");
    assert_eq!(short(&extended).matches("low [").count(), 2);
}

#[test]
fn per_rule_overrides_compose_with_the_test_file_cap() {
    // The rule's likelihood override applies everywhere; in test files the
    // cap then applies to it, and the rule's own `test_likelihood` replaces
    // `test_files.likelihood` (3 keeps its findings whole).
    let out = short(&project(
        "overrides:\n  secrets/aws-access-key-id: { likelihood: 2, test_likelihood: 3 }\n",
    ));
    assert_eq!(
        out.matches("high [secrets/aws-access-key-id]").count(),
        2,
        "{out}"
    );
    assert!(
        !out.contains("test file:"),
        "never raised, nothing lowered: {out}"
    );
    let out = short(&project(
        "overrides:\n  secrets/aws-access-key-id: { test_likelihood: 2 }\ntest_files:\n  likelihood: 1\n",
    ));
    assert!(
        out.contains("src/keys.js:1:12: critical")
            && out.contains("tests/keys.js:1:12: high")
            && out.contains("(test file: likelihood 3 lowered to 2)"),
        "{out}"
    );
}

#[test]
fn mistakes_in_the_section_point_at_their_line() {
    let unknown = project("fail_on: low\ntest_files:\n  path: [qa/]\n");
    comply(unknown.path())
        .args(["scan", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `path`"))
        .stderr(predicate::str::contains("comply.yaml:3:"));
    let range = project("overrides:\n  secrets/aws-access-key-id: { likelihood: 2 }\ntest_files:\n  likelihood: 5\n");
    comply(range.path())
        .args(["scan", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "test_files likelihood is 1, 2 or 3",
        ))
        .stderr(predicate::str::contains("comply.yaml:4:"));
    let rule = project("overrides:\n  secrets/aws-access-key-id: { test_likelihood: 0 }\n");
    comply(rule.path())
        .args(["scan", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("test_likelihood are 1, 2 or 3"));
}

#[test]
fn cross_file_findings_in_test_files_are_scored_too() {
    let dir = project("");
    std::fs::write(
        dir.path().join("tests/server.test.js"),
        "const express = require('express');\nconst app = express();\n\
         app.post('/login', (req, res) => res.send('ok'));\nmodule.exports = app;\n",
    )
    .unwrap();
    let out = short(&dir);
    assert!(
        out.contains("tests/server.test.js:3:1: info [rate-limiting/auth-route-without-limiter]"),
        "{out}"
    );
}

#[test]
fn the_evidence_register_says_why_a_severity_is_lower() {
    let dir = project("overrides:\n  secrets/aws-access-key-id: { test_likelihood: 1 }\n");
    comply(dir.path())
        .args(["scan", ".", "--evidence", "bundle", "--fail-on", "none"])
        .assert()
        .code(0);
    let register =
        std::fs::read_to_string(dir.path().join("bundle/findings-register.csv")).unwrap();
    let rows = comply::evidence::register::read(register.as_bytes()).unwrap();
    let row = |path: &str| rows.iter().find(|r| r["path"] == path).unwrap();
    assert_eq!(row("src/keys.js")["context"], "");
    assert_eq!(row("src/keys.js")["severity"], "critical");
    assert_eq!(row("tests/keys.js")["context"], "test");
    assert_eq!(row("tests/keys.js")["severity"], "low");
    assert_eq!(row("tests/keys.js")["likelihood"], "1");
    let scope = std::fs::read_to_string(dir.path().join("bundle/scope-register.json")).unwrap();
    let scope: serde_json::Value = serde_json::from_str(&scope).unwrap();
    let configuration = &scope["configuration"];
    assert_eq!(configuration["test_files"]["enabled"], true);
    assert_eq!(configuration["test_files"]["likelihood"], 1);
    assert_eq!(configuration["test_files"]["paths"][1], "**/tests/**");
    assert_eq!(
        configuration["risk_overrides"]["secrets/aws-access-key-id"]["test_likelihood"],
        1
    );
    let assessment =
        std::fs::read_to_string(dir.path().join("bundle/manual-assessment.md")).unwrap();
    assert!(
        assessment.contains("are scored with a likelihood of at most 1 (1 findings")
            && assessment.contains("likelihood in test files at most 1"),
        "{assessment}"
    );
}

#[test]
fn merged_shard_reports_keep_the_context() {
    let dir = project("");
    let out = comply(dir.path())
        .args(["scan", "--format", "json", "."])
        .output()
        .unwrap();
    std::fs::write(dir.path().join("shard.json"), &out.stdout).unwrap();
    let merged = comply(dir.path())
        .args(["merge", "--format", "json", "shard.json"])
        .output()
        .unwrap();
    let merged: serde_json::Value = serde_json::from_slice(&merged.stdout).unwrap();
    assert_eq!(merged["findings"][1]["context"], "test");
    assert_eq!(merged["findings"][1]["severity"], "low");
}

#[test]
fn a_baseline_entry_in_a_test_file_is_compared_at_its_test_file_severity() {
    let dir = project("");
    comply(dir.path())
        .args(["baseline", "--output", "baseline.json", "."])
        .assert()
        .code(0);
    std::fs::remove_file(dir.path().join("tests/keys.js")).unwrap();
    comply(dir.path())
        .args([
            "scan",
            ".",
            "--evidence",
            "bundle",
            "--baseline",
            "baseline.json",
        ])
        .args(["--fail-on", "none"])
        .assert()
        .code(0);
    let report =
        std::fs::read_to_string(dir.path().join("bundle/risk-baseline-report.md")).unwrap();
    assert!(
        report.contains("`secrets/aws-access-key-id` (low) in tests/keys.js"),
        "{report}"
    );
}
