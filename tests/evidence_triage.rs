//! Triage as users meet it on every scan: fingerprints that survive edits,
//! inline suppressions in each comment syntax, `never_suppress`, the
//! baseline (sorted, no timestamps, stale entries reported), and how the
//! report formats treat settled findings.

mod evidence_common;

use evidence_common::{comply_in, findings, project};

const KEY: &str = "AKIAQ7ZLMX4R2KPV6TNB";
const OTHER_KEY: &str = "AKIAW6JZ3TQ2PLN5XC7D";

fn fingerprints(dir: &std::path::Path) -> Vec<(String, String)> {
    findings(dir, &[])
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["fingerprint"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const SERVICE: &str = "const bcrypt = require('bcrypt');

function seedPassword(pw) {
  return bcrypt.hashSync(pw, 6);
}

function adminPassword(pw) {
  return bcrypt.hashSync(pw, 6);
}

module.exports = { seedPassword, adminPassword };
";

#[test]
fn fingerprints_survive_lines_above_reformatting_and_moves() {
    let app = project(&[("src/passwords.js", SERVICE)]);
    let before = fingerprints(app.path());
    assert_eq!(before.len(), 2);
    assert_ne!(
        before[0].1, before[1].1,
        "identical matches differ by occurrence"
    );
    let file = app.path().join("src/passwords.js");

    let added_above =
        format!("// Password helpers for the seed scripts.\n'use strict';\n\n{SERVICE}");
    std::fs::write(&file, added_above).unwrap();
    assert_eq!(fingerprints(app.path()), before, "lines added above");

    let reformatted = SERVICE.replace(
        "  return bcrypt.hashSync(pw, 6);",
        "    return bcrypt.hashSync( pw,6 ) ;",
    );
    std::fs::write(&file, reformatted).unwrap();
    assert_eq!(
        fingerprints(app.path()),
        before,
        "re-indented and re-spaced"
    );

    let moved = "const bcrypt = require('bcrypt');

module.exports = { seedPassword, adminPassword };

function helper() {
  return 42;
}

function seedPassword(pw) {
  return bcrypt.hashSync(pw, 6);
}

function adminPassword(pw) {
  return bcrypt.hashSync(pw, 6);
}
";
    std::fs::write(&file, moved).unwrap();
    assert_eq!(
        fingerprints(app.path()),
        before,
        "functions moved below other code"
    );
}

#[test]
fn a_different_secret_is_a_different_finding() {
    let line = |key: &str| {
        format!("const s3 = new S3Client({{ credentials: {{ accessKeyId: '{key}' }} }});\n")
    };
    let app = project(&[("upload.js", &line(KEY))]);
    let first = fingerprints(app.path());
    std::fs::write(app.path().join("upload.js"), line(OTHER_KEY)).unwrap();
    let second = fingerprints(app.path());
    assert_eq!(first.len(), 1);
    assert_ne!(
        first, second,
        "the secret itself is part of the fingerprint (hashed)"
    );
    std::fs::write(app.path().join("upload.js"), format!("\n\n{}", line(KEY))).unwrap();
    assert_eq!(fingerprints(app.path()), first);
}

#[test]
fn inline_suppressions_in_each_comment_syntax() {
    let app = project(&[
        (
            "src/client.ts",
            "import https from 'https';\n\n// comply-ignore: transport/tls-verification-disabled -- test double for the local CA\nexport const agent = new https.Agent({ rejectUnauthorized: false });\nexport const other = new https.Agent({ rejectUnauthorized: false }); /* comply-ignore: transport -- same test double */\n",
        ),
        (
            "deploy/worker.yaml",
            "env:\n  - name: NODE_TLS_REJECT_UNAUTHORIZED  # comply-ignore: transport -- sandbox only\n    value: \"0\"\n",
        ),
        ("config/.env", "# comply-ignore: transport -- local development only\nNODE_TLS_REJECT_UNAUTHORIZED=0\n"),
        (
            "src/http.rs",
            "pub fn client() -> reqwest::Client {\n    reqwest::Client::builder()\n        .danger_accept_invalid_certs(true) // comply-ignore: transport -- integration tests against a self-signed server\n        .build()\n        .unwrap()\n}\n",
        ),
    ]);
    let all = findings(app.path(), &[]);
    assert_eq!(all.len(), 5, "{all:#?}");
    for f in &all {
        assert_eq!(f["status"], "suppressed", "{f:#?}");
        assert!(!f["suppression"]["reason"].as_str().unwrap().is_empty());
    }
    let out = comply_in(app.path())
        .args(["scan", ".", "--format", "short"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "suppressed findings do not fail the run"
    );
    assert!(
        out.stdout.is_empty(),
        "nor are they listed: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let human = comply_in(app.path()).args(["scan", "."]).output().unwrap();
    // The summary line goes to standard error, with the time taken.
    let text = String::from_utf8(human.stderr).unwrap();
    assert!(
        text.contains("0 findings in 4 files scanned, 0 skipped (")
            && text.contains("s). Not shown: 5 suppressed."),
        "{text}"
    );
}

#[test]
fn a_suppression_without_reason_is_reported_and_does_not_apply() {
    let app = project(&[(
        "agent.js",
        "const https = require('https');\n// comply-ignore: transport\nmodule.exports = new https.Agent({ rejectUnauthorized: false });\n",
    )]);
    let all = findings(app.path(), &[]);
    let rules: Vec<(&str, &str, u64)> = all
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap(),
                f["status"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            ("meta/suppression-without-reason", "open", 2),
            ("transport/tls-verification-disabled", "open", 3)
        ]
    );
}

#[test]
fn never_suppress_leaves_only_risk_acceptances() {
    let source = format!(
        "// comply-ignore: secrets -- it is only the staging bucket\nconst key = '{KEY}';\n"
    );
    let app = project(&[
        ("keys.js", source.as_str()),
        ("comply.yaml", "never_suppress: [secrets]\n"),
    ]);
    let all = findings(app.path(), &[]);
    assert_eq!(all[0]["status"], "open");
    assert_eq!(
        all[0]["suppression"]["target"], "secrets",
        "the comment is still recorded"
    );
    std::fs::create_dir_all(app.path().join(".comply")).unwrap();
    std::fs::write(
        app.path().join(".comply/acceptances.yaml"),
        format!(
            "acceptances:\n  - id: RA-1\n    fingerprint: {}\n    reason: staging bucket, rotated weekly\n    approver: Ines Duarte\n    date: 2026-11-01\n    expires: 2026-12-01\n",
            all[0]["fingerprint"].as_str().unwrap()
        ),
    )
    .unwrap();
    let all = findings(app.path(), &[]);
    assert_eq!(all[0]["status"], "accepted");
    assert_eq!(all[0]["acceptance"], "RA-1");
}

#[test]
fn never_suppress_names_are_checked() {
    let app = project(&[("comply.yaml", "never_suppress: [secret]\n")]);
    let out = comply_in(app.path()).args(["scan", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("never_suppress names `secret`"), "{stderr}");
}

#[test]
fn the_baseline_is_sorted_timeless_and_reports_stale_entries() {
    let app = project(&[
        ("src/passwords.js", SERVICE),
        ("src/keys.js", &format!("const key = '{KEY}';\n")),
    ]);
    let out = comply_in(app.path()).args(["baseline"]).output().unwrap();
    assert!(out.status.success());
    let text = std::fs::read_to_string(app.path().join(".comply/baseline.json")).unwrap();
    let baseline: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entries = baseline["findings"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    let keys: Vec<(String, String, String)> = entries
        .iter()
        .map(|e| {
            (
                e["path"].to_string(),
                e["rule_id"].to_string(),
                e["fingerprint"].to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(
        !text.contains("line") && !text.contains("20"),
        "no line numbers or dates: {text}"
    );
    let again = comply_in(app.path()).args(["baseline"]).output().unwrap();
    assert!(again.status.success());
    assert_eq!(
        std::fs::read_to_string(app.path().join(".comply/baseline.json")).unwrap(),
        text
    );

    // Everything is baselined: the gate applies to new findings only.
    let out = comply_in(app.path())
        .args([
            "scan",
            ".",
            "--format",
            "short",
            "--baseline",
            ".comply/baseline.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // The key is removed: its entry is stale and says so.
    std::fs::write(
        app.path().join("src/keys.js"),
        "const key = process.env.KEY;\n",
    )
    .unwrap();
    std::fs::write(
        app.path().join("src/new.js"),
        "const b = require('bcrypt');\nb.hash(pw, 9);\n",
    )
    .unwrap();
    let out = comply_in(app.path())
        .args([
            "scan",
            ".",
            "--format",
            "short",
            "--baseline",
            ".comply/baseline.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the new finding fails");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("src/new.js:2:"), "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("stale baseline entry")
            && stderr.contains("secrets/aws-access-key-id in src/keys.js"),
        "{stderr}"
    );
}

#[test]
fn sarif_marks_settled_findings_as_suppressed() {
    let app = project(&[(
        "agent.js",
        "const https = require('https');\n// comply-ignore: transport -- local CA in tests\nmodule.exports = new https.Agent({ rejectUnauthorized: false });\n",
    )]);
    let out = comply_in(app.path())
        .args(["scan", ".", "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        result["suppressions"][0]["justification"],
        "local CA in tests"
    );
    assert_eq!(result["properties"]["status"], "suppressed");
}
