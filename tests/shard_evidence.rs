//! `comply merge --evidence`: the shards of a scan merge into the evidence
//! bundle the unsharded `comply scan --evidence` writes, byte for byte, with
//! its exit status; an incomplete or unsharded set writes no bundle; the
//! shard reports a merge reads do not make the checkout dirty.

mod evidence_common;

use std::path::{Path, PathBuf};

use evidence_common::{bundle_files, comply_in, fixture};

/// Writes `text` to `root/name`, creating folders on the way.
fn put(root: &Path, name: &str, text: &str) {
    let path = root.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The express fixture grown with what a bundle must carry through a
/// merge: findings in several files, an applied inline suppression,
/// skipped files, and a baseline recorded before the new findings.
fn project_for_evidence(outside: &Path) -> tempfile::TempDir {
    let app = fixture("express-app");
    let root = app.path();
    let recorded = comply_in(root).arg("baseline").output().unwrap();
    assert!(recorded.status.success(), "{recorded:?}");
    // An earlier review of the tree, for --previous.
    let earlier = comply_in(root)
        .env("SOURCE_DATE_EPOCH", "1794000000")
        .args(["scan", ".", "--format", "short", "--evidence"])
        .arg(outside.join("previous"))
        .output()
        .unwrap();
    assert_eq!(earlier.status.code(), Some(1), "{earlier:?}");
    put(
        root,
        "src/lib/mock-directory.js",
        "const https = require('https');\n\n\
         // comply-ignore: transport/tls-verification-disabled -- local mock with a self-signed certificate, see SEC-204\n\
         module.exports = new https.Agent({ rejectUnauthorized: false });\n",
    );
    put(
        root,
        "src/lib/passwords.js",
        "const bcrypt = require('bcrypt');\n\nmodule.exports = (pw) => bcrypt.hashSync(pw, 6);\n",
    );
    put(
        root,
        "config/app.yaml",
        "server:\n  tls:\n    rejectUnauthorized: false\n",
    );
    put(root, "package-lock.json", "{\"lockfileVersion\": 3}\n");
    put(root, "public/app.min.js", "var a=1;\n");
    put(
        outside,
        "firm.md.j2",
        "# Review {{ scope.generated_at }} of {{ scope.scan_roots | join(\", \") }}\n\
         {% for area in model.areas %}{% for c in area.controls %}- [ ] `{{ c.id }}` {{ c.result }}\n{% endfor %}{% endfor %}",
    );
    app
}

/// Asserts two files are byte-identical, naming the first line that differs.
fn same_text(what: &str, expected: &[u8], actual: &[u8]) {
    if expected == actual {
        return;
    }
    let (expected, actual) = (
        String::from_utf8_lossy(expected),
        String::from_utf8_lossy(actual),
    );
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or(expected.lines().count().min(actual.lines().count()));
    panic!(
        "{what} differs from the unsharded scan's at line {}:\n  scan:  {:?}\n  merge: {:?}",
        line + 1,
        expected.lines().nth(line),
        actual.lines().nth(line)
    );
}

/// `comply ARGS…` in `dir` with the fixed clock: the exit status and stderr.
fn run_in(dir: &Path, args: &[&str], paths: &[PathBuf]) -> (Option<i32>, String) {
    let out = comply_in(dir).args(args).args(paths).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn merged_shards_write_the_evidence_bundle_of_the_unsharded_scan() {
    let outside = tempfile::tempdir().unwrap();
    let out = outside.path();
    let app = project_for_evidence(out);
    let root = app.path();
    let previous = out.join("previous").display().to_string();
    let template = out.join("firm.md.j2").display().to_string();
    let shards: Vec<PathBuf> = (1..=3)
        .map(|k| out.join(format!("shard-{k}.json")))
        .collect();
    for (k, report) in shards.iter().enumerate() {
        let slice = format!("{}/3", k + 1);
        let (code, stderr) = run_in(
            root,
            &[
                "scan",
                ".",
                "--shard",
                &slice,
                "--format",
                "json",
                "--fail-on",
                "none",
                "-o",
            ],
            std::slice::from_ref(report),
        );
        assert_eq!(code, Some(0), "{stderr}");
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(report).unwrap()).unwrap();
        assert!(
            !json["findings"].as_array().unwrap().is_empty(),
            "shard {slice} holds findings, so the merge combines something"
        );
    }
    let flag_sets: [&[&str]; 2] = [
        &["--baseline", ".comply/baseline.json"],
        &[
            "--previous",
            &previous,
            "--evidence-template",
            &template,
            "--fail-on",
            "none",
        ],
    ];
    for (i, flags) in flag_sets.into_iter().enumerate() {
        let whole_dir = out.join(format!("whole-{i}"));
        let merged_dir = out.join(format!("merged-{i}"));
        let whole_report = out.join(format!("whole-{i}.json"));
        let merged_report = out.join(format!("merged-{i}.json"));
        let mut scan: Vec<&str> = vec!["scan", ".", "--format", "json"];
        scan.extend_from_slice(flags);
        let whole = run_in(
            root,
            &scan,
            &[
                "-o".into(),
                whole_report.clone(),
                "--evidence".into(),
                whole_dir.clone(),
            ],
        );
        let mut merge: Vec<&str> = vec!["merge", "--format", "json"];
        merge.extend_from_slice(flags);
        let mut merge_paths = vec![
            "-o".into(),
            merged_report.clone(),
            "--evidence".into(),
            merged_dir.clone(),
        ];
        merge_paths.extend(shards.iter().rev().cloned());
        let merged = run_in(root, &merge, &merge_paths);
        assert_eq!(
            merged.0, whole.0,
            "{flags:?}: merge exits as the scan does\n{}",
            merged.1
        );
        assert_eq!(whole.0, Some(if i == 0 { 1 } else { 0 }), "{}", whole.1);
        assert!(
            merged.1.contains("evidence: wrote 6 files"),
            "{flags:?}: {}",
            merged.1
        );
        same_text(
            &format!("{flags:?}: the report"),
            &std::fs::read(&whole_report).unwrap(),
            &std::fs::read(&merged_report).unwrap(),
        );
        let whole_files = bundle_files(&whole_dir);
        let merged_files = bundle_files(&merged_dir);
        assert_eq!(whole_files.len(), 6, "{flags:?}");
        let names = |files: &[(String, Vec<u8>)]| -> Vec<String> {
            files.iter().map(|(n, _)| n.clone()).collect()
        };
        assert_eq!(names(&merged_files), names(&whole_files));
        for ((name, expected), (_, actual)) in whole_files.iter().zip(&merged_files) {
            same_text(&format!("{flags:?}: {name}"), expected, actual);
        }
        // What the bundle had to carry through the merge is really there.
        let register = String::from_utf8_lossy(&merged_files[1].1).into_owned();
        for status in [",open,", ",suppressed,", ",accepted,"] {
            assert!(
                register.contains(status),
                "{flags:?}: {status} in\n{register}"
            );
        }
        if i == 0 {
            assert!(register.contains(",baselined,"), "{register}");
        }
        let scope: serde_json::Value = serde_json::from_slice(&merged_files[5].1).unwrap();
        assert_eq!(scope["scan_roots"], serde_json::json!(["."]));
        assert_eq!(scope["files"]["skipped_by_reason"]["lock-file"], 1);
        assert_eq!(scope["files"]["skipped_by_reason"]["minified"], 1);
    }
}

#[test]
fn merge_writes_no_bundle_from_an_incomplete_or_unsharded_set() {
    let dir = tempfile::tempdir().unwrap();
    let app = fixture("express-app");
    let root = app.path();
    let mut shards = Vec::new();
    for k in 1..=3 {
        let report = dir.path().join(format!("shard-{k}.json"));
        let slice = format!("{k}/3");
        run_in(
            root,
            &["scan", "--shard", &slice, "--format", "json", "-o"],
            std::slice::from_ref(&report),
        );
        shards.push(report);
    }
    let bundle = dir.path().join("bundle");
    let (code, stderr) = run_in(
        root,
        &["merge", "--evidence", &bundle.display().to_string()],
        &shards[..2],
    );
    assert_eq!(code, Some(2));
    assert!(stderr.contains("shard 3/3 missing"), "{stderr}");
    assert!(!bundle.exists(), "no bundle from two thirds of a tree");
    let whole = dir.path().join("whole.json");
    run_in(
        root,
        &["scan", "--format", "json", "-o"],
        std::slice::from_ref(&whole),
    );
    let (code, stderr) = run_in(
        root,
        &["merge", "--evidence", &bundle.display().to_string()],
        &[whole],
    );
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("--evidence needs the reports of `comply scan --shard K/N`"),
        "{stderr}"
    );
    assert!(!bundle.exists());
}

