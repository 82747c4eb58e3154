//! Helpers shared by the evidence and triage tests: throw-away copies of the
//! fixture projects, and the binary run in them with a fixed clock.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// 2026-11-18T...Z: the clock every test runs at.
pub const EPOCH: &str = "1795000000";

/// The binary, run in `dir`, with a fixed clock and no colour.
pub fn comply_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("comply").expect("the binary is built");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE");
    cmd
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of `tests/fixtures/evidence/<name>` in a temporary folder outside
/// any git work tree (so the bundle's git fields do not depend on this
/// repository's history).
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/evidence")
        .join(name);
    copy_tree(&source, dir.path());
    dir
}

/// A throw-away project with the given files.
pub fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Runs `comply scan . --evidence <out> ARGS…` in `dir`; the exit status.
pub fn bundle(dir: &Path, out: &str, args: &[&str]) -> std::process::Output {
    comply_in(dir)
        .args(["scan", ".", "--format", "short", "--evidence", out])
        .args(args)
        .output()
        .expect("comply runs")
}

/// Every file of a bundle folder, sorted by name.
pub fn bundle_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The path of a file in a folder.
pub fn at(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

/// The findings of `comply scan --format json` in `dir`.
pub fn findings(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out = comply_in(dir)
        .args(["scan", ".", "--format", "json"])
        .args(args)
        .output()
        .expect("comply runs");
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the report is JSON");
    report["findings"].as_array().unwrap().clone()
}
