//! The README's promises, checked: its first two code blocks are the setup
//! (run the scan, run the tests), `.ci/run` runs the README's test command,
//! and the editor problem matcher it documents reads real `--format short`
//! output.

use std::path::Path;

use assert_cmd::Command;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md")
}

/// The contents of the fenced code blocks, in order.
fn code_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if line.starts_with("```") {
            match current.take() {
                Some(block) => blocks.push(block),
                None => current = Some(String::new()),
            }
        } else if let Some(block) = current.as_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    blocks
}

#[test]
fn first_two_blocks_run_the_scan_and_the_tests() {
    let blocks = code_blocks(&readme());
    assert_eq!(blocks[0].trim(), "cargo run --release -- scan .");
    assert_eq!(blocks[1].trim(), "cargo test --locked");
    let ci = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/run"))
        .expect(".ci/run");
    assert!(
        ci.lines().any(|l| l.trim() == blocks[1].trim()),
        ".ci/run runs the README's test command"
    );
}

#[test]
fn documented_vscode_problem_matcher_reads_short_output() {
    let text = readme();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("\"regexp\":"))
        .expect("the README documents a problem-matcher regexp");
    let json = format!("{{{}}}", line.trim().trim_end_matches(','));
    let value: serde_json::Value = serde_json::from_str(&json).expect("the regexp line is JSON");
    let pattern =
        regex::Regex::new(value["regexp"].as_str().unwrap()).expect("the regexp compiles");
    let output = Command::cargo_bin("comply")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["scan", "--format", "short", "corpus/javascript/cookies"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.lines().count() >= 3);
    for line in stdout.lines() {
        let caps = pattern
            .captures(line)
            .unwrap_or_else(|| panic!("not matched: {line}"));
        assert!(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(&caps[1])
                .is_file(),
            "{line}"
        );
        assert!(caps[2].parse::<usize>().is_ok() && caps[3].parse::<usize>().is_ok());
        assert!(caps[5].starts_with("cookies/"), "{line}");
    }
}
