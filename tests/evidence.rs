//! The audit evidence bundle end to end: every file of it for two fixture
//! applications (snapshots), byte-identical reruns, the reviewer's round
//! trip through `comply gate`, tampering, CSV injection, owners, expired
//! acceptances, interrupted writes, and no secret anywhere in a bundle.

mod evidence_common;

use std::path::Path;

use evidence_common::{bundle, bundle_files, comply_in, fixture, project};
use regex::Regex;

fn text(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn snapshot_bundle(app: &str, dir: &Path) {
    for (name, bytes) in bundle_files(dir) {
        let content = String::from_utf8(bytes).expect("bundle files are UTF-8");
        insta::assert_snapshot!(format!("{app}__{name}"), content);
    }
}

/// The register's rows exactly as a spreadsheet would read the cells.
fn raw_rows(dir: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(dir.join("findings-register.csv")).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// The register's rows with the formula neutralisation undone
/// (`'@org/team` → `@org/team`), as `comply gate` reads them.
fn register_rows(dir: &Path) -> Vec<std::collections::HashMap<String, String>> {
    raw_rows(dir)
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|(k, v)| {
                    let restored = match v.strip_prefix('\'') {
                        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => {
                            rest.to_string()
                        }
                        _ => v,
                    };
                    (k, restored)
                })
                .collect()
        })
        .collect()
}

#[test]
fn express_bundle_with_a_previous_bundle() {
    let app = fixture("express-app");
    let root = app.path();
    std::fs::write(
        root.join("src/lib/legacy-hash.js"),
        "const bcrypt = require('bcrypt');\n\nmodule.exports = (pw) => bcrypt.hashSync(pw, 5);\n",
    )
    .unwrap();
    let earlier = comply_in(root)
        .env("SOURCE_DATE_EPOCH", "1794000000")
        .args(["scan", ".", "--format", "short", "--evidence", "prev"])
        .output()
        .unwrap();
    assert_eq!(earlier.status.code(), Some(1));
    std::fs::remove_file(root.join("src/lib/legacy-hash.js")).unwrap();
    let out = bundle(root, ".artifacts/review-security", &["--previous", "prev"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = root.join(".artifacts/review-security");
    let names: Vec<String> = bundle_files(&dir).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "disposition-record.md",
            "findings-register.csv",
            "manual-assessment.md",
            "risk-baseline-report.md",
            "scan-results.json",
            "scope-register.json"
        ]
    );
    let report = text(&dir, "risk-baseline-report.md");
    assert!(report.contains("## Fixed since then (1)"), "{report}");
    assert!(report.contains("12 days since 2026-11-06"), "{report}");
    snapshot_bundle("express", &dir);
}

#[test]
fn axum_bundle_with_a_baseline() {
    let app = fixture("axum-app");
    let root = app.path();
    let staging = std::fs::read(root.join("deploy/staging.yaml")).unwrap();
    std::fs::remove_file(root.join("deploy/staging.yaml")).unwrap();
    let recorded = comply_in(root).args(["baseline"]).output().unwrap();
    assert!(
        recorded.status.success(),
        "{}",
        String::from_utf8_lossy(&recorded.stderr)
    );
    std::fs::write(root.join("deploy/staging.yaml"), staging).unwrap();
    let out = bundle(root, "evidence", &["--baseline", ".comply/baseline.json"]);
    assert_eq!(out.status.code(), Some(1));
    let dir = root.join("evidence");
    let rows = register_rows(&dir);
    let status = |path: &str| {
        rows.iter()
            .find(|r| r["path"] == path)
            .map(|r| r["status"].clone())
    };
    assert_eq!(status("deploy/staging.yaml").as_deref(), Some("open"));
    assert_eq!(
        status("deploy/ledger-tls.pem").as_deref(),
        Some("baselined")
    );
    assert_eq!(status("src/rates.rs").as_deref(), Some("suppressed"));
    snapshot_bundle("axum", &dir);
}

#[test]
fn reruns_are_byte_identical_even_with_the_bundle_inside_the_tree() {
    let app = fixture("express-app");
    let root = app.path();
    bundle(root, ".artifacts/review", &[]);
    let first = bundle_files(&root.join(".artifacts/review"));
    bundle(root, ".artifacts/review", &[]);
    let second = bundle_files(&root.join(".artifacts/review"));
    assert_eq!(first.len(), 5);
    assert!(first == second, "a rerun writes the same bytes");
    let other = fixture("express-app");
    bundle(other.path(), "other/place", &["--jobs", "1"]);
    let third = bundle_files(&other.path().join("other/place"));
    assert!(
        first == third,
        "neither the bundle's folder nor the thread count changes it"
    );
}

