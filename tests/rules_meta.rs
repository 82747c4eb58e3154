//! Every built-in rule carries what users and auditors read: a title, a
//! message, a fix, documentation (why, example), references, controls from the
//! catalog and a CWE. Corpus coverage of each rule is checked in `corpus.rs`.

use comply::{load_engine, EngineOptions};

#[test]
fn every_rule_is_documented_and_mapped() {
    let engine = load_engine(&EngineOptions::default()).expect("built-in packs load");
    assert!(!engine.rules.rules.is_empty());
    for rule in &engine.rules.rules {
        let id = rule.id.as_str();
        assert!(!rule.title.trim().is_empty(), "{id}: title");
        assert!(!rule.message.trim().is_empty(), "{id}: message");
        assert!(rule.fix.trim().len() > 20, "{id}: fix says how");
        assert!(
            rule.docs.why.trim().len() > 40,
            "{id}: docs.why says why it matters"
        );
        assert!(!rule.docs.example.trim().is_empty(), "{id}: docs.example");
        assert!(!rule.references.is_empty(), "{id}: references");
        assert!(
            rule.references.iter().all(|r| r.starts_with("https://")),
            "{id}: references are links"
        );
        assert!(!rule.cwe.is_empty(), "{id}: cwe");
        assert!(!rule.controls.is_empty(), "{id}: controls");
        for control in &rule.controls {
            assert!(
                engine.rules.catalog.get(control).is_some(),
                "{id}: control {control} in catalog"
            );
        }
        assert!(rule.origin.starts_with("builtin:"), "{id}: built-in origin");
        assert!(
            !rule.message.contains("${policy."),
            "{id}: policy references are filled"
        );
    }
}

#[test]
fn critical_controls_of_the_first_slice_stay_covered() {
    // The critical controls the built-in rules cover today; dropping a
    // mapping by accident would silently weaken the evidence of a later run.
    let engine = load_engine(&EngineOptions::default()).expect("built-in packs load");
    let covered: std::collections::BTreeSet<&str> = engine
        .rules
        .rules
        .iter()
        .flat_map(|r| r.controls.iter().map(String::as_str))
        .collect();
    for control in [
        "SOC2 CC6.1",
        "SOC2 CC6.7",
        "GDPR Art. 32(1)(a)",
        "GDPR Art. 32(1)(b)",
    ] {
        assert!(covered.contains(control), "{control} has a covering rule");
    }
}
