//! Links, permissions, missing paths and hostile file names.

use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;

use crate::{
    comply, fake_key, findings, problems, run, run_cmd, scan_json, skip_because, skipped, tree,
};

const RULE_KEY: &str = "secrets/aws-access-key-id";

fn key_file(seed: u64) -> Vec<u8> {
    format!("const id = '{}';\n", fake_key(seed)).into_bytes()
}

#[test]
fn symlink_loops_do_not_hang_the_walk() {
    let dir = tree(&[("src/app.js", &key_file(30))]);
    let root = dir.path();
    symlink("..", root.join("src/up")).unwrap();
    symlink(".", root.join("src/self")).unwrap();
    symlink("b.js", root.join("a.js")).unwrap();
    symlink("a.js", root.join("b.js")).unwrap();
    let (code, report) = scan_json(root, &["."]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&report),
        [("src/app.js".into(), 1, 13, RULE_KEY.into())]
    );
    // A looping link named on the command line is an error, not a hang.
    let out = run(root, &["scan", "a.js"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("a.js"), "{}", out.stderr);
}

#[test]
fn links_pointing_outside_the_scan_root_are_not_followed() {
    let outside = tree(&[("secrets/key.js", &key_file(31))]);
    let dir = tree(&[("src/app.js", b"export const ok = true;\n")]);
    let root = dir.path();
    symlink(outside.path().join("secrets"), root.join("src/vendored")).unwrap();
    symlink(
        outside.path().join("secrets/key.js"),
        root.join("src/key.js"),
    )
    .unwrap();
    let (code, report) = scan_json(root, &["."]);
    assert_eq!(code, 0, "{report}");
    assert!(findings(&report).is_empty());
    assert_eq!(report["summary"]["files_scanned"], 1);
}

/// Whether `path` (mode 000) can still be read by this process (root can).
fn still_readable(path: &Path) -> bool {
    std::fs::read(path).is_ok()
}

/// A `setpriv` that runs the binary as `nobody`, when this process is root.
fn as_nobody() -> Option<std::process::Command> {
    let probe = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
        .output()
        .ok()?;
    probe.status.success().then(|| {
        let mut cmd = std::process::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(assert_cmd::cargo::cargo_bin("comply"));
        cmd
    })
}

