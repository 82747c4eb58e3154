//! Precision and recall per rule family, measured on the corpus through the
//! real binary's JSON report.
//!
//! The corpus contract (`tests/corpus.rs`) demands an exact match; this checker
//! turns the same markers into the figures the README quotes and fails when a
//! family drops below 0.95 in either, so a regression shows as a number.

use std::collections::{BTreeMap, BTreeSet};

use assert_cmd::Command;

mod support;
use support::markers::{read_expectations, Key};

/// The floor the issue sets for every family.
const FLOOR: f64 = 0.95;

#[derive(Default, Debug)]
struct Tally {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }
}

/// A ratio where nothing to measure counts as perfect.
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

fn family(rule: &str) -> String {
    rule.split('/').next().unwrap_or(rule).to_string()
}

fn reported() -> BTreeSet<Key> {
    let out = Command::cargo_bin("comply")
        .expect("the comply binary is built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["scan", "corpus", "--format", "json"])
        .output()
        .expect("comply runs");
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the report is JSON");
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().expect("path").to_string(),
                f["line"].as_u64().expect("line") as usize,
                f["rule_id"].as_str().expect("rule_id").to_string(),
            )
        })
        .collect()
}

fn tally(expect: &BTreeSet<Key>, actual: &BTreeSet<Key>) -> BTreeMap<String, Tally> {
    let mut families: BTreeMap<String, Tally> = BTreeMap::new();
    for key in actual {
        let t = families.entry(family(&key.2)).or_default();
        if expect.contains(key) {
            t.true_positives += 1;
        } else {
            t.false_positives += 1;
        }
    }
    for key in expect.difference(actual) {
        families.entry(family(&key.2)).or_default().false_negatives += 1;
    }
    families
}

#[test]
fn every_family_keeps_precision_and_recall_above_the_floor() {
    let markers = read_expectations();
    let families = tally(&markers.expect, &reported());
    let mut table = String::from("family          TP   FP   FN  precision  recall\n");
    let mut below = Vec::new();
    for (name, t) in &families {
        table.push_str(&format!(
            "{name:<14} {:>4} {:>4} {:>4}  {:>9.3}  {:>6.3}\n",
            t.true_positives,
            t.false_positives,
            t.false_negatives,
            t.precision(),
            t.recall()
        ));
        if t.precision() < FLOOR || t.recall() < FLOOR {
            below.push(name.clone());
        }
    }
    // Shown with `cargo test --test precision -- --nocapture`; the README quotes it.
    #[allow(clippy::print_stdout)]
    {
        println!("{table}");
    }
    assert!(families.len() > 1, "the corpus covers several families");
    assert!(below.is_empty(), "below {FLOOR}: {below:?}\n{table}");
}

#[test]
fn the_tally_counts_each_kind_of_error() {
    let key = |line: usize, rule: &str| ("a.js".to_string(), line, rule.to_string());
    let expect: BTreeSet<Key> = [key(1, "secrets/x"), key(2, "secrets/x")].into();
    let actual: BTreeSet<Key> = [key(1, "secrets/x"), key(3, "secrets/y")].into();
    let t = &tally(&expect, &actual)["secrets"];
    assert_eq!(
        (t.true_positives, t.false_positives, t.false_negatives),
        (1, 1, 1)
    );
    assert!((t.precision() - 0.5).abs() < 1e-9);
    assert!((t.recall() - 0.5).abs() < 1e-9);
}
