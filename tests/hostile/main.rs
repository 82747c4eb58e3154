//! Hostile repositories and broken input (issue 6): every input is generated
//! here, in a temporary folder, at test time. Each test says what must hold
//! for one kind of trouble: a clear warning or error, and a finished scan.
//!
//! - `encodings`: bytes that are not plain UTF-8 text, odd line endings,
//!   huge lines and huge trees.
//! - `parsing`: source that does not parse, or nests absurdly deep.
//! - `filesystem`: links, permissions, missing paths, hostile file names.
//! - `changing`: files deleted, truncated, grown or replaced between
//!   discovery and reading.
//! - `inputs`: broken rule packs and configuration.
//! - `guarantees`: time budget, caught panics, determinism, redaction, no
//!   network.

mod changing;
mod encodings;
mod filesystem;
mod guarantees;
mod inputs;
mod parsing;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// The binary, with colours off and no debug hook inherited from the caller.
pub fn comply() -> Command {
    let mut cmd = Command::cargo_bin("comply").expect("the binary is built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("COMPLY_DEBUG_PANIC");
    cmd
}

/// A throw-away folder holding `files` (relative path, bytes).
pub fn tree(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        write(dir.path(), name, bytes);
    }
    dir
}

/// Writes `bytes` to `root/name`, creating folders on the way.
pub fn write(root: &Path, name: &str, bytes: &[u8]) {
    let path = root.join(name);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
    std::fs::write(path, bytes).expect("file written");
}

/// What one run of the binary left behind.
#[derive(Debug)]
pub struct Run {
    /// Exit status (`-1` when killed by a signal).
    pub code: i32,
    /// Standard output, lossily decoded.
    pub stdout: String,
    /// Standard error, lossily decoded.
    pub stderr: String,
}

/// Runs `comply ARGS…` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    run_cmd(comply().current_dir(dir).args(args))
}

/// Runs a prepared command.
pub fn run_cmd(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("comply runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `comply scan --format json ARGS…` in `dir`: the exit status and the report.
pub fn scan_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["scan", "--format", "json"];
    all.extend_from_slice(args);
    let out = run(dir, &all);
    assert!(
        !out.stderr.contains("panicked") && !out.stderr.contains("overflowed"),
        "{}",
        out.stderr
    );
    let report = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", out.stdout, out.stderr));
    (out.code, report)
}

/// `(path, line, column, rule)` of every finding, in report order.
pub fn findings(report: &Value) -> Vec<(String, u64, u64, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().expect("path").to_string(),
                f["line"].as_u64().expect("line"),
                f["column"].as_u64().expect("column"),
                f["rule_id"].as_str().expect("rule").to_string(),
            )
        })
        .collect()
}

/// `(path, kind, message)` of every problem, in report order.
pub fn problems(report: &Value) -> Vec<(String, String, String)> {
    report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["path"].as_str().expect("path").to_string(),
                p["kind"].as_str().expect("kind").to_string(),
                p["message"].as_str().expect("message").to_string(),
            )
        })
        .collect()
}

/// How many files the report counts as skipped for `reason`.
pub fn skipped(report: &Value, reason: &str) -> u64 {
    report["summary"]["skipped_by_reason"][reason]
        .as_u64()
        .unwrap_or(0)
}

/// A fake AWS access key id, unique per `seed`, that the built-in rule
/// reports: `AKIA` and 16 base32 characters from a small generator of ours.
pub fn fake_key(seed: u64) -> String {
    const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    let mut key = String::from("AKIA");
    for _ in 0..16 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        key.push(BASE32[(state % 32) as usize] as char);
    }
    key
}

/// Says, on the test's output, why a check could not run here. Never used
/// to turn a failure into a pass: only where the environment lacks the means.
#[allow(clippy::print_stderr)]
pub fn skip_because(test: &str, why: &str) {
    eprintln!("SKIPPED {test}: {why}");
}
