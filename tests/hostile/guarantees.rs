//! What holds whatever the repository holds: a time budget per file, panics
//! caught at the file boundary, deterministic reports, secrets never in
//! clear, and no network.

use std::path::Path;

use crate::{
    comply, fake_key, findings, problems, run, run_cmd, scan_json, skip_because, skipped, tree,
};

/// The rule the debug-only panic hook fires in (release builds lack it).
#[cfg(debug_assertions)]
const RULE_KEY: &str = "secrets/aws-access-key-id";

fn small_project() -> tempfile::TempDir {
    tree(&[
        (
            "src/app.js",
            format!("const id = '{}';\n", fake_key(60)).as_bytes(),
        ),
        (
            "src/auth.rs",
            b"use bcrypt::hash;\nfn f(p: &str) { hash(p, 4).unwrap(); }\n",
        ),
        ("notes.txt", b"nothing to see\n"),
        (
            "deploy/values.yaml",
            b"env:\n  NODE_TLS_REJECT_UNAUTHORIZED: \"0\"\n",
        ),
    ])
}

#[test]
fn a_file_past_its_time_budget_is_skipped_as_timeout_and_the_scan_goes_on() {
    let dir = small_project();
    let (code, report) = scan_json(dir.path(), &["--file-timeout", "0", "."]);
    assert_eq!(code, 0, "abandoned files have no findings");
    assert!(findings(&report).is_empty());
    assert_eq!(skipped(&report, "timeout"), 4);
    assert_eq!(report["summary"]["files_scanned"], 0);
    let problems = problems(&report);
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(problems
        .iter()
        .all(|(_, kind, message)| kind == "timeout" && message.contains("time budget")));
    let short = run(
        dir.path(),
        &["scan", "--format", "short", "--file-timeout", "0", "."],
    );
    assert!(
        short
            .stderr
            .contains("warning: src/app.js: abandoned after the per-file time budget"),
        "{}",
        short.stderr
    );
    // comply.yaml sets the budget too; the flag wins over it.
    crate::write(dir.path(), "comply.yaml", b"file_timeout: 0\n");
    let (_, report) = scan_json(dir.path(), &["."]);
    assert_eq!(
        skipped(&report, "timeout"),
        5,
        "comply.yaml itself is scanned too"
    );
    let (code, report) = scan_json(dir.path(), &["--file-timeout", "3600", "."]);
    assert_eq!(code, 1);
    assert_eq!(skipped(&report, "timeout"), 0);
    assert_eq!(findings(&report).len(), 3);
}

#[cfg(debug_assertions)]
#[test]
fn a_panic_in_one_file_is_an_internal_error_naming_file_and_rule() {
    let dir = small_project();
    let key = fake_key(61);
    crate::write(
        dir.path(),
        "src/boom.js",
        format!("const k = '{key}';\n").as_bytes(),
    );
    let out = run_cmd(
        comply()
            .current_dir(dir.path())
            .env("COMPLY_DEBUG_PANIC", format!("src/boom.js:{RULE_KEY}"))
            .args(["scan", "--format", "json", "."]),
    );
    assert_eq!(out.code, 2, "an internal error fails CI: {}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let found: Vec<String> = findings(&report).into_iter().map(|f| f.0).collect();
    assert_eq!(
        found,
        ["deploy/values.yaml", "src/app.js", "src/auth.rs"],
        "every other finding is kept"
    );
    let problems = problems(&report);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let (path, kind, message) = &problems[0];
    assert_eq!(
        (path.as_str(), kind.as_str()),
        ("src/boom.js", "internal-error")
    );
    assert!(message.contains(RULE_KEY), "{message}");
    assert!(!out.stderr.contains(&key[4..]) && !out.stdout.contains(&key[4..]));
    let human = run_cmd(
        comply()
            .current_dir(dir.path())
            .env("COMPLY_DEBUG_PANIC", format!("src/boom.js:{RULE_KEY}"))
            .args(["scan", "."]),
    );
    assert_eq!(human.code, 2);
    assert!(
        human.stderr.contains("src/boom.js") && human.stderr.contains(RULE_KEY),
        "{}",
        human.stderr
    );
    assert!(!human.stderr.contains("panicked at"), "{}", human.stderr);
}

#[test]
fn the_corpus_report_is_identical_across_thread_counts_and_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let report = |jobs: usize| {
        let out = run(
            root,
            &[
                "scan",
                "--format",
                "json",
                "--jobs",
                &jobs.to_string(),
                "corpus",
            ],
        );
        assert!(out.stdout.contains("\"findings\""), "{}", out.stderr);
        out.stdout
    };
    let first = report(1);
    for jobs in 2..=8 {
        assert!(report(jobs) == first, "--jobs {jobs} differs from --jobs 1");
    }
    for run in 0..20 {
        assert!(report(4) == first, "repeated run {run} differs");
    }
}

/// A fake PEM private key: headers and a body of base64 we generate.
fn fake_private_key(seed: u32) -> (String, Vec<String>) {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut state = seed.wrapping_mul(2_654_435_761) | 1;
    let lines: Vec<String> = (0..8)
        .map(|_| {
            (0..64)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    B64[(state % 64) as usize] as char
                })
                .collect()
        })
        .collect();
    let pem = format!(
        "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----\n",
        lines.join("\n")
    );
    (pem, lines)
}

