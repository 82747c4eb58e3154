//! `comply init`: the starter comply.yaml is written once (not over an
//! existing file without --force), is accepted by the scanner, and the
//! pre-commit snippet is printed.

use assert_cmd::Command;

fn comply(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("comply").expect("the binary is built");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

#[test]
fn init_writes_a_starter_the_scanner_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let out = comply(dir.path()).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("wrote comply.yaml"), "{stdout}");
    assert!(stdout.contains("- id: comply"), "{stdout}");
    assert!(stdout.contains("comply hook install"), "{stdout}");
    let written = std::fs::read_to_string(dir.path().join("comply.yaml")).unwrap();
    assert_eq!(written, comply::init::STARTER_CONFIG);
    // The scan picks the file up: a generated file is excluded as it says.
    std::fs::write(
        dir.path().join("api.generated.ts"),
        "res.cookie('sid', token, { httpOnly: false });\n",
    )
    .unwrap();
    comply(dir.path())
        .args(["scan", "--format", "json", "."])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("\"excluded-by-config\": 1"));
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("comply.yaml"), "fail_on: high\n").unwrap();
    let out = comply(dir.path()).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("comply.yaml")).unwrap(),
        "fail_on: high\n"
    );
    comply(dir.path())
        .args(["init", "--force"])
        .assert()
        .code(0);
    let hidden = tempfile::tempdir().unwrap();
    std::fs::write(hidden.path().join(".comply.yaml"), "").unwrap();
    comply(hidden.path()).arg("init").assert().code(2);
    comply(hidden.path())
        .args(["init", "--output", "ci.comply.yaml"])
        .assert()
        .code(0);
}
