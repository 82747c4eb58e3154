//! The binary as users run it: formats, exit statuses, configuration errors,
//! determinism and redaction.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

mod support;
use support::report::finding_paths;

fn comply() -> Command {
    let mut cmd = Command::cargo_bin("comply").expect("the binary is built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let output = comply().args(args).output().expect("comply runs");
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

/// A throw-away project folder with the given files.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// The JSON report of `comply scan --format json ARGS…` run in `dir`.
fn json_report(dir: &tempfile::TempDir, args: &[&str]) -> serde_json::Value {
    let out = comply()
        .current_dir(dir.path())
        .args(["scan", "--format", "json"])
        .args(args)
        .output()
        .expect("comply runs");
    serde_json::from_slice(&out.stdout).expect("the report is JSON")
}

/// The path of every finding, in report order.

#[test]
fn human_output_is_a_compiler_style_diagnostic() {
    comply()
        .args(["scan", "corpus/javascript/hashing/register-service.js"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("hashing/bcrypt-low-cost [high]"))
        .stdout(predicate::str::contains(
            "[corpus/javascript/hashing/register-service.js:16:",
        ))
        .stdout(predicate::str::contains(
            "bcrypt cost 8 is below the policy minimum of 12",
        ))
        .stdout(predicate::str::contains("SOC2 CC6.1, GDPR Art. 32(1)(a)"))
        .stdout(predicate::str::contains(
            "help: Raise the cost factor to at least 12",
        ))
        .stderr(predicate::str::contains(
            "2 findings (2 high) in 1 files scanned",
        ));
}

#[test]
fn short_output_is_one_line_per_finding() {
    let out = stdout_of(&[
        "scan",
        "--format",
        "short",
        "corpus/javascript/hashing/register-service.js",
    ]);
    insta::assert_snapshot!(out);
}

#[test]
fn json_output_follows_the_version_1_contract() {
    let out = stdout_of(&[
        "scan",
        "--format",
        "json",
        "corpus/rust/cookies",
        "corpus/yaml/transport",
    ]);
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(value["version"], 1);
    assert_eq!(value["summary"]["findings"], 35);
    // The raw text is the contract: key order and bytes included.
    insta::assert_snapshot!(out);
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let out = stdout_of(&[
        "scan",
        "--format",
        "sarif",
        "corpus/javascript/secrets/s3-uploader.js",
    ]);
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(value["version"], "2.1.0");
    let run = &value["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules
        .iter()
        .all(|r| r["properties"]["security-severity"].is_string()));
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 1);
    assert!(results[0]["partialFingerprints"]["comply/v1"].is_string());
    insta::assert_snapshot!(out);
}

#[test]
fn output_flag_writes_the_report_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.json");
    comply()
        .args(["scan", "--format", "json", "--output"])
        .arg(&file)
        .arg("corpus/rust/transport")
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty());
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains("\"transport/tls-verification-disabled\""));
}

#[test]
fn exit_status_follows_fail_on() {
    let path = "corpus/typescript/cookies/koa-and-fastify.ts"; // medium findings only
    comply().args(["scan", path]).assert().code(1);
    comply()
        .args(["scan", "--fail-on", "high", path])
        .assert()
        .code(0);
    comply()
        .args(["scan", "--fail-on", "medium", path])
        .assert()
        .code(1);
    comply()
        .args(["scan", "--fail-on", "none", "corpus"])
        .assert()
        .code(0);
}

#[test]
fn a_clean_tree_exits_zero() {
    let dir = project(&[("src/app.js", "const x = 1;\nmodule.exports = x;\n")]);
    comply()
        .current_dir(dir.path())
        .args(["scan", "."])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("0 findings in 1 files scanned"));
}

