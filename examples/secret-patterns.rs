//! Prints the regular expression of every built-in `secrets` text rule, one
//! per line, in the syntax ripgrep's default engine reads (`rg -U -f FILE`:
//! some patterns span lines). ripgrep joins the lines into one alternation,
//! so group names, which would repeat, are dropped, and `\'` (which its
//! older regex syntax refuses) is written `'`.
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

/// `pattern` without group names and with `\'` unescaped.
fn for_ripgrep(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(at) = rest.find(['(', '\\']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("(?P<") {
            let name_end = after.find('>').map_or(0, |end| end + 1);
            out.push('(');
            rest = &after[name_end..];
        } else if let Some(after) = rest.strip_prefix("\\'") {
            out.push('\'');
            rest = after;
        } else {
            let len = if rest.starts_with('\\') { 2 } else { 1 };
            let len = len.min(rest.len());
            out.push_str(&rest[..len]);
            rest = &rest[len..];
        }
    }
    out.push_str(rest);
    out
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
            println!("{}", for_ripgrep(pattern));
        }
    }
    ExitCode::SUCCESS
}
