//! Pre-commit support as users meet it: `comply scan --staged` in real git
//! repositories, `comply hook install` and real `git commit`s it stops or
//! lets through, and the `.pre-commit-hooks.yaml` the pre-commit tool reads.
//!
//! Every git command runs with a throw-away HOME and global config and no
//! system config, so the user's git configuration is neither read nor
//! touched; nothing uses the network.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use predicates::prelude::*;
use serde::Deserialize;

mod support;
use support::report::finding_paths;

/// A fake AWS access key id (`AKIA` + 16 of `A-Z2-7`): never a real one.
const KEY: &str = "AKIA7KLFYYLBEG3RHDSV";
const CLEAN: &str = "export const region = 'eu-west-1';\n";

fn with_key() -> String {
    format!("export const region = 'eu-west-1';\nexport const key = '{KEY}';\n")
}

/// Variables an outer git (say, this test run inside someone's hook) may
/// have set that would point our git commands at another repository.
const OUTER_GIT_VARS: [&str; 8] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
];

/// A temporary folder holding a fake HOME and a work tree `repo/`.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    /// A sandbox with a fresh repository (user name and email set locally).
    fn with_repo() -> Sandbox {
        let sandbox = Sandbox::without_repo();
        sandbox.git(&["-c", "init.defaultBranch=main", "init", "-q", "."]);
        sandbox.git(&["config", "user.name", "comply test"]);
        sandbox.git(&["config", "user.email", "test@comply.invalid"]);
        sandbox
    }

    /// A sandbox whose `repo/` folder is not in any repository.
    fn without_repo() -> Sandbox {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("home")).expect("home");
        std::fs::create_dir_all(dir.path().join("repo")).expect("repo");
        std::fs::write(dir.path().join("home/.gitconfig"), "").expect("gitconfig");
        Sandbox { dir }
    }

    fn repo(&self) -> PathBuf {
        self.dir.path().join("repo")
    }

    fn env(&self) -> Vec<(&'static str, PathBuf)> {
        let home = self.dir.path().join("home");
        vec![
            ("HOME", home.clone()),
            ("XDG_CONFIG_HOME", home.join(".config")),
            ("GIT_CONFIG_GLOBAL", home.join(".gitconfig")),
            ("GIT_CONFIG_NOSYSTEM", "1".into()),
            // Repository discovery stops here, whatever holds the temp folder.
            ("GIT_CEILING_DIRECTORIES", self.dir.path().to_path_buf()),
            ("NO_COLOR", "1".into()),
        ]
    }

    fn command(&self, program: &str) -> std::process::Command {
        let mut cmd = std::process::Command::new(program);
        cmd.current_dir(self.repo()).envs(self.env());
        for var in OUTER_GIT_VARS {
            cmd.env_remove(var);
        }
        cmd
    }

    /// Runs git in the repository; panics if it fails.
    fn git(&self, args: &[&str]) -> Output {
        let output = self.try_git(args);
        assert!(
            output.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    fn try_git(&self, args: &[&str]) -> Output {
        self.command("git").args(args).output().expect("git runs")
    }

    /// The comply binary, run in the repository.
    fn comply(&self) -> Command {
        Command::from_std(self.command(env!("CARGO_BIN_EXE_comply")))
    }

    fn write(&self, name: &str, text: &str) {
        let path = self.repo().join(name);
        std::fs::create_dir_all(path.parent().expect("has a folder")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    /// `git commit` with `args`: its success and output (stdout and stderr,
    /// where hooks write).
    fn commit(&self, args: &[&str]) -> (bool, String) {
        let output = self.try_git(&[&["commit", "-q"], args].concat());
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.success(), text)
    }

    fn has_commits(&self) -> bool {
        self.try_git(&["rev-parse", "--verify", "-q", "HEAD"])
            .status
            .success()
    }
}

fn json_of(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("a JSON report")
}

#[test]
fn the_installed_hook_refuses_a_commit_with_a_staged_secret() {
    let repo = Sandbox::with_repo();
    repo.write("src/config.js", &with_key());
    repo.git(&["add", "src/config.js"]);
    repo.comply()
        .args(["hook", "install"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("installed the pre-commit hook"));
    let hook = repo.repo().join(".git/hooks/pre-commit");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&hook).expect("hook").permissions().mode();
        assert_eq!(mode & 0o111, 0o111, "the hook is executable");
    }
    let (committed, output) = repo.commit(&["-m", "add config"]);
    assert!(!committed, "the commit must be refused:\n{output}");
    assert!(!repo.has_commits(), "no commit was recorded");
    assert!(
        output.contains("secrets/aws-access-key-id"),
        "the diagnostic is shown:\n{output}"
    );
    assert!(output.contains("src/config.js"), "{output}");
    assert!(
        output.contains("AKIA…"),
        "the key is shown redacted:\n{output}"
    );
    assert!(!output.contains(KEY), "the key leaked:\n{output}");
    assert!(
        !output.contains(&KEY[4..]),
        "the key's tail leaked:\n{output}"
    );
}

#[test]
fn a_secret_only_in_the_work_tree_does_not_block_a_clean_staged_version() {
    let repo = Sandbox::with_repo();
    repo.write("src/config.js", CLEAN);
    repo.git(&["add", "src/config.js"]);
    repo.comply().args(["hook", "install"]).assert().code(0);
    repo.write("src/config.js", &with_key());
    let (committed, output) = repo.commit(&["-m", "add clean config"]);
    assert!(committed, "the staged version is clean:\n{output}");
    let recorded = repo.git(&["show", "HEAD:src/config.js"]);
    assert_eq!(String::from_utf8_lossy(&recorded.stdout), CLEAN);
    // `commit -a` stages the secret on the way, into the index git hands
    // the hook: the same hook stops that commit.
    let (committed, output) = repo.commit(&["-a", "-m", "add the key"]);
    assert!(!committed, "the staged secret must block:\n{output}");
    assert!(output.contains("secrets/aws-access-key-id"), "{output}");
}

#[test]
fn staged_scan_reads_the_index_not_the_work_tree() {
    let repo = Sandbox::with_repo();
    repo.write("src/config.js", &with_key());
    repo.git(&["add", "src/config.js"]);
    repo.write("src/config.js", CLEAN);
    repo.comply()
        .args(["scan", "--staged", "--format", "short"])
        .assert()
        .code(1)
        .stdout(
            "src/config.js:2:21: critical [secrets/aws-access-key-id] \
             AWS access key id AKIA… is committed in clear text\n",
        );
    // Run from a sub-folder, paths are relative to it, as in any other scan.
    repo.comply()
        .current_dir(repo.repo().join("src"))
        .args(["scan", "--staged", "--format", "short"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("config.js:2:21: critical"));
}

#[test]
fn staged_deletions_are_not_scanned() {
    let repo = Sandbox::with_repo();
    repo.write("keys.js", &with_key());
    repo.write("app.js", CLEAN);
    repo.git(&["add", "."]);
    repo.git(&["commit", "-q", "-m", "start"]);
    // Deleted from the index only: the work-tree copy still holds the key.
    repo.git(&["rm", "-q", "--cached", "keys.js"]);
    repo.write("app.js", "export const region = 'us-east-1';\n");
    repo.git(&["add", "app.js"]);
    let output = repo
        .comply()
        .args(["scan", "--staged", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let report = json_of(&output);
    assert_eq!(report["summary"]["files_scanned"], 1);
    assert_eq!(report["summary"]["files_skipped"], 0);
    assert_eq!(report["summary"]["findings"], 0);
}

#[test]
fn staged_files_get_the_skips_of_walked_files() {
    let repo = Sandbox::with_repo();
    let key_line = format!("const k = '{KEY}';\n");
    repo.write("comply.yaml", "exclude: [generated/]\n");
    repo.write(".complyignore", "fixtures/\n");
    repo.write(".gitignore", "secrets.env\n");
    repo.write("src/app.js", &key_line);
    repo.write("fixtures/keys.js", &key_line);
    repo.write("generated/keys.js", &key_line);
    repo.write("vendor/lib/keys.js", &key_line);
    // A second file in the same excluded folder: the folder is counted once.
    repo.write("vendor/lib/more.js", &key_line);
    repo.write("package-lock.json", &format!("{{\"k\": \"{KEY}\"}}\n"));
    repo.write("public/app.min.js", &key_line);
    repo.write("image.png", &format!("\u{0}\u{1}{KEY}"));
    repo.write(
        "big.js",
        &format!("{}{key_line}", "// padding\n".repeat(40)),
    );
    repo.write("secrets.env", &format!("AWS_ACCESS_KEY_ID={KEY}\n"));
    repo.git(&["add", "."]);
    // Ignored by .gitignore but staged anyway: it will be committed, so it is scanned.
    repo.git(&["add", "-f", "secrets.env"]);
    let output = repo
        .comply()
        .args([
            "scan",
            "--staged",
            "--format",
            "json",
            "--max-file-size",
            "300",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let report = json_of(&output);
    assert_eq!(finding_paths(&report), ["secrets.env", "src/app.js"]);
    let skipped = &report["summary"]["skipped_by_reason"];
    assert_eq!(skipped["excluded-by-config"], 1, "{skipped}");
    assert_eq!(skipped["excluded-directory"], 1, "{skipped}");
    assert_eq!(skipped["lock-file"], 1, "{skipped}");
    assert_eq!(skipped["minified"], 1, "{skipped}");
    assert_eq!(skipped["binary"], 1, "{skipped}");
    assert_eq!(skipped["too-large"], 1, "{skipped}");
    // Paths after --staged keep only the staged files under them.
    let output = repo
        .comply()
        .args(["scan", "--staged", "--format", "json", "src"])
        .output()
        .expect("runs");
    assert_eq!(finding_paths(&json_of(&output)), ["src/app.js"]);
}

#[test]
fn staged_scan_needs_a_git_work_tree_and_git() {
    let outside = Sandbox::without_repo();
    outside
        .comply()
        .args(["scan", "--staged"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not in a git work tree"));
    let repo = Sandbox::with_repo();
    let empty = repo.dir.path().join("no-programs");
    std::fs::create_dir_all(&empty).expect("mkdir");
    repo.comply()
        .env("PATH", &empty)
        .args(["scan", "--staged"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("git was not found"));
}

#[test]
fn hook_install_keeps_a_hook_it_did_not_write_unless_forced() {
    let repo = Sandbox::with_repo();
    let hook = repo.repo().join(".git/hooks/pre-commit");
    let theirs = "#!/bin/sh\nmake lint\n";
    std::fs::write(&hook, theirs).expect("write");
    repo.comply()
        .args(["hook", "install"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&hook).expect("read"), theirs);
    repo.comply()
        .args(["hook", "install", "--force"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("replaced"));
    let ours = std::fs::read_to_string(&hook).expect("read");
    assert!(ours.contains("scan --staged"), "{ours}");
    // Installing the same hook again is fine and changes nothing.
    repo.comply()
        .args(["hook", "install"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("already installed"));
    assert_eq!(std::fs::read_to_string(&hook).expect("read"), ours);
}

#[test]
fn hook_install_follows_core_hooks_path() {
    let repo = Sandbox::with_repo();
    repo.git(&["config", "core.hooksPath", ".githooks"]);
    repo.comply()
        .args(["hook", "install"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(".githooks/pre-commit"));
    assert!(repo.repo().join(".githooks/pre-commit").is_file());
    assert!(!repo.repo().join(".git/hooks/pre-commit").exists());
    repo.write("keys.js", &with_key());
    repo.git(&["add", "keys.js"]);
    let (committed, output) = repo.commit(&["-m", "add keys"]);
    assert!(
        !committed,
        "git runs the hook from core.hooksPath:\n{output}"
    );
}

/// One entry of `.pre-commit-hooks.yaml`, with the keys pre-commit knows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HookDefinition {
    id: String,
    name: String,
    description: Option<String>,
    entry: String,
    language: String,
    pass_filenames: Option<bool>,
    require_serial: Option<bool>,
    types: Option<Vec<String>>,
    exclude: Option<String>,
}

#[test]
fn pre_commit_hooks_yaml_defines_the_comply_hook() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml");
    let text = std::fs::read_to_string(path).expect("the file exists");
    let hooks: Vec<HookDefinition> = serde_saphyr::from_str(&text).expect("valid hook list");
    assert_eq!(hooks.len(), 1);
    let hook = &hooks[0];
    assert_eq!(hook.id, "comply");
    assert_eq!(hook.name, "comply");
    assert!(hook.description.is_some());
    assert_eq!(hook.language, "rust");
    assert_eq!(hook.entry, "comply scan --force-exclude");
    assert_ne!(hook.pass_filenames, Some(false), "file names are passed");
    assert_eq!(hook.require_serial, Some(true));
    assert_eq!(hook.types.as_deref(), Some(&["text".to_string()][..]));
    // The entry plus the file names pre-commit appends is a valid command
    // line that keeps the project's excludes for the named files.
    let argv = hook
        .entry
        .split_whitespace()
        .chain(["src/app.js", "deploy/values.yaml"]);
    let cli = <comply::cli::Cli as clap::Parser>::try_parse_from(argv).expect("parses");
    let comply::cli::Command::Scan(scan) = cli.command else {
        panic!("the entry runs `comply scan`");
    };
    assert_eq!(
        scan.paths,
        [Path::new("src/app.js"), Path::new("deploy/values.yaml")]
    );
    assert!(scan.force_exclude);
    // comply itself leaves out what discovery would skip: a second list in
    // the hook's `exclude` could only drift from it.
    assert!(hook.exclude.is_none(), "{:?}", hook.exclude);
}
