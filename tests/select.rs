//! `--select` / `--ignore`: families or rule ids, comma-separated and
//! repeatable, winning over comply.yaml; unknown names are usage errors
//! with a suggestion.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;

fn comply(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("comply").expect("the binary is built");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// The rule ids of the findings of `comply scan --format json ARGS corpus`.
fn rules_found(dir: &Path, args: &[&str]) -> BTreeSet<String> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = comply(dir)
        .args(["scan", "--format", "json"])
        .args(args)
        .arg(&corpus)
        .output()
        .unwrap();
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap().to_string())
        .collect()
}

fn families(rules: &BTreeSet<String>) -> BTreeSet<&str> {
    rules.iter().map(|r| r.split('/').next().unwrap()).collect()
}

#[test]
fn families_and_ids_select_and_ignore() {
    let dir = tempfile::tempdir().unwrap();
    let all = rules_found(dir.path(), &[]);
    assert!(all.len() >= 4, "{all:?}");
    let secrets = rules_found(dir.path(), &["--select", "secrets"]);
    assert_eq!(families(&secrets), BTreeSet::from(["secrets"]));
    let two = rules_found(dir.path(), &["--select", "cookies,hashing"]);
    let repeated = rules_found(dir.path(), &["--select", "cookies", "--select", "hashing"]);
    assert_eq!(two, repeated);
    assert_eq!(families(&two), BTreeSet::from(["cookies", "hashing"]));
    let ignored = rules_found(dir.path(), &["--ignore", "secrets/private-key,cookies"]);
    assert!(!ignored.contains("secrets/private-key"));
    assert!(families(&ignored).iter().all(|f| *f != "cookies"));
    assert!(ignored.contains("secrets/aws-access-key-id"));
    // The more specific selector wins: a family selected, one of its rules ignored.
    let narrowed = rules_found(
        dir.path(),
        &["--select", "secrets", "--ignore", "secrets/private-key"],
    );
    assert!(narrowed.contains("secrets/aws-access-key-id"));
    assert!(!narrowed.contains("secrets/private-key"));
    assert_eq!(families(&narrowed), BTreeSet::from(["secrets"]));
}

#[test]
fn the_command_line_wins_over_comply_yaml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("comply.yaml"),
        "disable: [cookies/httponly-disabled]\n",
    )
    .unwrap();
    assert!(!rules_found(dir.path(), &[]).contains("cookies/httponly-disabled"));
    let selected = rules_found(dir.path(), &["--select", "cookies/httponly-disabled"]);
    assert_eq!(
        selected,
        BTreeSet::from(["cookies/httponly-disabled".to_string()])
    );
    // A family keeps the project's choices: its disabled rule stays off.
    let family = rules_found(dir.path(), &["--select", "cookies"]);
    assert!(!family.contains("cookies/httponly-disabled"), "{family:?}");
    assert!(
        families(&family).iter().all(|f| *f == "cookies"),
        "{family:?}"
    );
}

#[test]
fn unknown_names_are_usage_errors_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    for (flag, name, hint) in [
        ("--select", "secret", "did you mean `secrets`?"),
        (
            "--ignore",
            "hashing/bcrypt-lowcost",
            "did you mean `hashing/bcrypt-low-cost`?",
        ),
        (
            "--select",
            "private-key",
            "did you mean `secrets/private-key`?",
        ),
    ] {
        let out = comply(dir.path())
            .args(["scan", flag, name, "."])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag} {name}");
        // The diagnostic wraps at the terminal width: compare without spacing.
        let squeeze = |text: &str| -> String {
            text.chars()
                .filter(|c| !c.is_whitespace() && *c != '│')
                .collect()
        };
        let stderr = squeeze(&String::from_utf8_lossy(&out.stderr));
        assert!(
            stderr.contains(&squeeze(&format!("unknown rule or family `{name}`"))),
            "{stderr}"
        );
        assert!(stderr.contains(&squeeze(hint)), "{stderr}");
    }
}
