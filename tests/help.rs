//! Command-line help: every flag of every command appears in that
//! command's examples, and `--version` names the built-in rule packs.

use assert_cmd::Command;
use clap::CommandFactory;
use comply::cli::Cli;

fn check(command: &clap::Command, path: &str) {
    let examples = command
        .get_after_help()
        .map(|h| h.to_string())
        .unwrap_or_default();
    assert!(
        examples.contains("Examples:"),
        "`{path}` has examples after its help"
    );
    for arg in command.get_arguments() {
        let Some(long) = arg.get_long() else {
            continue;
        };
        if ["help", "version"].contains(&long) {
            continue;
        }
        assert!(
            examples.contains(&format!("--{long}")),
            "`{path} --help` shows no example of --{long}"
        );
    }
    for sub in command.get_subcommands() {
        if sub.get_name() != "help" {
            check(sub, &format!("{path} {}", sub.get_name()));
        }
    }
}

#[test]
fn every_flag_has_an_example() {
    check(&Cli::command(), "comply");
}

#[test]
fn help_output_shows_the_examples() {
    for args in [&["--help"][..], &["scan", "--help"], &["merge", "-h"]] {
        let out = Command::cargo_bin("comply")
            .unwrap()
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.contains("Examples:"), "{args:?}: {stdout}");
    }
}

#[test]
fn version_lists_the_built_in_packs() {
    let out = Command::cargo_bin("comply")
        .unwrap()
        .arg("--version")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with(&format!("comply {}\n", env!("CARGO_PKG_VERSION"))));
    for (name, _) in comply::builtin::PACKS {
        let line = stdout
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("{name} in {stdout}"));
        let hash = line.split_whitespace().last().unwrap();
        assert!(
            hash.len() == 12 && hash.chars().all(|c| c.is_ascii_hexdigit()),
            "{line}"
        );
    }
}
