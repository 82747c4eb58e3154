//! Arbitrary text as a user rule pack, loaded next to the built-in catalog
//! and policy: a bad pack is an error value, never a panic or a hang.
#![no_main]

use comply::builtin;
use comply::rules::catalog::{ControlCatalog, Policy};
use comply::rules::load::{compile_rule_set, PackSource};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let catalog = ControlCatalog::parse("builtin:controls.yaml", builtin::CONTROLS)
        .expect("the built-in catalog loads");
    let policy =
        Policy::parse("builtin:policy.yaml", builtin::POLICY).expect("the built-in policy loads");
    let pack = PackSource {
        origin: "fuzz.yaml".into(),
        builtin: false,
        text: String::from_utf8_lossy(data).into_owned(),
    };
    let _ = compile_rule_set(&[pack], catalog, policy);
});
