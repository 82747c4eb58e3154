//! The whole per-file pipeline with the built-in rules: decoding, language
//! detection, pre-filter, parse, matching and findings (redaction included).
//! The first byte picks the file name, so every front end is reached.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use comply::analyze::analyze_bytes;
use comply::builtin;
use comply::rules::catalog::{ControlCatalog, Policy};
use comply::rules::load::{compile_rule_set, PackSource};
use comply::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 12] = [
    "app.js", "app.ts", "app.tsx", "main.rs", "deploy.yaml", "package.json", "Cargo.toml",
    ".env", "notes.txt", "bin/serve", "app.mjs", "values.yml",
];

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let catalog = ControlCatalog::parse("builtin:controls.yaml", builtin::CONTROLS)
            .expect("the built-in catalog loads");
        let policy = Policy::parse("builtin:policy.yaml", builtin::POLICY)
            .expect("the built-in policy loads");
        let packs: Vec<PackSource> = builtin::PACKS
            .iter()
            .map(|(name, text)| PackSource {
                origin: format!("builtin:{name}"),
                builtin: true,
                text: text.to_string(),
            })
            .collect();
        compile_rule_set(&packs, catalog, policy).expect("the built-in packs load")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, content)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let _ = analyze_bytes(name, Path::new(name), content.to_vec(), rules(), None);
});
