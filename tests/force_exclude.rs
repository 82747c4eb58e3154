//! `comply scan --force-exclude`: files named on the command line (as
//! pre-commit names the staged files) keep the project's excludes, with the
//! hook of `.pre-commit-hooks.yaml` run the way pre-commit runs it.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

mod support;
use support::report::finding_paths;

/// A fake AWS access key id (`AKIA` + 16 of `A-Z2-7`): never a real one.
const KEY: &str = "AKIA7KLFYYLBEG3RHDSV";

/// A project whose excludes cover most of its files, each holding the key.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let key_line = format!("const k = '{KEY}';\n");
    let files = [
        ("comply.yaml", "exclude: [generated/]\n".to_string()),
        (".complyignore", "fixtures/\n".to_string()),
        (".gitignore", "secrets.env\n".to_string()),
        ("src/app.js", key_line.clone()),
        ("generated/keys.js", key_line.clone()),
        ("fixtures/keys.js", key_line.clone()),
        ("vendor/lib/keys.js", key_line.clone()),
        ("package-lock.json", format!("{{\"k\": \"{KEY}\"}}\n")),
        ("public/app.min.js", key_line),
        ("secrets.env", format!("AWS_ACCESS_KEY_ID={KEY}\n")),
    ];
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    dir
}

/// The files pre-commit would pass: everything staged but the config.
const NAMED: [&str; 7] = [
    "fixtures/keys.js",
    "generated/keys.js",
    "package-lock.json",
    "public/app.min.js",
    "secrets.env",
    "src/app.js",
    "vendor/lib/keys.js",
];

/// The hook's `entry` from `.pre-commit-hooks.yaml`, as words.
fn hook_entry() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml");
    let text = std::fs::read_to_string(path).expect("the hook file");
    let hooks: Vec<Value> = serde_saphyr::from_str(&text).expect("a hook list");
    hooks[0]["entry"]
        .as_str()
        .expect("an entry")
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Runs `comply ARGS… --format json NAMED…` in `dir`: exit status and report.
fn scan_named(dir: &Path, args: &[String]) -> (Option<i32>, Value) {
    let out = Command::cargo_bin("comply")
        .expect("the binary")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .args(["--format", "json"])
        .args(NAMED)
        .output()
        .expect("comply runs");
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code(), report)
}

#[test]
fn named_files_keep_the_projects_excludes_with_force_exclude() {
    let dir = project();
    // Without the flag a named file is scanned whatever excludes it.
    let (code, report) = scan_named(dir.path(), &["scan".to_string()]);
    assert_eq!(code, Some(1));
    assert_eq!(finding_paths(&report), NAMED, "every named file is scanned");
    assert_eq!(report["summary"]["files_skipped"], 0);

    let entry = hook_entry();
    assert_eq!(entry[0], "comply");
    let (code, report) = scan_named(dir.path(), &entry[1..]);
    assert_eq!(code, Some(1), "{report}");
    // .gitignore does not apply: secrets.env is being committed.
    assert_eq!(finding_paths(&report), ["secrets.env", "src/app.js"]);
    let summary = &report["summary"];
    assert_eq!(summary["files_scanned"], 2, "{summary}");
    // Counted as a walk counts them; fixtures/ (hidden by .complyignore) is
    // out of scope by the project's own declaration and not counted.
    assert_eq!(summary["files_skipped"], 4, "{summary}");
    let skipped = &summary["skipped_by_reason"];
    for reason in [
        "excluded-by-config",
        "excluded-directory",
        "lock-file",
        "minified",
    ] {
        assert_eq!(skipped[reason], 1, "{reason}: {skipped}");
    }
    assert!(
        !report.to_string().contains(KEY),
        "the key is never printed whole"
    );
}

#[test]
fn force_exclude_applies_to_the_standard_input_file_name() {
    let dir = project();
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("comply")
            .expect("the binary")
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .args([
                "scan",
                "--format",
                "json",
                "--stdin-filename",
                "generated/api.js",
            ])
            .args(args)
            .arg("-")
            .write_stdin(format!("const k = '{KEY}';\n"))
            .output()
            .expect("comply runs");
        let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
        (out.status.code(), report)
    };
    let (code, report) = run(&[]);
    assert_eq!(code, Some(1));
    assert_eq!(finding_paths(&report), ["generated/api.js"]);
    let (code, report) = run(&["--force-exclude"]);
    assert_eq!(code, Some(0), "{report}");
    assert!(finding_paths(&report).is_empty());
    assert_eq!(
        report["summary"]["skipped_by_reason"]["excluded-by-config"],
        1
    );
}