#[test]
fn the_clock_comes_from_source_date_epoch() {
    let app = fixture("axum-app");
    bundle(app.path(), "out", &[]);
    let scope: serde_json::Value =
        serde_json::from_str(&text(&app.path().join("out"), "scope-register.json")).unwrap();
    assert_eq!(scope["generated_at"], "2026-11-18T11:06:40Z");
    assert_eq!(scope["git"]["commit"], serde_json::Value::Null);
    assert_eq!(scope["files"]["by_language"]["rust"], 3);
    for (name, sum) in scope["checksums"].as_object().unwrap() {
        let bytes = std::fs::read(app.path().join("out").join(name)).unwrap();
        use sha2::Digest;
        let actual: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(sum.as_str().unwrap(), actual, "{name}");
    }
}

/// A small project whose automated checks all pass, so only the reviewer's
/// records decide Gate 2.
fn clean_project() -> tempfile::TempDir {
    project(&[
        (
            "src/auth.js",
            "const bcrypt = require('bcrypt');\n\nasync function store(password) {\n  return bcrypt.hash(password, 12);\n}\n\nmodule.exports = { store };\n",
        ),
        ("comply.yaml", "evidence:\n  default_owner: \"@shop/security\"\n"),
    ])
}

fn tick(doc: &str, key: &str, with: &str) -> String {
    doc.lines()
        .map(|line| {
            if line.starts_with(&format!("- [ ] `{key}`")) {
                format!("{}{with}", line.replacen("- [ ]", "- [x]", 1))
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn line_of(doc: &str, key: &str) -> usize {
    doc.lines()
        .position(|l| l.contains(&format!("`{key}`")) && l.starts_with("- ["))
        .unwrap()
        + 1
}

#[test]
fn the_reviewers_round_trip_through_comply_gate() {
    let app = clean_project();
    let root = app.path();
    // Without the rate-limiting rules no automated check covers SOC2 CC6.6,
    // so a reviewer must record how it is met.
    let out = bundle(root, "review", &["--ignore", "rate-limiting"]);
    // The scan leaves Gate 2 (the reviewer's signatures) to `comply gate`.
    assert_eq!(
        out.status.code(),
        Some(0),
        "a clean project passes gates 1 and 3"
    );
    let verdict = comply_in(root).args(["gate", "review"]).output().unwrap();
    assert_eq!(
        verdict.status.code(),
        Some(1),
        "Gate 2 waits for the reviewer"
    );
    let doc_path = root.join("review/manual-assessment.md");
    let mut doc = std::fs::read_to_string(&doc_path).unwrap();
    // One item signed and dated, one ticked without a name.
    doc = tick(&doc, "M1", " verified by Dana Okafor on 2026-11-19");
    doc = tick(&doc, "M2", "");
    std::fs::write(&doc_path, &doc).unwrap();
    let gate = comply_in(root).args(["gate", "review"]).output().unwrap();
    let said = String::from_utf8(gate.stdout).unwrap();
    assert_eq!(gate.status.code(), Some(1), "{said}");
    let m2 = line_of(&doc, "M2");
    assert!(
        said.contains(&format!(
            "manual-assessment.md:{m2}: `M2` is ticked but does not count"
        )),
        "{said}"
    );
    assert!(!said.contains("`M1`"), "M1 counts as verified: {said}");
    assert!(
        said.contains("gate 2 (Control verification): FAIL"),
        "{said}"
    );
    assert!(
        said.contains("critical control `SOC2 CC6.6` is not assessed"),
        "{said}"
    );

    // The reviewer completes everything: the gates pass, the release may go.
    doc = doc.replace("- [x] `M2`", "- [ ] `M2`");
    doc = doc
        .lines()
        .map(|l| {
            if l.starts_with("- [ ] `M2`") {
                l.trim_end_matches(':').to_string() + ":"
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    for key in ["M2", "M3", "M4", "M5", "M6"] {
        doc = tick(&doc, key, " verified by Dana Okafor on 2026-11-19");
    }
    doc = tick(
        &doc,
        "SOC2 CC6.6",
        " compensating control: gateway limits /login to 5 per minute by Dana Okafor on 2026-11-19",
    );
    std::fs::write(&doc_path, &doc).unwrap();
    let gate = comply_in(root).args(["gate", "review"]).output().unwrap();
    let said = String::from_utf8(gate.stdout).unwrap();
    assert_eq!(gate.status.code(), Some(0), "{said}");
    assert!(
        said.contains("recommended disposition: approve\n"),
        "{said}"
    );
}

#[test]
fn a_hand_edited_register_is_detected() {
    let app = fixture("express-app");
    let root = app.path();
    bundle(root, "out", &[]);
    let path = root.join("out/findings-register.csv");
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace(",open,", ",accepted,");
    std::fs::write(&path, edited).unwrap();
    let gate = comply_in(root).args(["gate", "out"]).output().unwrap();
    let said = String::from_utf8(gate.stdout).unwrap();
    assert_eq!(gate.status.code(), Some(1));
    assert!(
        said.contains("error: findings-register.csv was changed after comply wrote it"),
        "{said}"
    );
    assert!(said.contains("cannot be trusted"), "{said}");
}

#[test]
fn csv_cells_cannot_run_formulas() {
    let app = project(&[(
        "=HYPERLINK(1)/@sum.js",
        "const bcrypt = require('bcrypt');\nmodule.exports = (pw) => bcrypt.hash(pw, 4);\n",
    )]);
    bundle(app.path(), "out", &[]);
    let raw = text(&app.path().join("out"), "findings-register.csv");
    assert!(raw.contains("'=HYPERLINK(1)/@sum.js"), "{raw}");
    for row in raw_rows(&app.path().join("out")) {
        for (column, cell) in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{column} = {cell:?} would run as a formula"
            );
        }
    }
}

#[test]
fn owners_follow_codeowners_precedence() {
    let app = fixture("express-app");
    let root = app.path();
    // A root CODEOWNERS is ignored while .github/CODEOWNERS exists (GitHub's order).
    std::fs::write(root.join("CODEOWNERS"), "* @someone/else\n").unwrap();
    bundle(root, "out", &[]);
    let rows = register_rows(&root.join("out"));
    let owner = |path: &str| rows.iter().find(|r| r["path"] == path).unwrap()["owner"].clone();
    assert_eq!(
        owner("src/routes/auth.js"),
        "@orders/identity",
        "the last matching line wins"
    );
    assert_eq!(owner("src/server.js"), "@orders/backend");
    assert_eq!(
        owner("scripts/seed.js"),
        "@orders/security",
        "an owner-less line falls back to the default"
    );
    std::fs::remove_dir_all(root.join(".github")).unwrap();
    bundle(root, "out", &[]);
    let rows = register_rows(&root.join("out"));
    assert!(rows.iter().all(|r| r["owner"] == "@someone/else"));
}

#[test]
fn unowned_findings_fail_gate_3() {
    let app = fixture("axum-app");
    bundle(app.path(), "out", &[]);
    let results: serde_json::Value =
        serde_json::from_str(&text(&app.path().join("out"), "scan-results.json")).unwrap();
    assert_eq!(results["evidence"]["gate_1"]["passed"], false);
    let record = text(&app.path().join("out"), "disposition-record.md");
    assert!(
        record.contains("Gate 3 (Disposition integrity): fail"),
        "{record}"
    );
    assert!(record.contains("has no owner"), "{record}");
}

#[test]
fn an_expired_acceptance_stops_applying_and_is_reported_at_its_entry() {
    let app = fixture("express-app");
    let out = bundle(app.path(), "out", &[]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("risk acceptance `RA-2025-031` expired on 2025-12-31"),
        "{stderr}"
    );
    assert!(
        stderr.contains("acceptances.yaml:16:"),
        "points at the entry's expiry: {stderr}"
    );
    let rows = register_rows(&app.path().join("out"));
    let cookie = rows
        .iter()
        .find(|r| r["rule"] == "cookies/httponly-disabled")
        .unwrap();
    assert_eq!(cookie["status"], "open");
    assert_eq!(cookie["acceptance"], "");
    let seed = rows
        .iter()
        .find(|r| r["path"] == "scripts/seed.js")
        .unwrap();
    assert_eq!(seed["status"], "accepted");
    assert_eq!(seed["acceptance"], "RA-2026-007");
    let record = text(&app.path().join("out"), "disposition-record.md");
    assert!(record.contains("**RA-2025-031**"), "{record}");
}

#[test]
fn a_malformed_acceptance_is_an_error_pointing_at_it() {
    let app = fixture("express-app");
    let path = app.path().join(".comply/acceptances.yaml");
    let broken = std::fs::read_to_string(&path)
        .unwrap()
        .replace("expires: 2027-03-01", "expires: 2027-02-30");
    std::fs::write(&path, broken).unwrap();
    let out = bundle(app.path(), "out", &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("acceptance `RA-2026-007`: expires `2027-02-30` is not a date"),
        "{stderr}"
    );
    assert!(stderr.contains("acceptances.yaml:8:"), "{stderr}");
    assert!(
        !app.path().join("out").exists(),
        "nothing is written on a configuration error"
    );
}

#[test]
fn an_interrupted_write_leaves_the_previous_file_whole() {
    let app = fixture("axum-app");
    let root = app.path();
    bundle(root, "out", &[]);
    let before = text(&root.join("out"), "scan-results.json");
    // The last file cannot be replaced: the run stops there.
    std::fs::remove_file(root.join("out/scope-register.json")).unwrap();
    std::fs::create_dir_all(root.join("out/scope-register.json/blocked")).unwrap();
    std::fs::write(
        root.join("deploy/extra.yaml"),
        "env:\n  - name: NODE_TLS_REJECT_UNAUTHORIZED\n    value: \"0\"\n",
    )
    .unwrap();
    let out = bundle(root, "out", &[]);
    assert_eq!(out.status.code(), Some(2));
    let after = text(&root.join("out"), "scan-results.json");
    assert_ne!(
        before, after,
        "files before the failure were replaced whole"
    );
    serde_json::from_str::<serde_json::Value>(&after).expect("and are complete");
    let temps: Vec<_> = std::fs::read_dir(root.join("out"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "no temporary file is left behind");
}

/// Every secret planted in the corpus and the fixtures: AWS key ids and the
/// body lines of PEM private keys.
fn planted_secrets(root: &Path) -> Vec<String> {
    let key = Regex::new(r"(?:AKIA|ASIA)[A-Z2-7]{16}").unwrap();
    let mut secrets = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            secrets.extend(key.find_iter(&text).map(|m| m.as_str().to_string()));
            let mut in_key = false;
            for line in text.split(['\n', '"']).flat_map(|l| l.split("\\n")) {
                if line.contains("PRIVATE KEY-----") {
                    in_key = line.contains("BEGIN");
                    continue;
                }
                let body = line.trim();
                if in_key && body.len() >= 16 {
                    secrets.push(body.to_string());
                }
            }
        }
    }
    secrets.sort();
    secrets.dedup();
    secrets
}

#[test]
fn no_secret_from_the_corpus_appears_in_a_bundle() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = tempfile::tempdir().unwrap();
    let out = comply_in(repo)
        .args([
            "scan",
            "corpus",
            "tests/fixtures/evidence",
            "--format",
            "short",
            "--evidence",
        ])
        .arg(corpus.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let mut secrets = planted_secrets(&repo.join("corpus"));
    secrets.extend(planted_secrets(&repo.join("tests/fixtures/evidence")));
    assert!(secrets.len() >= 8, "the corpus plants secrets: {secrets:?}");
    let files = bundle_files(corpus.path());
    assert_eq!(files.len(), 5);
    for (name, bytes) in files {
        let text = String::from_utf8_lossy(&bytes);
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "{name} holds the secret {}…",
                &secret[..4]
            );
        }
    }
}

#[test]
fn a_custom_template_renders_the_assessment() {
    let app = fixture("axum-app");
    std::fs::write(
        app.path().join("firm.md.j2"),
        "# Audit {{ scope.generated_at }}\n{% for area in model.areas %}{% for c in area.controls %}- [ ] `{{ c.id }}` {{ c.result }}\n{% endfor %}{% endfor %}",
    )
    .unwrap();
    bundle(app.path(), "out", &["--evidence-template", "firm.md.j2"]);
    let doc = text(&app.path().join("out"), "manual-assessment.md");
    assert!(
        doc.starts_with("# Audit 2026-11-18T11:06:40Z\n- [ ] `SOC2 CC6.1` failed\n"),
        "{doc}"
    );
    std::fs::write(app.path().join("bad.md.j2"), "{{ model.nope }}").unwrap();
    let out = bundle(app.path(), "out2", &["--evidence-template", "bad.md.j2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot render bad.md.j2"));
}

#[test]
fn evidence_settings_are_checked_like_the_rest_of_the_configuration() {
    let app = project(&[(
        "comply.yaml",
        "evidence:\n  default_owner: \"@x\"\n  sla_dayz: { high: 3 }\n",
    )]);
    let out = comply_in(app.path()).args(["scan", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("sla_dayz"), "{stderr}");
    assert!(stderr.contains("comply.yaml:3:"), "{stderr}");
}
