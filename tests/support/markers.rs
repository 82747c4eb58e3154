//! The corpus markers, shared by the corpus contract and the precision/recall
//! checker: `// expect: id` / `# ok: id` on the line before the line they speak
//! of, in the file's own comment syntax; JSON files use a sidecar
//! `<file>.expect.yaml` mapping line numbers to ids.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// (path, line, rule id)
pub type Key = (String, usize, String);

/// Every marker of the corpus.
#[derive(Default)]
pub struct Expectations {
    /// Lines that must be reported, with the rule.
    pub expect: BTreeSet<Key>,
    /// Look-alike lines that must not be reported by the rule.
    pub ok: BTreeSet<Key>,
}

/// The `corpus/` folder of this crate.
pub fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A path relative to the crate root, `/`-separated.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// `expect: a, b` / `ok: a` after a comment leader, or `None`.
pub fn parse_marker(line: &str) -> Option<(&'static str, Vec<String>)> {
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

/// Reads every marker and sidecar of the corpus.
pub fn read_expectations() -> Expectations {
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
