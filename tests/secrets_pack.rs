//! The secrets pack stays covered: every built-in `secrets/*` rule has at
//! least two `expect` and two `ok` corpus lines, so a rule cannot lose its
//! samples (or be added without them) unnoticed.

use std::collections::BTreeMap;
use std::path::Path;

use comply::{load_engine, EngineOptions};

/// Counts marker ids per kind (`expect`, `ok`) over every corpus file and
/// JSON sidecar.
fn count_markers(dir: &Path, counts: &mut BTreeMap<(String, &'static str), usize>) {
    for entry in std::fs::read_dir(dir).expect("corpus folder is readable") {
        let path = entry.expect("corpus entry").path();
        if path.is_dir() {
            count_markers(&path, counts);
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let sidecar = path.to_string_lossy().ends_with(".expect.yaml");
        let mut section = "";
        for line in text.lines().map(str::trim) {
            if sidecar {
                match line {
                    "expect:" => section = "expect",
                    "ok:" => section = "ok",
                    _ => {
                        if let Some((_, ids)) = line.split_once(": [") {
                            for id in ids.trim_end_matches(']').split(',') {
                                *counts.entry((id.trim().to_string(), section)).or_default() += 1;
                            }
                        }
                    }
                }
                continue;
            }
            let body = ["//", "#", "<!--"]
                .iter()
                .find_map(|leader| line.strip_prefix(leader))
                .map(|b| b.trim().trim_end_matches("-->").trim());
            let Some(body) = body else { continue };
            for (kind, prefix) in [("expect", "expect:"), ("ok", "ok:")] {
                if let Some(ids) = body.strip_prefix(prefix) {
                    for id in ids.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                        *counts.entry((id.to_string(), kind)).or_default() += 1;
                    }
                }
            }
        }
    }
}

#[test]
fn every_secrets_rule_has_two_positive_and_two_look_alike_lines() {
    let engine = load_engine(&EngineOptions::default()).expect("built-in packs load");
    let mut counts = BTreeMap::new();
    count_markers(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        &mut counts,
    );
    let secrets: Vec<&str> = engine
        .rules
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| id.starts_with("secrets/"))
        .collect();
    assert!(
        secrets.len() >= 150,
        "the secrets pack has {} rules",
        secrets.len()
    );
    let mut thin = Vec::new();
    for id in secrets {
        let expect = counts
            .get(&(id.to_string(), "expect"))
            .copied()
            .unwrap_or(0);
        let ok = counts.get(&(id.to_string(), "ok")).copied().unwrap_or(0);
        if expect < 2 || ok < 2 {
            thin.push(format!("{id}: {expect} expect, {ok} ok"));
        }
    }
    assert!(
        thin.is_empty(),
        "secrets rules with too few corpus lines:\n{}",
        thin.join("\n")
    );
}