#[test]
fn shard_reports_downloaded_into_the_checkout_leave_it_clean() {
    let app = fixture("express-app");
    let root = app.path();
    let home = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(root)
            .env("HOME", home.path())
            .env("GIT_CONFIG_GLOBAL", home.path().join("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_DIR")
            .env_remove("GIT_INDEX_FILE")
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {out:?}");
    };
    git(&["-c", "init.defaultBranch=main", "init", "-q", "."]);
    git(&["add", "."]);
    git(&[
        "-c",
        "user.name=comply test",
        "-c",
        "user.email=test@comply.invalid",
        "commit",
        "-q",
        "-m",
        "start",
    ]);
    // Each CI job scans a fresh checkout; the merge job downloads the
    // reports into its own.
    let elsewhere = tempfile::tempdir().unwrap();
    let mut reports = Vec::new();
    for k in 1..=2 {
        let report = elsewhere.path().join(format!("shard-{k}.json"));
        let slice = format!("{k}/2");
        run_in(
            root,
            &["scan", "--shard", &slice, "--format", "json", "-o"],
            std::slice::from_ref(&report),
        );
        let downloaded = root.join(format!("shards/shard-{k}.json"));
        std::fs::create_dir_all(downloaded.parent().unwrap()).unwrap();
        std::fs::copy(&report, &downloaded).unwrap();
        reports.push(PathBuf::from(format!("shards/shard-{k}.json")));
    }
    let out = comply_in(root)
        .env("HOME", home.path())
        .env("GIT_CONFIG_GLOBAL", home.path().join("gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args([
            "merge",
            "--format",
            "short",
            "--evidence",
            ".artifacts/review",
        ])
        .args(&reports)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let scope: serde_json::Value = serde_json::from_slice(
        &std::fs::read(root.join(".artifacts/review/scope-register.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(scope["git"]["branch"], "main");
    assert_eq!(
        scope["git"]["dirty"], false,
        "neither the bundle nor the shard reports change the reviewed tree"
    );
}
