//! Converts the built-in rule packs from YAML to JSON at build time.
//!
//! Parsing the packs' ~430 KB of YAML cost every run about 20 ms of CPU,
//! more than a pre-commit scan of a few files; the same data as JSON parses
//! in a fraction of that. The YAML stays the source: it is what people edit,
//! what `--version` and the evidence hash, and what a pack given with
//! `--rules` is. A pack that does not convert (invalid YAML) gets an empty
//! file, and the loader falls back to the YAML, which reports the error at
//! its line. `rules::load` tests that both forms give the same rules.
#![allow(clippy::print_stdout)]

use std::path::Path;
use std::{env, fs};

fn main() {
    let out = env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=rules");
    let mut names: Vec<String> = fs::read_dir("rules")
        .expect("the rules folder")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml"))
        .collect();
    names.sort();
    for name in names {
        let source = Path::new("rules").join(&name);
        println!("cargo:rerun-if-changed={}", source.display());
        let text = fs::read_to_string(&source).expect("a readable pack");
        // Only YAML 1.2 booleans: `property: N` is a string to the typed
        // loader, and must stay one here where no type says so.
        let mut options = serde_saphyr::Options::default();
        options.strict_booleans = true;
        let json = serde_saphyr::from_str_with_options::<serde_json::Value>(&text, options)
            .ok()
            .and_then(|value| serde_json::to_string(&value).ok())
            .unwrap_or_default();
        let target = Path::new(&out).join(name.replace(".yaml", ".json"));
        fs::write(&target, json).expect("OUT_DIR is writable");
    }
}