#[test]
fn no_secret_leaves_in_clear_through_any_output() {
    let keys: Vec<String> = (70..76).map(fake_key).collect();
    let (pem, pem_lines) = fake_private_key(77);
    let dir = tree(&[
        (
            "src/config.js",
            format!("export const id = '{}';\n", keys[0]).as_bytes(),
        ),
        (
            "deploy/.env",
            format!("AWS_ACCESS_KEY_ID={}\n", keys[1]).as_bytes(),
        ),
        (
            "deploy/values.yaml",
            format!("aws:\n  keyId: {}\n", keys[2]).as_bytes(),
        ),
        ("keys/deploy.pem", pem.as_bytes()),
        // Parsers quote the text near a syntax error: here, the secret.
        (
            "broken.json",
            format!(
                "{{\"NODE_TLS_REJECT_UNAUTHORIZED\": 0}}\n{{\"{}\"}}\n",
                keys[3]
            )
            .as_bytes(),
        ),
        (
            "broken.toml",
            format!("NODE_TLS_REJECT_UNAUTHORIZED = 0\n{} = [\n", keys[4]).as_bytes(),
        ),
        (
            "src/boom.js",
            format!("const k = '{}';\n", keys[5]).as_bytes(),
        ),
    ]);
    let mut secrets: Vec<String> = keys.clone();
    secrets.extend(pem_lines);
    let reports = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for format in ["human", "short", "json", "sarif", "github", "junit"] {
        let target = reports.path().join(format!("report.{format}"));
        let mut to_file = comply();
        to_file
            .current_dir(dir.path())
            .args(["scan", "--format", format, "-o"])
            .arg(&target)
            .arg(".");
        #[cfg(debug_assertions)]
        to_file.env("COMPLY_DEBUG_PANIC", format!("src/boom.js:{RULE_KEY}"));
        let out = run_cmd(&mut to_file);
        outputs.push((format!("{format} -o stderr"), out.stderr));
        outputs.push((
            format!("{format} -o file"),
            std::fs::read_to_string(&target).unwrap(),
        ));
        let out = run(dir.path(), &["scan", "--format", format, "."]);
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        outputs.push((format!("{format} stdout"), out.stdout));
        outputs.push((format!("{format} stderr"), out.stderr));
    }
    let stdin = run_cmd(
        comply()
            .current_dir(dir.path())
            .args([
                "scan",
                "--format",
                "short",
                "--stdin-filename",
                "piped.js",
                "-",
            ])
            .write_stdin(format!("const k = '{}';\n", keys[0])),
    );
    assert_eq!(stdin.code, 1);
    outputs.push(("stdin".into(), format!("{}{}", stdin.stdout, stdin.stderr)));
    let json = &outputs.iter().find(|(n, _)| n == "json stdout").unwrap().1;
    let report: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(
        findings(&report).len(),
        8,
        "every planted secret is found: {json}"
    );
    assert!(
        problems(&report).iter().any(|(p, _, _)| p == "broken.json"),
        "the parse error that quoted the secret is still reported"
    );
    for (name, text) in &outputs {
        for secret in &secrets {
            let chars: Vec<char> = secret.chars().collect();
            for piece in chars.windows(8) {
                let piece: String = piece.iter().collect();
                assert!(
                    !text.contains(&piece),
                    "{name} holds `{piece}` of a planted secret:\n{text}"
                );
            }
        }
    }
}

#[test]
fn a_scan_needs_no_network() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let normal = run(root, &["scan", "--format", "json", "corpus"]);
    let bin = assert_cmd::cargo::cargo_bin("comply");
    let isolated = std::process::Command::new("unshare")
        .args(["-rn"])
        .arg(&bin)
        .args(["scan", "--format", "json", "corpus"])
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output();
    match isolated {
        Ok(out) if out.status.code() != Some(1) && out.stdout.is_empty() => skip_because(
            "a_scan_needs_no_network (unshare)",
            &format!(
                "unshare -rn cannot create a network namespace here: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        ),
        Ok(out) => {
            assert_eq!(out.status.code(), Some(1));
            assert!(
                String::from_utf8_lossy(&out.stdout) == normal.stdout,
                "the report without a network equals the report with one"
            );
        }
        Err(err) => skip_because(
            "a_scan_needs_no_network (unshare)",
            &format!("no unshare: {err}"),
        ),
    }
    let log = tempfile::NamedTempFile::new().unwrap();
    let traced = std::process::Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=socket,connect", "-o"])
        .arg(log.path())
        .arg(&bin)
        .args(["scan", "--format", "json", "corpus"])
        .current_dir(root)
        .output();
    match traced {
        Ok(out) if out.status.code() == Some(1) => {
            let calls = std::fs::read_to_string(log.path()).unwrap();
            assert!(
                !calls.contains("socket(") && !calls.contains("connect("),
                "a scan opened a socket:\n{calls}"
            );
        }
        Ok(out) => skip_because(
            "a_scan_needs_no_network (strace)",
            &format!(
                "strace cannot trace here: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        ),
        Err(err) => skip_because(
            "a_scan_needs_no_network (strace)",
            &format!("no strace: {err}"),
        ),
    }
}
