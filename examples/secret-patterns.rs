//! Prints the regular expression of every built-in `secrets` text rule, one
//! per line, in the syntax ripgrep's default engine reads (`rg -f FILE`).
//!
//! The benchmark compares comply's secrets pass with ripgrep running the same
//! expressions over the same files (`benches/compare.sh`); taking them from the
//! loaded packs keeps the two sides identical as the pack grows.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use comply::rules::Matcher;
use comply::{load_engine, EngineOptions};

fn collect<'a>(matcher: &'a Matcher, out: &mut Vec<&'a str>) {
    match matcher {
        Matcher::Regex(regex) => out.push(regex.regex.as_str()),
        Matcher::Any(all) => all.iter().for_each(|m| collect(m, out)),
        _ => {}
    }
}

fn main() -> ExitCode {
    let engine = match load_engine(&EngineOptions::default()) {
        Ok(engine) => engine,
        Err(err) => {
            eprintln!("secret-patterns: {err}");
            return ExitCode::from(2);
        }
    };
    let mut patterns = Vec::new();
    for rule in &engine.rules.rules {
        if rule.family == "secrets" {
            collect(&rule.matcher, &mut patterns);
        }
    }
    for pattern in patterns {
        // One pattern per line: a multi-line (verbose) pattern cannot be passed to -f.
        if !pattern.contains('\n') {
            println!("{pattern}");
        }
    }
    ExitCode::SUCCESS
}
