//! Invalid rule packs: each file in `tests/packs/invalid/` states on its first
//! line (`# error: …`) the message it must produce. Loading it must exit 2
//! with a diagnostic naming the pack, never panic.

use std::path::Path;

use assert_cmd::Command;

fn comply() -> Command {
    let mut cmd = Command::cargo_bin("comply").expect("the binary is built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// The diagnostic text without miette's line wrapping and gutter bars.
fn unwrapped(text: &str) -> String {
    text.replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_invalid_pack_is_a_clear_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/invalid");
    let mut packs: Vec<_> = std::fs::read_dir(&dir)
        .expect("invalid packs folder")
        .map(|e| e.expect("entry").path())
        .collect();
    packs.sort();
    assert!(packs.len() >= 10, "the invalid-pack folder holds the cases");
    for pack in packs {
        let text = std::fs::read_to_string(&pack).expect("pack is readable");
        let expected = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# error: "))
            .unwrap_or_else(|| panic!("{} lacks its `# error:` line", pack.display()));
        let output = comply()
            .args(["rules", "--no-builtin-rules", "--rules"])
            .arg(&pack)
            .env("NO_COLOR", "1")
            .output()
            .expect("comply runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{}: exit status; stderr:\n{stderr}",
            pack.display()
        );
        assert!(
            unwrapped(&stderr).contains(expected),
            "{}: expected `{expected}` in:\n{stderr}",
            pack.display()
        );
        let name = pack.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            stderr.contains(&name),
            "{}: the diagnostic names the pack:\n{stderr}",
            pack.display()
        );
        assert!(
            !stderr.contains("panicked"),
            "{}: no panic:\n{stderr}",
            pack.display()
        );
    }
}

#[test]
fn an_error_points_at_the_offending_line() {
    let pack =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/invalid/unknown-control.yaml");
    let output = comply()
        .args(["rules", "--no-builtin-rules", "--rules"])
        .arg(&pack)
        .env("NO_COLOR", "1")
        .output()
        .expect("comply runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The snippet shows line 8, where the unknown control is cited.
    assert!(stderr.contains("unknown-control.yaml:8:"), "{stderr}");
    assert!(stderr.contains("known controls:"), "{stderr}");
}