#[test]
fn usage_errors_exit_two() {
    comply().args(["scan", "--format", "xml"]).assert().code(2);
    comply()
        .args(["scan", "no/such/path"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/path"));
}

#[test]
fn malformed_config_is_a_diagnostic_pointing_into_it() {
    let dir = project(&[
        (
            "comply.yaml",
            "exclude:\n  - docs/\npolicy:\n  bcrypt_cost_min: 14\n",
        ),
        ("a.js", "const a = 1;\n"),
    ]);
    comply()
        .current_dir(dir.path())
        .args(["scan", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown policy parameter `bcrypt_cost_min`",
        ))
        .stderr(predicate::str::contains("comply.yaml:4:"));
    let broken = project(&[("comply.yaml", "exclude: [unclosed\n")]);
    comply()
        .current_dir(broken.path())
        .args(["scan", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid YAML"));
    let unknown_key = project(&[("comply.yaml", "excludes:\n  - x\n")]);
    comply()
        .current_dir(unknown_key.path())
        .args(["scan", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `excludes`"));
}

#[test]
fn config_policy_overrides_change_thresholds_and_messages() {
    let dir = project(&[
        ("comply.yaml", "policy:\n  bcrypt_min_cost: 9\n"),
        (
            "auth.js",
            "const bcrypt = require('bcrypt');\nbcrypt.hash(pw, 8);\nbcrypt.hash(pw, 10);\n",
        ),
    ]);
    comply()
        .current_dir(dir.path())
        .args(["scan", "--format", "short", "."])
        .assert()
        .code(1)
        .stdout("auth.js:2:17: high [hashing/bcrypt-low-cost] bcrypt cost 8 is below the policy minimum of 9\n");
}

#[test]
fn config_can_disable_rules_and_override_risk() {
    let dir = project(&[
        (
            "comply.yaml",
            "disable: [secrets/private-key]\noverrides:\n  hashing/bcrypt-low-cost: {likelihood: 1, impact: 3}\nfail_on: medium\n",
        ),
        ("auth.js", "const bcrypt = require('bcrypt');\nbcrypt.hash(pw, 8);\n"),
    ]);
    comply()
        .current_dir(dir.path())
        .args(["scan", "--format", "short", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("low [hashing/bcrypt-low-cost]"));
    let rules = comply()
        .current_dir(dir.path())
        .args(["rules"])
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&rules.stdout);
    assert!(!listing.contains("secrets/private-key"), "{listing}");
}

#[test]
fn json_report_is_identical_across_thread_counts() {
    let one = stdout_of(&["scan", "--format", "json", "--jobs", "1", "corpus"]);
    let eight = stdout_of(&["scan", "--format", "json", "--jobs", "8", "corpus"]);
    assert!(one.contains("\"findings\""));
    assert_eq!(one, eight);
}

#[test]
fn secrets_are_never_printed_in_full() {
    let secrets = [
        "AKIA7KLFYYLBEG3RHDSV",
        "ASIAZDQTTIDVZ7ORA35T",
        "AKIA5UCDRD6PM6HU2ZX2",
        "B2R2PPEzfDKoP+RmVULIm05FBddRVM9aNsxSdP+YJo1cYc6VlZALGLdoo4CwFfZQ",
        "whVN1ZLpI4LeTLRbzCvsBAsITJt9YMHzdxqQAAs02usLdG4HY8ntPiF7CmXy0l7l",
    ];
    for format in ["human", "short", "json", "sarif"] {
        let output = comply()
            .args(["scan", "--format", format, "corpus"])
            .output()
            .expect("comply runs");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(all.contains("AKIA…"), "{format}: redacted form present");
        for secret in secrets {
            assert!(!all.contains(secret), "{format} leaked {secret}");
            assert!(
                !all.contains(&secret[4..]),
                "{format} leaked the tail of {secret}"
            );
        }
    }
}

#[test]
fn rules_command_lists_rules_as_table_and_json() {
    let table = stdout_of(&["rules"]);
    assert!(table.contains("hashing/bcrypt-low-cost"));
    assert!(table.contains("javascript,typescript,rust"));
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&["rules", "--format", "json"])).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(ids, sorted, "rules are listed once each, sorted by id");
    for id in [
        "cookies/httponly-disabled",
        "hashing/bcrypt-low-cost",
        "logging/secret-in-log",
        "rate-limiting/auth-route-without-limiter",
        "sessions/jwt-no-expiry",
        "secrets/aws-access-key-id",
        "secrets/private-key",
        "transport/tls-verification-disabled",
    ] {
        assert!(ids.contains(&id), "{id} is listed");
    }
}

#[test]
fn discovery_honours_ignores_and_counts_skips() {
    let dir = project(&[
        (".gitignore", "generated/\n"),
        (".complyignore", "fixtures/\n"),
        ("generated/keys.js", "const k = 'AKIA7KLFYYLBEG3RHDSV';\n"),
        ("fixtures/keys.js", "const k = 'AKIA7KLFYYLBEG3RHDSV';\n"),
        (
            "node_modules/pkg/index.js",
            "const k = 'AKIA7KLFYYLBEG3RHDSV';\n",
        ),
        ("package-lock.json", "{\"k\": \"AKIA7KLFYYLBEG3RHDSV\"}\n"),
        ("public/app.min.js", "var k='AKIA7KLFYYLBEG3RHDSV';\n"),
        ("image.png", "\u{0}\u{1}AKIA7KLFYYLBEG3RHDSV"),
        (".env", "AWS_ACCESS_KEY_ID=AKIA7KLFYYLBEG3RHDSV\n"),
    ]);
    let value = json_report(&dir, &["."]);
    assert_eq!(
        finding_paths(&value),
        [".env"],
        "only the .env file is in scope"
    );
    let skipped = &value["summary"]["skipped_by_reason"];
    assert_eq!(skipped["excluded-directory"], 1);
    assert_eq!(skipped["lock-file"], 1);
    assert_eq!(skipped["minified"], 1);
    assert_eq!(skipped["binary"], 1);
    // An explicit file argument is scanned even when ignored.
    comply()
        .current_dir(dir.path())
        .args(["scan", "--format", "short", "fixtures/keys.js"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "fixtures/keys.js:1:12: low [secrets/aws-access-key-id]",
        ));
}

#[test]
fn oversized_files_are_skipped_and_counted() {
    let dir = project(&[("big.js", &"// padding line\n".repeat(200))]);
    let value = json_report(&dir, &["--max-file-size", "1000", "."]);
    assert_eq!(value["summary"]["skipped_by_reason"]["too-large"], 1);
    assert_eq!(value["summary"]["files_scanned"], 0);
}

#[test]
fn files_that_do_not_parse_are_reported_not_dropped() {
    let dir = project(&[
        // Each holds a word a structural rule looks for, so each is parsed.
        (
            "broken.rs",
            "fn main( {\n    let key = \"AKIA7KLFYYLBEG3RHDSV\";\n    bcrypt::hash(pw, 4\n",
        ),
        ("broken.toml", "[server\nNODE_TLS_REJECT_UNAUTHORIZED = 0\n"),
    ]);
    let output = comply()
        .current_dir(dir.path())
        .args(["scan", "--format", "short", "."])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Text rules still ran on the Rust file.
    assert!(
        stdout.contains("broken.rs:2:16: critical [secrets/aws-access-key-id]"),
        "{stdout}"
    );
    assert!(stderr.contains("warning: broken.rs:"), "{stderr}");
    assert!(stderr.contains("warning: broken.toml:"), "{stderr}");
    assert!(Path::new(dir.path()).exists());
}

#[test]
fn config_excludes_are_relative_to_the_config_file() {
    let dir = project(&[
        ("comply.yaml", "exclude: [src/generated/]\n"),
        (
            "src/generated/keys.js",
            "const k = 'AKIA7KLFYYLBEG3RHDSV';\n",
        ),
        ("src/app.js", "const k = 'AKIA7KLFYYLBEG3RHDSV';\n"),
    ]);
    let value = json_report(&dir, &["src"]);
    assert_eq!(finding_paths(&value), ["src/app.js"]);
    assert_eq!(
        value["summary"]["skipped_by_reason"]["excluded-by-config"],
        1
    );
    // A root given as an absolute path outside the config's folder is scanned, not a crash.
    let elsewhere = project(&[("keys.js", "const k = 'AKIA7KLFYYLBEG3RHDSV';\n")]);
    comply()
        .current_dir(dir.path())
        .args(["scan", "--format", "short"])
        .arg(elsewhere.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "keys.js:1:12: critical [secrets/aws-access-key-id]",
        ));
}

#[test]
fn terminal_escapes_in_scanned_text_are_not_printed_raw() {
    let dir = project(&[(
        "notes.txt",
        "key \u{1b}]0;pwned\u{7} AKIA7KLFYYLBEG3RHDSV\n",
    )]);
    let out = comply()
        .current_dir(dir.path())
        .args(["scan", "."])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("secrets/aws-access-key-id"), "{stdout}");
    assert!(!stdout.contains('\u{1b}'), "{stdout}");
}

#[test]
fn a_reader_closing_the_pipe_early_is_not_an_error() {
    // Far more output than a pipe buffers, so comply is still writing when
    // the reader goes away (`comply scan | head`).
    let line = "const k = 'AKIA7KLFYYLBEG3RHDSV';\n";
    let dir = project(&[("keys.js", &line.repeat(3000))]);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("comply"))
        .current_dir(dir.path())
        .args(["scan", "--format", "short", "."])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("comply starts");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut first = [0u8; 64];
    std::io::Read::read_exact(&mut stdout, &mut first).expect("some output arrives");
    drop(stdout);
    let output = child.wait_with_output().expect("comply ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "findings, not an error: {stderr}"
    );
    assert!(!stderr.contains("cannot write"), "{stderr}");
}