#[test]
fn unreadable_files_and_folders_are_reported_and_the_scan_goes_on() {
    let dir = tree(&[
        ("src/app.js", &key_file(32)),
        ("src/locked.js", &key_file(33)),
        ("private/inner.js", &key_file(34)),
    ]);
    let root = dir.path();
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
    for folder in ["src", "private"] {
        std::fs::set_permissions(root.join(folder), std::fs::Permissions::from_mode(0o755))
            .unwrap();
    }
    std::fs::set_permissions(
        root.join("src/app.js"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    std::fs::set_permissions(
        root.join("src/locked.js"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    std::fs::set_permissions(root.join("private"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let runner = if still_readable(&root.join("src/locked.js")) {
        match as_nobody() {
            Some(_) => as_nobody,
            None => {
                skip_because(
                    "unreadable_files_and_folders_are_reported_and_the_scan_goes_on",
                    "running as root, where mode 000 files stay readable, and setpriv cannot \
                     drop to an unprivileged user",
                );
                return;
            }
        }
    } else {
        || {
            Some(std::process::Command::new(assert_cmd::cargo::cargo_bin(
                "comply",
            )))
        }
    };
    let scan = |format: &str| {
        let mut cmd = assert_cmd::Command::from_std(runner().expect("runner"));
        cmd.current_dir(root)
            .env("NO_COLOR", "1")
            .args(["scan", "--format", format, "."]);
        run_cmd(&mut cmd)
    };
    let json = scan("json");
    let short = scan("short");
    std::fs::set_permissions(root.join("private"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("a JSON report");
    assert_eq!(json.code, 1, "{}", json.stderr);
    assert_eq!(
        findings(&report),
        [("src/app.js".into(), 1, 13, RULE_KEY.into())]
    );
    assert!(problems(&report)
        .iter()
        .any(|(path, kind, message)| path == "src/locked.js"
            && kind == "unreadable"
            && message.contains("Permission denied")));
    assert_eq!(
        report["summary"]["skipped_by_reason"]["unreadable"], 2,
        "the file and the folder"
    );
    assert_eq!(short.code, 1);
    assert!(
        short
            .stderr
            .contains("warning: src/locked.js: Permission denied"),
        "{}",
        short.stderr
    );
    assert!(
        short
            .stderr
            .lines()
            .any(|l| l.contains("private") && l.contains("Permission denied")),
        "the unreadable folder is named: {}",
        short.stderr
    );
}

#[test]
fn a_missing_path_argument_exits_two_and_writes_no_report() {
    let dir = tree(&[("src/app.js", &key_file(35))]);
    for args in [
        &["scan", "--format", "json", "src", "no/such/dir"][..],
        &["scan", "--format", "sarif", "missing.js"][..],
    ] {
        let out = run(dir.path(), args);
        assert_eq!(out.code, 2, "{args:?}");
        assert_eq!(out.stdout, "", "no partial report: {args:?}");
        let missing = args.last().unwrap();
        assert!(out.stderr.contains(missing), "{}", out.stderr);
        assert!(out.stderr.contains("No such file"), "{}", out.stderr);
    }
}

/// File names no terminal, log or parser should get raw.
fn hostile_names() -> Vec<Vec<u8>> {
    vec![
        b"caf\xE9.js".to_vec(),
        b"new\nline.js".to_vec(),
        b"tab\there.js".to_vec(),
        b"\"quoted' name.js".to_vec(),
        b"\x1b[31mred\x1b[0m.js".to_vec(),
        b"\x1b]0;pwned\x07title.js".to_vec(),
    ]
}

#[test]
fn hostile_file_names_are_escaped_in_every_format() {
    let dir = tree(&[]);
    let names = hostile_names();
    for (i, name) in names.iter().enumerate() {
        let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, key_file(40 + i as u64)).unwrap();
    }
    let out_file = tempfile::tempdir().unwrap();
    for format in ["human", "short", "json", "sarif", "github", "junit"] {
        let target = out_file.path().join(format!("report.{format}"));
        let to_file = run_cmd(
            comply()
                .current_dir(dir.path())
                .args(["scan", "--format", format, "-o"])
                .arg(&target)
                .arg("."),
        );
        let written = std::fs::read_to_string(&target).expect("a UTF-8 report");
        let to_stdout = run(dir.path(), &["scan", "--format", format, "."]);
        assert_eq!(to_stdout.code, 1, "{format}: {}", to_stdout.stderr);
        assert_eq!(to_file.code, 1, "{format}: {}", to_file.stderr);
        assert_eq!(written, to_stdout.stdout, "{format}: -o and stdout agree");
        let all = format!("{}{}", to_stdout.stdout, to_stdout.stderr);
        assert!(
            !all.chars()
                .any(|c| c.is_control() && c != '\n' || c == '\u{9b}'),
            "{format}: a raw control character reached the output:\n{all}"
        );
        for line in all.lines().filter(|l| l.contains("line.js")) {
            assert!(
                line.contains("new"),
                "{format}: a newline in a name split the line:\n{line}"
            );
        }
        match format {
            "short" | "github" => assert_eq!(to_stdout.stdout.lines().count(), names.len()),
            "json" => {
                let report: serde_json::Value = serde_json::from_str(&written).unwrap();
                let mut paths: Vec<String> = findings(&report).into_iter().map(|f| f.0).collect();
                paths.sort();
                let mut expected: Vec<String> = names
                    .iter()
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .collect();
                expected.sort();
                assert_eq!(paths, expected, "JSON keeps names, escaped by JSON itself");
            }
            "sarif" => {
                let report: serde_json::Value = serde_json::from_str(&written).unwrap();
                let results = report["runs"][0]["results"].as_array().unwrap();
                assert_eq!(results.len(), names.len());
                for result in results {
                    let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                        .as_str()
                        .unwrap();
                    assert!(
                        !uri.contains(['\n', '\t', '\u{1b}', '"', ' ']),
                        "uri is percent-encoded: {uri:?}"
                    );
                }
            }
            _ => {}
        }
    }
}

#[test]
fn fifos_in_the_tree_or_named_are_counted_and_never_read() {
    let dir = tree(&[("src/app.js", &key_file(32))]);
    let root = dir.path();
    let made = std::process::Command::new("mkfifo")
        .arg(root.join("src/pipe.js"))
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        skip_because(
            "fifos_in_the_tree_or_named_are_counted_and_never_read",
            "no mkfifo on this system",
        );
        return;
    }
    // Reading a FIFO nobody writes to would block the scan for ever; both
    // runs return, and say what they left out.
    for args in [&["."][..], &["src/pipe.js", "src/app.js"][..]] {
        let mut all = vec!["scan", "--format", "json"];
        all.extend_from_slice(args);
        let out = run(root, &all);
        assert_eq!(out.code, 1, "{}", out.stderr);
        let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(
            findings(&report),
            [("src/app.js".into(), 1, 13, RULE_KEY.into())]
        );
        assert_eq!(skipped(&report, "unreadable"), 1, "{report}");
        let warning = "src/pipe.js: not a regular file (a FIFO, socket or device); not read";
        assert_eq!(report["warnings"], serde_json::json!([warning]), "{report}");
        let mut sarif = vec!["scan", "--format", "sarif"];
        sarif.extend_from_slice(args);
        let out = run(root, &sarif);
        let log: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let notes = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
        assert!(
            notes
                .as_array()
                .is_some_and(|n| n.iter().any(|n| n["message"]["text"] == warning)),
            "{log}"
        );
        // The human format names it.
        let mut human = vec!["scan"];
        human.extend_from_slice(args);
        let out = run(root, &human);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(
            out.stderr
                .contains("src/pipe.js: not a regular file (a FIFO, socket or device)"),
            "{}",
            out.stderr
        );
    }
}
