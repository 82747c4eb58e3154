//! `docs/rules.md` is `comply rules --format markdown` of the built-in
//! packs, kept current; `comply explain` describes every rule.
//!
//! After adding or changing rules, regenerate the document with
//! `UPDATE_DOCS=1 cargo test --test docs` (or
//! `cargo run -- rules --format markdown > docs/rules.md`).

use std::path::Path;

use assert_cmd::Command;

/// Run outside the repository, so no comply.yaml changes the rules.
fn comply() -> Command {
    let mut cmd = Command::cargo_bin("comply").expect("the binary is built");
    cmd.current_dir(std::env::temp_dir()).env("NO_COLOR", "1");
    cmd
}

fn rule_ids() -> Vec<String> {
    let out = comply()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn docs_rules_md_is_current() {
    let out = comply()
        .args(["rules", "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let generated = String::from_utf8(out.stdout).unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/rules.md is stale: regenerate it with `UPDATE_DOCS=1 cargo test --test docs` \
         (or `cargo run -- rules --format markdown > docs/rules.md`) and commit it"
    );
    for id in rule_ids() {
        assert!(
            generated.contains(&format!("### {id}\n")),
            "{id} has a section"
        );
        assert!(
            generated.contains(&format!("comply-ignore: {id} -- <reason>")),
            "{id} says how to silence it"
        );
    }
}

#[test]
fn explain_describes_every_rule() {
    let ids = rule_ids();
    assert!(!ids.is_empty());
    for id in &ids {
        let out = comply().args(["explain", id]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{id}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.starts_with(&format!("{id}: ")), "{text}");
        for part in [
            "family",
            "severity",
            "controls",
            "languages",
            "Why",
            "Fix",
            "Silence it",
        ] {
            assert!(text.contains(part), "{id}: no {part} in\n{text}");
        }
        assert!(text.contains(&format!("disable: [{id}]")), "{text}");
    }
}

#[test]
fn explain_an_unknown_rule_suggests_one() {
    let out = comply()
        .args(["explain", "cookies/httponly-disable"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // The diagnostic wraps at the terminal width: compare without spacing.
    let squeezed: String = String::from_utf8_lossy(&out.stderr)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect();
    assert!(
        squeezed.contains("didyoumean`cookies/httponly-disabled`?"),
        "{squeezed}"
    );
}
