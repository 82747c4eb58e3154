//! The CI examples in `examples/ci/` are valid YAML, and every `comply …`
//! command line in them parses with comply's real command line (every
//! subcommand, flag and value exists), is documented by the binary's
//! `--help`, and — for scans — runs on a tiny project.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use clap::Parser;
use comply::cli::Cli;

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ci");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    files
}

/// Keys whose values are shell scripts: GitHub's `run`, GitLab's `script`s.
const SCRIPT_KEYS: [&str; 4] = ["run", "script", "before_script", "after_script"];

/// Every shell script in a CI document.
fn scripts(value: &serde_json::Value, in_script: bool, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) if in_script => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| scripts(v, in_script, out)),
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                scripts(v, SCRIPT_KEYS.contains(&key.as_str()), out);
            }
        }
        _ => {}
    }
}

/// Shell words of one line; `;`, `|`, `&` and `>` outside quotes are
/// separate operator words. `${{ … }}` (GitHub expressions) become `1`.
fn shell_words(line: &str) -> Vec<String> {
    let mut line = line.to_string();
    while let Some(start) = line.find("${{") {
        let end = line[start..]
            .find("}}")
            .map(|e| start + e + 2)
            .unwrap_or(line.len());
        line.replace_range(start..end, "1");
    }
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '\\') => {
                if let Some(next) = chars.next() {
                    word.push(next);
                    in_word = true;
                }
            }
            (None, c) if c.is_whitespace() || ";|&>".contains(c) => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
                if !c.is_whitespace() {
                    words.push(c.to_string());
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// The argument lists of every `comply …` command in a script.
fn comply_commands(script: &str) -> Vec<Vec<String>> {
    let joined = script.replace("\\\n", " ");
    let mut commands = Vec::new();
    for line in joined.lines() {
        let words = shell_words(line);
        for (i, word) in words.iter().enumerate() {
            let program = i == 0 || [";", "|", "&", "then", "do"].contains(&words[i - 1].as_str());
            if program && (word == "comply" || word.ends_with("/comply")) {
                let args: Vec<String> = words[i + 1..]
                    .iter()
                    .take_while(|w| !";|&>".contains(w.as_str()))
                    .cloned()
                    .collect();
                commands.push(args);
            }
        }
    }
    commands
}

#[test]
fn every_comply_command_in_the_ci_examples_exists() {
    let files = examples();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in [
        "github-actions.yml",
        "github-actions-matrix.yml",
        "gitlab-ci.yml",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "examples/ci/{expected}"
        );
    }
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let doc: serde_json::Value = serde_saphyr::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not valid YAML: {e}", file.display()));
        let mut found = Vec::new();
        scripts(&doc, false, &mut found);
        let commands: Vec<Vec<String>> = found.iter().flat_map(|s| comply_commands(s)).collect();
        assert!(!commands.is_empty(), "{} runs comply", file.display());
        for args in commands {
            let kept = args.clone();
            let parsed =
                Cli::try_parse_from(std::iter::once("comply".to_string()).chain(kept.clone()));
            if let Err(err) = parsed {
                panic!(
                    "{}: `comply {}` does not parse:\n{err}",
                    file.display(),
                    args.join(" ")
                );
            }
            let help = Command::cargo_bin("comply")
                .unwrap()
                .args([&kept[0], "--help"])
                .output()
                .unwrap();
            let help = String::from_utf8_lossy(&help.stdout);
            for flag in kept.iter().filter(|w| w.starts_with("--")) {
                let name = flag.split('=').next().unwrap();
                assert!(
                    help.contains(name),
                    "`comply {} --help` documents {name}",
                    kept[0]
                );
            }
            if kept[0] == "scan" && !kept.iter().any(|w| w == "--diff-base") {
                dry_run(&kept);
            }
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} commands checked");
}

/// Runs a scan command line on a tiny project: it must not be a usage
/// error (exit 2); 0 or 1 depend only on the findings.
fn dry_run(args: &[String]) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("server.js"),
        "const https = require('https');\nhttps.get({ host: 'api.example.com', rejectUnauthorized: false });\n",
    )
    .unwrap();
    let out = Command::cargo_bin("comply")
        .unwrap()
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "`comply {}` on a tiny project: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn shell_words_split_like_a_shell() {
    assert_eq!(
        comply_commands("if [ -n \"$X\" ]; then comply scan --diff-base \"origin/$X\" .; fi\n./bin/comply merge a.json > out"),
        [
            vec!["scan", "--diff-base", "origin/$X", "."],
            vec!["merge", "a.json"],
        ]
    );
    assert_eq!(
        shell_words("comply scan --shard ${{ matrix.shard }}/4"),
        ["comply", "scan", "--shard", "1/4"]
    );
}
