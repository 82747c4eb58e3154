//! Arbitrary text (NUL bytes included) through the dotenv front
//! end's fact extraction: it must never panic, hang or overflow the stack.
#![no_main]

use comply::lang::Language;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = comply::lang::parse(Language::Dotenv, &text);
});
