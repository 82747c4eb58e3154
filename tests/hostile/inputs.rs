//! Broken rule packs and configuration, generated here: each is exit status
//! 2 with a diagnostic naming the file and the line, never a panic, a hang
//! or a stack overflow. (Fixed cases live in `tests/packs/invalid/`.)

use crate::{run, tree};

/// A complete, valid regex rule with `field` lines spliced in at the end of
/// its `match:` (for checking one bad field at a time).
fn pack_with(id: &str, languages: &str, matcher: &str) -> String {
    format!(
        "rules:\n  - id: {id}\n    title: Generated case\n    family: {family}\n    \
         likelihood: 2\n    impact: 2\n    controls: [SOC2 CC6.1]\n{languages}    match:\n{matcher}    \
         message: generated\n    fix: generated\n    docs:\n      why: generated\n",
        family = id.split('/').next().unwrap()
    )
}

/// Billion laughs: each level's anchor repeats the previous one nine times.
fn alias_bomb(root_key: &str) -> String {
    let mut text = format!("{root_key}:\n  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (name, prev) in "bcdefghijkl".chars().zip("abcdefghijk".chars()) {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        text.push_str(&format!("  - &{name} [{refs}]\n"));
    }
    text
}

/// Runs `comply` over one generated input and checks the diagnostic.
fn assert_diagnostic(args: &[&str], name: &str, bytes: &[u8], message: &str, at: &str) {
    let dir = tree(&[(name, bytes), ("app.js", b"export const ok = 1;\n")]);
    let out = run(dir.path(), args);
    let stderr = out.stderr.replace(['│', '\n'], " ");
    let stderr = stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(out.code, 2, "{name}: {}", out.stderr);
    assert!(
        stderr.contains(message),
        "{name}: `{message}` in {}",
        out.stderr
    );
    assert!(
        out.stderr.contains(at),
        "{name}: located at `{at}` in {}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("panicked") && !out.stderr.contains("overflow"),
        "{name}: {}",
        out.stderr
    );
}

#[test]
fn malformed_configuration_of_every_kind_is_a_located_diagnostic() {
    let deep = format!("exclude: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "tabs",
            b"exclude:\n\t- docs/\n".to_vec(),
            "tabs disallowed",
            "comply.yaml:2:",
        ),
        (
            "duplicate key",
            b"exclude: [a]\nexclude: [b]\n".to_vec(),
            "duplicate mapping key",
            "comply.yaml:2:1",
        ),
        (
            "wrong type",
            b"file_timeout: soon\n".to_vec(),
            "invalid u64",
            "comply.yaml:1:15",
        ),
        (
            "negative size",
            b"max_file_size: -5\n".to_vec(),
            "invalid u64",
            "comply.yaml:1:16",
        ),
        (
            "bad glob",
            b"exclude:\n  - 'gen/[z-a]'\n".to_vec(),
            "invalid exclude pattern",
            "comply.yaml:2:6",
        ),
        (
            "unknown rule",
            b"disable:\n  - secrets/no-such-rule\n".to_vec(),
            "unknown rule `secrets/no-such-rule`",
            "comply.yaml:2:5",
        ),
        (
            "unknown override",
            b"overrides:\n  secrets/nope: {impact: 2}\n".to_vec(),
            "unknown rule `secrets/nope`",
            "comply.yaml:2:3",
        ),
        (
            "risk out of range",
            b"overrides:\n  hashing/bcrypt-low-cost: {impact: 7}\n".to_vec(),
            "likelihood, impact and test_likelihood are 1, 2 or 3",
            "comply.yaml:2:3",
        ),
        (
            "fail level",
            b"fail_on: sometimes\n".to_vec(),
            "unknown fail_on level `sometimes`",
            "comply.yaml:1:10",
        ),
        (
            "NUL byte",
            b"exclude: [a]\n\0\n".to_vec(),
            "invalid YAML",
            "comply.yaml:2:1",
        ),
        (
            "deep nesting",
            deep.into_bytes(),
            "recursion limit exceeded",
            "comply.yaml:1:",
        ),
        (
            "alias bomb",
            alias_bomb("exclude").into_bytes(),
            "invalid YAML",
            "comply.yaml:2:",
        ),
    ];
    for (what, bytes, message, at) in cases {
        eprintln_case(what);
        assert_diagnostic(
            &["scan", "--config", "comply.yaml", "."],
            "comply.yaml",
            &bytes,
            message,
            at,
        );
    }
}

#[test]
fn malformed_rule_packs_of_every_kind_are_located_diagnostics() {
    let regex = |pattern: &str| format!("      regex:\n        pattern: '{pattern}'\n");
    let query = |pattern: &str| format!("      query:\n        pattern: '{pattern}'\n");
    let deep = format!("rules: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let cases: Vec<(&str, String, &str, &str)> = vec![
        (
            "regex too large once compiled",
            pack_with("secrets/wide-word", "", &regex(r"\w{2000}\w{2000}")),
            "exceeds size limit",
            "pack.yaml:10:18",
        ),
        (
            "repetition past the parser's limit",
            pack_with("secrets/long-repeat", "", &regex("a{1000000}")),
            "invalid regex",
            "pack.yaml:10:18",
        ),
        (
            "query naming a node the grammar lacks",
            pack_with(
                "cookies/ts-only",
                "    languages: [javascript, typescript]\n",
                &query("(type_annotation) @finding"),
            ),
            "invalid tree-sitter query for JavaScript",
            "pack.yaml:11:18",
        ),
        (
            "unknown language",
            pack_with("secrets/cobol", "    languages: [cobol]\n", &regex("a+")),
            "unknown language `cobol`",
            "pack.yaml:8:17",
        ),
        (
            "duplicate key",
            "rules:\n  - id: secrets/x\n    id: secrets/y\n".into(),
            "duplicate mapping key",
            "pack.yaml:3:5",
        ),
        (
            "tabs",
            "rules:\n\t- id: secrets/x\n".into(),
            "invalid YAML",
            "pack.yaml:2:",
        ),
        (
            "deep nesting",
            deep,
            "recursion limit exceeded",
            "pack.yaml:1:",
        ),
        (
            "alias bomb",
            alias_bomb("rules"),
            "invalid YAML",
            "pack.yaml:2:",
        ),
    ];
    for (what, text, message, at) in cases {
        eprintln_case(what);
        assert_diagnostic(
            &["rules", "--no-builtin-rules", "--rules", "pack.yaml"],
            "pack.yaml",
            text.as_bytes(),
            message,
            at,
        );
    }
}

#[test]
fn a_rule_pack_that_is_not_utf8_text_is_an_error_naming_it() {
    for (name, bytes) in [
        (
            "utf16.yaml",
            b"\xFF\xFEr\0u\0l\0e\0s\0:\0 \0[\0]\0\n\0".to_vec(),
        ),
        ("latin1.yaml", b"rules: []\n# r\xE8gles\n".to_vec()),
    ] {
        let dir = tree(&[(name, &bytes)]);
        let out = run(
            dir.path(),
            &["rules", "--no-builtin-rules", "--rules", name],
        );
        assert_eq!(out.code, 2, "{name}: {}", out.stderr);
        assert!(out.stderr.contains(name), "{name}: {}", out.stderr);
        assert!(out.stderr.contains("UTF-8"), "{name}: {}", out.stderr);
    }
}

/// Names the case on the test's output, so a failure says which one.
#[allow(clippy::print_stderr)]
fn eprintln_case(what: &str) {
    eprintln!("case: {what}");
}
