//! The corpus contract: every `expect` marker is reported, every `ok` marker
//! is not, and nothing else is reported anywhere in `corpus/`.
//!
//! Markers sit on the line before the line they speak of, in the file's own
//! comment syntax (`// expect: id`, `# ok: id`, `<!-- expect: id -->`); JSON
//! files use a sidecar `<file>.expect.yaml` mapping line numbers to ids.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use comply::{load_engine, scan, EngineOptions, ScanOptions};

/// (path, line, rule id)
type Key = (String, usize, String);

#[derive(Default)]
struct Expectations {
    expect: BTreeSet<Key>,
    ok: BTreeSet<Key>,
}

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn relative(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// `expect: a, b` / `ok: a` after a comment leader, or `None`.
fn parse_marker(line: &str) -> Option<(&'static str, Vec<String>)> {
    let trimmed = line.trim_start();
    let body = ["//", "#", "<!--", "/*"]
        .iter()
        .find_map(|leader| trimmed.strip_prefix(leader))?
        .trim();
    let body = body.trim_end_matches("-->").trim_end_matches("*/").trim();
    let (kind, ids) = if let Some(ids) = body.strip_prefix("expect:") {
        ("expect", ids)
    } else if let Some(ids) = body.strip_prefix("ok:") {
        ("ok", ids)
    } else {
        return None;
    };
    Some((
        kind,
        ids.split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    ))
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("corpus folder is readable") {
        let path = entry.expect("corpus entry").path();
        if path.is_dir() {
            collect_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn read_expectations() -> Expectations {
    let mut files = Vec::new();
    collect_files(&corpus_root(), &mut files);
    files.sort();
    let mut exp = Expectations::default();
    for file in &files {
        let name = file.to_string_lossy();
        if let Some(target) = name.strip_suffix(".expect.yaml") {
            read_sidecar(file, &relative(Path::new(target)), &mut exp);
            continue;
        }
        let text = std::fs::read_to_string(file).expect("corpus files are UTF-8");
        let path = relative(file);
        for (index, line) in text.lines().enumerate() {
            if let Some((kind, ids)) = parse_marker(line) {
                let set = if kind == "expect" {
                    &mut exp.expect
                } else {
                    &mut exp.ok
                };
                for id in ids {
                    // The marker speaks of the next line (1-based: index + 2).
                    set.insert((path.clone(), index + 2, id));
                }
            }
        }
    }
    exp
}

fn read_sidecar(sidecar: &Path, target: &str, exp: &mut Expectations) {
    let text = std::fs::read_to_string(sidecar).expect("sidecar is readable");
    let mut kind = "";
    for line in text.lines().map(str::trim) {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if line == "expect:" || line == "ok:" {
            kind = if line == "expect:" { "expect" } else { "ok" };
            continue;
        }
        let (number, ids) = line.split_once(':').expect("sidecar lines are `N: [ids]`");
        let number: usize = number
            .trim()
            .parse()
            .expect("sidecar keys are line numbers");
        let ids = ids.trim().trim_start_matches('[').trim_end_matches(']');
        let set = if kind == "expect" {
            &mut exp.expect
        } else {
            &mut exp.ok
        };
        for id in ids.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            set.insert((target.to_string(), number, id.to_string()));
        }
    }
}

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
            expects.get(id).copied().unwrap_or(0) >= 1,
            "{id} has no `expect` corpus line"
        );
        assert!(
            oks.get(id).copied().unwrap_or(0) >= 1,
            "{id} has no `ok` corpus line (look-alike)"
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
