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

/// Built-in queries are compiled lazily at scan time, so this is where a
/// broken one must fail: every query, for every dialect its rule covers.
#[test]
fn every_builtin_query_compiles_for_every_dialect() {
    use comply::rules::Matcher;
    fn check(id: &str, matcher: &Matcher, count: &mut usize) {
        match matcher {
            Matcher::Query(q) => {
                *count += 1;
                if let Err((dialect, message)) = q.compile_all() {
                    panic!("{id}: query does not compile for {dialect:?}: {message}");
                }
            }
            Matcher::Any(parts) => parts.iter().for_each(|p| check(id, p, count)),
            _ => {}
        }
    }
    let engine = load_engine(&EngineOptions::default()).expect("built-in packs load");
    let mut count = 0;
    for rule in &engine.rules.rules {
        check(rule.id.as_str(), &rule.matcher, &mut count);
    }
    assert!(count >= 2, "the built-in packs use the query matcher");
}
