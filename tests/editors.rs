//! The Helix and Zed settings in the README, run as the editors would run
//! them: the command each one holds, with the editor's variables filled in,
//! prints `--format short` lines naming real files.

use std::path::Path;

use assert_cmd::Command;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md")
}

/// The fenced blocks of a language (the word after the fence), in order.
fn blocks(text: &str, language: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    let mut wanted = false;
    for line in text.lines() {
        if let Some(info) = line.strip_prefix("```") {
            match current.take() {
                Some(block) if wanted => found.push(block),
                Some(_) => {}
                None => {
                    wanted = info.trim() == language;
                    current = Some(String::new());
                }
            }
        } else if let Some(block) = current.as_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    found
}

const FILE: &str = "corpus/javascript/cookies/session-routes.js";

/// Runs `comply ARGS` in the repository and checks every line is a short
/// finding for `FILE`.
fn assert_short_findings(args: &[String]) {
    let out = Command::cargo_bin("comply")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let short =
        regex::Regex::new(r"^([^:]+):(\d+):(\d+): (\w+) \[([a-z-]+/[a-z0-9-]+)\] .+$").unwrap();
    assert!(stdout.lines().count() >= 2, "{stdout}");
    for line in stdout.lines() {
        let caps = short
            .captures(line)
            .unwrap_or_else(|| panic!("not short: {line}"));
        assert_eq!(&caps[1], FILE);
    }
}

#[test]
fn the_helix_key_runs_comply_on_the_buffer() {
    let block = blocks(&readme(), "toml")
        .into_iter()
        .find(|b| b.contains(":sh comply"))
        .expect("the README has a Helix key binding");
    let doc: toml_edit::DocumentMut = block.parse().expect("the Helix snippet is TOML");
    let command = doc["keys"]["normal"]
        .as_table()
        .expect("[keys.normal]")
        .iter()
        .find_map(|(_, v)| v.as_str().filter(|s| s.starts_with(":sh ")))
        .expect("a :sh binding")
        .to_string();
    let shell = command
        .strip_prefix(":sh ")
        .unwrap()
        .replace("%{buffer_name}", FILE);
    let words: Vec<String> = shell.split_whitespace().map(String::from).collect();
    assert_eq!(words[0], "comply");
    assert_short_findings(&words[1..]);
}

#[test]
fn the_zed_task_runs_comply_on_the_file() {
    let block = blocks(&readme(), "json")
        .into_iter()
        .find(|b| b.contains("ZED_RELATIVE_FILE"))
        .expect("the README has a Zed task");
    let tasks: serde_json::Value = serde_json::from_str(&block).expect("tasks.json is JSON");
    let task = &tasks[0];
    assert!(task["label"].is_string());
    assert_eq!(task["command"], "comply");
    assert_eq!(task["cwd"], "$ZED_WORKTREE_ROOT");
    let args: Vec<String> = task["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().replace("$ZED_RELATIVE_FILE", FILE))
        .collect();
    assert_short_findings(&args);
}
