//! The corpus contract: every `expect` marker is reported, every `ok` marker
//! is not, and nothing else is reported anywhere in `corpus/`.
//!
//! Markers sit on the line before the line they speak of, in the file's own
//! comment syntax (`// expect: id`, `# ok: id`, `<!-- expect: id -->`); JSON
//! files use a sidecar `<file>.expect.yaml` mapping line numbers to ids.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod support;
use support::markers::{corpus_root, parse_marker, read_expectations, relative, Key};

use comply::{load_engine, scan, EngineOptions, ScanOptions};

fn scan_corpus() -> BTreeSet<Key> {
    let engine = load_engine(&EngineOptions::default()).expect("built-in packs load");
    let outcome = scan(
        &engine,
        &ScanOptions {
            paths: vec![corpus_root()],
            ..ScanOptions::default()
        },
    )
    .expect("corpus scans");
    assert!(
        outcome.problems.is_empty(),
        "corpus files must parse cleanly: {:#?}",
        outcome.problems
    );
    outcome
        .findings
        .iter()
        .map(|f| (relative(Path::new(&f.path)), f.line, f.rule_id.to_string()))
        .collect()
}

#[test]
fn corpus_findings_match_markers_exactly() {
    let exp = read_expectations();
    let actual = scan_corpus();
    assert!(!exp.expect.is_empty(), "the corpus has expect markers");

    let missing: Vec<&Key> = exp.expect.difference(&actual).collect();
    let unexpected: Vec<&Key> = actual.difference(&exp.expect).collect();
    let ok_violated: Vec<&Key> = exp.ok.intersection(&actual).collect();
    let mut report = String::new();
    for (title, keys) in [
        ("missing (expected, not reported)", &missing),
        ("unexpected (reported, not expected)", &unexpected),
        ("look-alikes reported (ok marker violated)", &ok_violated),
    ] {
        if !keys.is_empty() {
            report.push_str(&format!("\n{title}:\n"));
            for (path, line, rule) in keys.iter() {
                report.push_str(&format!("  {path}:{line}  {rule}\n"));
            }
        }
    }
    assert!(report.is_empty(), "corpus mismatch:{report}");
}

#[test]
fn every_rule_has_expect_and_ok_lines() {
    let exp = read_expectations();
    let engine = load_engine(&EngineOptions::default()).expect("built-in packs load");
    let count = |set: &BTreeSet<Key>| {
        let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
        for (_, _, rule) in set {
            *by_rule.entry(rule.clone()).or_default() += 1;
        }
        by_rule
    };
    let (expects, oks) = (count(&exp.expect), count(&exp.ok));
    for rule in &engine.rules.rules {
        let id = rule.id.as_str();
        assert!(
            expects.get(id).copied().unwrap_or(0) >= 2,
            "{id} needs at least two `expect` corpus lines"
        );
        assert!(
            oks.get(id).copied().unwrap_or(0) >= 2,
            "{id} needs at least two `ok` corpus lines (look-alikes)"
        );
    }
    for id in expects.keys().chain(oks.keys()) {
        assert!(
            engine.rules.get(id).is_some(),
            "corpus marker names unknown rule {id}"
        );
    }
}

#[test]
fn markers_parse_in_every_comment_syntax() {
    assert_eq!(
        parse_marker("  // expect: a/b, c/d"),
        Some(("expect", vec!["a/b".to_string(), "c/d".to_string()]))
    );
    assert_eq!(
        parse_marker("# ok: a/b"),
        Some(("ok", vec!["a/b".to_string()]))
    );
    assert_eq!(
        parse_marker("<!-- expect: a/b -->"),
        Some(("expect", vec!["a/b".to_string()]))
    );
    assert_eq!(parse_marker("// an ordinary comment"), None);
}
