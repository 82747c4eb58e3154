//! `comply scan --shard K/N` and `comply merge`: the slices of a scan
//! cover every file once, stay put when unrelated files are added, and
//! merge into the unsharded report, byte for byte (the evidence bundle:
//! `tests/shard_evidence.rs`).

use std::path::Path;

use assert_cmd::Command;

fn comply(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("comply").expect("the binary is built");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `comply scan --format json ARGS` run in `dir`: the report's bytes.
fn json_scan(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = comply(dir)
        .args(["scan", "--format", "json"])
        .args(args)
        .output()
        .expect("comply runs");
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn merging_three_shards_of_the_corpus_gives_the_unsharded_report() {
    let whole = json_scan(repo_root(), &["corpus"]);
    let out = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    let mut findings_per_shard = Vec::new();
    for k in 1..=3 {
        let name = out.path().join(format!("shard-{k}.json"));
        let bytes = json_scan(repo_root(), &["--shard", &format!("{k}/3"), "corpus"]);
        let report: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        findings_per_shard.push(report["findings"].as_array().unwrap().len());
        std::fs::write(&name, bytes).unwrap();
        names.push(name);
    }
    assert!(
        findings_per_shard.iter().all(|&n| n > 0),
        "each shard holds part of the corpus: {findings_per_shard:?}"
    );
    let merged = comply(repo_root())
        .arg("merge")
        .args(&names)
        .output()
        .unwrap();
    assert_eq!(merged.status.code(), Some(1), "the corpus has findings");
    assert_eq!(
        String::from_utf8(merged.stdout).unwrap(),
        String::from_utf8(whole.clone()).unwrap()
    );
    // Any order of the reports, and other formats, merge the same way.
    names.reverse();
    let sarif_merged = comply(repo_root())
        .args(["merge", "--format", "sarif"])
        .args(&names)
        .output()
        .unwrap();
    let sarif_whole = comply(repo_root())
        .args(["scan", "--format", "sarif", "corpus"])
        .output()
        .unwrap();
    assert_eq!(sarif_merged.stdout, sarif_whole.stdout);
    // The diagnostics are rebuilt from the reports' redacted snippets.
    let human_merged = comply(repo_root())
        .args(["merge", "--format", "human"])
        .args(&names)
        .output()
        .unwrap();
    let human_whole = comply(repo_root())
        .args(["scan", "corpus"])
        .output()
        .unwrap();
    // Underlines are redrawn from the JSON's columns, which count the
    // original text, over the redacted snippet: where a secret was shortened
    // they may be shorter than in a direct scan (see README limitations).
    let text = |bytes: Vec<u8>| -> Vec<String> {
        String::from_utf8(bytes)
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with('·'))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(text(human_merged.stdout), text(human_whole.stdout));
}

#[test]
fn slices_do_not_shift_when_unrelated_files_are_added() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            path,
            "const app = require('express')();\napp.get('/', (req, res) => {\n  res.cookie('sid', req.query.s, { httpOnly: false });\n});\n",
        )
        .unwrap();
    };
    for i in 0..24 {
        write(&format!("src/routes/route{i}.js"));
    }
    // The files with findings in slice K (each file has one or more).
    let paths_of = |k: usize| -> Vec<String> {
        let bytes = json_scan(dir.path(), &["--shard", &format!("{k}/3"), "."]);
        let report: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let mut paths: Vec<String> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect();
        paths.dedup();
        paths
    };
    let before: Vec<Vec<String>> = (1..=3).map(paths_of).collect();
    assert_eq!(before.iter().map(Vec::len).sum::<usize>(), 24);
    for i in 0..10 {
        write(&format!("lib/added{i}.js"));
    }
    for (k, old) in before.iter().enumerate() {
        let now: Vec<String> = paths_of(k + 1)
            .into_iter()
            .filter(|p| !p.starts_with("lib/"))
            .collect();
        assert_eq!(&now, old, "shard {} kept its files", k + 1);
    }
}

#[test]
fn bad_shards_and_overlapping_reports_are_usage_errors() {
    for bad in ["0/3", "4/3", "2", "x/y"] {
        let out = comply(repo_root())
            .args(["scan", "--shard", bad, "corpus"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "--shard {bad}");
    }
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("one.json");
    std::fs::write(
        &report,
        json_scan(repo_root(), &["--shard", "1/2", "corpus"]),
    )
    .unwrap();
    let out = comply(repo_root())
        .arg("merge")
        .args([&report, &report])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("repeats shard 1/2"));
    // Reports of whole scans record no slice: repeated findings give them away.
    std::fs::write(&report, json_scan(repo_root(), &["corpus/javascript"])).unwrap();
    let out = comply(repo_root())
        .arg("merge")
        .args([&report, &report])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("repeats a finding"));
    std::fs::write(&report, "{\"version\": 1,\n \"oops\": true}\n").unwrap();
    let out = comply(repo_root())
        .arg("merge")
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a comply JSON report"));
}

#[test]
fn skips_file_problems_and_walk_warnings_add_up_across_shards() {
    let dir = tempfile::tempdir().unwrap();
    let files: [(&str, &[u8]); 9] = [
        ("node_modules/left-pad/index.js", b"module.exports = 1;\n"),
        ("vendor/lib.rs", b"fn main() {}\n"),
        ("package-lock.json", b"{}\n"),
        ("yarn.lock", b"# lock\n"),
        ("public/app.min.js", b"var a=1;\n"),
        ("assets/logo.png", b"\x89PNG\r\n\x1a\n\0\0\0binary"),
        ("src/broken.ts", b"export function (\n  res.cookie('sid', t, { httpOnly: false });\n"),
        ("src/routes.js", b"const app = require('express')();\napp.get('/', (req, res) => {\n  res.cookie('sid', req.query.s, { httpOnly: false });\n});\n"),
        ("config/app.yaml", b"server:\n  tls:\n    rejectUnauthorized: false\n"),
    ];
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    // A FIFO is a walk warning, which shard 1 alone reports.
    let fifo = std::process::Command::new("mkfifo")
        .arg(dir.path().join("src/pipe.js"))
        .status()
        .is_ok_and(|s| s.success());
    let whole = json_scan(dir.path(), &["."]);
    let report: serde_json::Value = serde_json::from_slice(&whole).unwrap();
    if fifo {
        assert_eq!(
            report["warnings"].as_array().map(Vec::len),
            Some(1),
            "{report}"
        );
    }
    assert!(
        report["summary"]["files_skipped"].as_u64().unwrap() >= 5,
        "{report}"
    );
    assert!(
        !report["problems"].as_array().unwrap().is_empty(),
        "{report}"
    );
    let out = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    for k in 1..=4 {
        let name = out.path().join(format!("shard-{k}.json"));
        let bytes = json_scan(dir.path(), &["--shard", &format!("{k}/4"), "."]);
        std::fs::write(&name, bytes).unwrap();
        names.push(name);
    }
    let merged = comply(dir.path())
        .arg("merge")
        .args(&names)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(merged.stdout).unwrap(),
        String::from_utf8(whole).unwrap()
    );
}
