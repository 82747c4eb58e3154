//! The CI output formats as users run them: `--format github` (workflow
//! commands), checked against the JSON report of the same scan, with hostile
//! file names, and for redaction.

use std::collections::BTreeSet;

use assert_cmd::Command;
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
        ["error", "warning"],
        "the subset covers two levels"
    );
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
}

#[test]
fn secrets_are_never_printed_in_full_in_ci_formats() {
    for format in ["github"] {
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
