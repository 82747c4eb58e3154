//! `comply scan --diff-base REV` in real git repositories: only findings on
//! lines changed since the merge-base of REV and HEAD are reported —
//! edited lines, added and untracked files, renamed-and-edited files under
//! their new name — and nothing on lines REV changed after the branch point.
//!
//! git runs with a throw-away HOME and no system or global configuration.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

/// A small Express router named `name` (its own content, so git pairs no
/// two files by similarity) setting a cookie at line `lines_before + 4`,
/// with `httpOnly: false` when `insecure`.
fn module(name: &str, lines_before: usize, insecure: bool) -> String {
    let mut text =
        format!("const express = require('express');\nconst {name} = express.Router();\n");
    for i in 0..lines_before {
        text.push_str(&format!("const limit{i} = {i};\n"));
    }
    text.push_str(&format!(
        "{name}.post('/{name}/login', (req, res) => {{\n  res.cookie('{name}_sid', req.body.token, {{ httpOnly: {} }});\n  res.sendStatus(204);\n}});\nmodule.exports = {name};\n",
        !insecure
    ));
    text
}

struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        std::fs::create_dir_all(dir.path().join("repo")).unwrap();
        std::fs::write(dir.path().join("home/.gitconfig"), "").unwrap();
        let repo = Repo { dir };
        repo.git(&["-c", "init.defaultBranch=main", "init", "-q", "."]);
        repo.git(&["config", "user.name", "comply test"]);
        repo.git(&["config", "user.email", "test@comply.invalid"]);
        repo
    }

    fn root(&self) -> std::path::PathBuf {
        self.dir.path().join("repo")
    }

    fn command(&self, program: &str) -> std::process::Command {
        let home = self.dir.path().join("home");
        let mut cmd = std::process::Command::new(program);
        cmd.current_dir(self.root())
            .env("HOME", &home)
            .env("GIT_CONFIG_GLOBAL", home.join(".gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CEILING_DIRECTORIES", self.dir.path())
            .env("NO_COLOR", "1");
        for var in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX"] {
            cmd.env_remove(var);
        }
        cmd
    }

    fn git(&self, args: &[&str]) -> Output {
        let out = self.command("git").args(args).output().expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn write(&self, name: &str, text: &str) {
        let path = self.root().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// `comply scan --format json ARGS` in `dir` (relative to the work
    /// tree): the (path, line) of every line with findings (a cookie line
    /// may break several cookie rules), and the exit status.
    fn findings_in(&self, dir: &str, args: &[&str]) -> (Vec<(String, u64)>, i32) {
        let out = Command::from_std(self.command(env!("CARGO_BIN_EXE_comply")))
            .current_dir(self.root().join(dir))
            .args(["scan", "--format", "json"])
            .args(args)
            .output()
            .expect("comply runs");
        let code = out.status.code().unwrap_or(-1);
        if code == 2 {
            return (Vec::new(), code);
        }
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
        let mut findings = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["path"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                )
            })
            .collect::<Vec<_>>();
        findings.dedup();
        (findings, code)
    }
}

/// main: legacy.js (finding at 6), moved.js (finding), app.js (finding at 6).
/// feature (HEAD), from main: app.js gains a finding at 9 (an edit above
/// keeps the old one unchanged at its new line 7), moved.js is renamed
/// unchanged, renamed.js is renamed and edited, new.js is added, wip.js is
/// untracked. main then fixes legacy.js after the branch point.
fn repository() -> Repo {
    let repo = Repo::new();
    repo.write("src/legacy.js", &module("legacy", 0, true));
    repo.write("src/old-name.js", &module("accounts", 0, true));
    repo.write("src/edited.js", &module("profile", 0, true));
    repo.write("src/app.js", &module("app", 0, true));
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    let mut app = module("app", 1, true);
    app.push_str("router.post('/logout', (req, res) => {\n  res.cookie('sid', '', { httpOnly: false });\n});\n");
    repo.write("src/app.js", &app);
    repo.git(&["mv", "src/old-name.js", "src/new-name.js"]);
    repo.git(&["mv", "src/edited.js", "src/renamed.js"]);
    let mut edited = module("profile", 0, true);
    edited.push_str(
        "router.get('/me', (req, res) => res.cookie('profile_sid', req.sessionID, { httpOnly: false }));\n",
    );
    repo.write("src/renamed.js", &edited);
    repo.write("src/new.js", &module("billing", 0, true));
    repo.commit("feature work");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("src/legacy.js", &module("legacy", 0, false));
    repo.commit("fix legacy on main");
    repo.git(&["checkout", "-q", "feature"]);
    repo.write("src/wip.js", &module("admin", 2, true));
    repo
}

#[test]
fn only_lines_changed_since_the_merge_base_are_reported() {
    let repo = repository();
    let (all, _) = repo.findings_in(".", &[]);
    assert_eq!(all.len(), 8, "{all:?}");
    let (changed, code) = repo.findings_in(".", &["--diff-base", "main"]);
    assert_eq!(code, 1);
    assert_eq!(
        changed,
        [
            ("src/app.js".to_string(), 10),
            ("src/new.js".to_string(), 4),
            ("src/renamed.js".to_string(), 8),
            ("src/wip.js".to_string(), 6),
        ],
        "the edited line, the added and untracked files, the edit in the renamed \
         file; not legacy.js, which main changed after the branch point"
    );
}

#[test]
fn paths_below_the_top_level_and_clean_diffs() {
    let repo = repository();
    let (changed, _) = repo.findings_in("src", &["--diff-base", "main", "."]);
    assert_eq!(changed.len(), 4, "{changed:?}");
    assert!(
        changed.iter().all(|(p, _)| !p.starts_with("src/")),
        "{changed:?}"
    );
    std::fs::remove_file(repo.root().join("src/wip.js")).unwrap();
    let (none, code) = repo.findings_in(".", &["--diff-base", "HEAD"]);
    assert_eq!((none.len(), code), (0, 0), "{none:?}");
}

#[test]
fn an_unknown_revision_is_a_usage_error() {
    let repo = repository();
    let out = Command::from_std(repo.command(env!("CARGO_BIN_EXE_comply")))
        .args(["scan", "--diff-base", "no-such-branch", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`no-such-branch` is not a commit"),
        "{stderr}"
    );
    assert!(Path::new(&repo.root()).is_dir());
}
