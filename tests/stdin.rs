//! Editor support as editors use it: `comply scan --stdin-filename NAME -`
//! scans an unsaved buffer as the file NAME, and `--format short` lines are
//! what editors' error parsers read.

use std::collections::BTreeSet;

use assert_cmd::Command;
use predicates::prelude::*;
use regex::Regex;

/// The fields vim's errorformat `%f:%l:%c: %m` (and Emacs, VS Code) take
/// from a `--format short` line, with comply's severity and rule split out.
const SHORT_LINE: &str =
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>\w+) \[(?P<rule>[^\]]+)\] (?P<msg>.+)$";

/// A TypeScript buffer with a fake AWS key (line 2) and a low bcrypt cost (line 4).
const BUFFER: &str = "import bcrypt from 'bcrypt';
const key = 'AKIA7KLFYYLBEG3RHDSV';
export async function register(password: string) {
  return bcrypt.hash(password, 8);
}
";

fn comply(dir: &tempfile::TempDir) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_comply"));
    cmd.current_dir(dir.path()).env("NO_COLOR", "1");
    cmd
}

/// A throw-away project folder with the given files.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("has a folder")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    dir
}

/// One parsed `--format short` line.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct ShortLine {
    file: String,
    line: usize,
    rule: String,
}

/// Runs a stdin scan of `buffer` as `name`; the exit status and the parsed lines.
fn scan_buffer(dir: &tempfile::TempDir, name: &str, buffer: &str) -> (i32, Vec<ShortLine>) {
    let output = comply(dir)
        .args(["scan", "--format", "short", "--stdin-filename", name, "-"])
        .write_stdin(buffer)
        .output()
        .expect("comply runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let pattern = Regex::new(SHORT_LINE).expect("regex");
    let lines = stdout
        .lines()
        .map(|line| {
            let caps = pattern
                .captures(line)
                .unwrap_or_else(|| panic!("not an errorformat line: {line:?}"));
            assert!(!caps["msg"].is_empty());
            assert!(caps["col"].parse::<usize>().expect("column") >= 1);
            ShortLine {
                file: caps["file"].to_string(),
                line: caps["line"].parse().expect("line"),
                rule: caps["rule"].to_string(),
            }
        })
        .collect();
    (output.status.code().expect("exit status"), lines)
}

fn rules_of(lines: &[ShortLine]) -> BTreeSet<&str> {
    lines.iter().map(|l| l.rule.as_str()).collect()
}

#[test]
fn a_buffer_is_scanned_as_the_file_it_names() {
    let dir = project(&[]);
    let (status, lines) = scan_buffer(&dir, "src/auth.ts", BUFFER);
    assert_eq!(status, 1);
    let expected = [
        ("src/auth.ts", 2, "secrets/aws-access-key-id"),
        ("src/auth.ts", 4, "hashing/bcrypt-low-cost"),
    ];
    let expected: Vec<ShortLine> = expected
        .iter()
        .map(|(file, line, rule)| ShortLine {
            file: file.to_string(),
            line: *line,
            rule: rule.to_string(),
        })
        .collect();
    assert_eq!(lines, expected);
    // The name decides the language: as plain text only the text rules run.
    let (_, lines) = scan_buffer(&dir, "notes.txt", BUFFER);
    assert_eq!(
        rules_of(&lines),
        BTreeSet::from(["secrets/aws-access-key-id"])
    );
    // An absolute name under the working directory is shown relative to it.
    let absolute = dir.path().join("src/auth.ts");
    let (_, lines) = scan_buffer(&dir, absolute.to_str().expect("UTF-8"), BUFFER);
    assert!(lines.iter().all(|l| l.file == "src/auth.ts"), "{lines:?}");
}

#[test]
fn the_buffer_is_scanned_not_the_file_on_disk() {
    let dir = project(&[("src/auth.ts", BUFFER)]);
    let (status, lines) = scan_buffer(&dir, "src/auth.ts", "export const region = 'eu-west-1';\n");
    assert_eq!((status, lines), (0, Vec::new()));
}

#[test]
fn configuration_applies_but_ignores_and_excludes_do_not() {
    let dir = project(&[
        (
            "comply.yaml",
            "exclude: [generated/]\npolicy:\n  bcrypt_min_cost: 9\n",
        ),
        (".complyignore", "legacy/\n"),
    ]);
    for name in ["generated/auth.ts", "legacy/auth.ts"] {
        let output = comply(&dir)
            .args(["scan", "--format", "short", "--stdin-filename", name, "-"])
            .write_stdin(BUFFER)
            .output()
            .expect("comply runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains(&format!(
                "{name}:4:32: high [hashing/bcrypt-low-cost] bcrypt cost 8 is below the policy minimum of 9"
            )),
            "{name} is scanned with the project's policy:\n{stdout}"
        );
    }
}

#[test]
fn dash_and_stdin_filename_need_each_other() {
    let dir = project(&[]);
    comply(&dir)
        .args(["scan", "-"])
        .write_stdin(BUFFER)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("needs --stdin-filename"));
    comply(&dir)
        .args(["scan", "--stdin-filename", "src/auth.ts"])
        .write_stdin(BUFFER)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--stdin-filename needs `-`"));
    comply(&dir)
        .args(["scan", "--stdin-filename", "src/auth.ts", "-", "src"])
        .write_stdin(BUFFER)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot be combined with other paths",
        ));
    comply(&dir)
        .args(["scan", "--staged", "--stdin-filename", "src/auth.ts", "-"])
        .write_stdin(BUFFER)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}
