//! How much work the keyword pre-filter lets through on a tree: for every
//! text (regex) rule, how many files its keywords let it through in, how
//! many of those its regex plan skips (no literal a match needs), searches
//! in windows around the literals or whole, the bytes searched, the files it
//! matched in and the time taken; how many files the parse gate sends to a
//! parser; and, of the JS/TS and Rust files only `log` rules want parsed, how many
//! need no parse, are parsed in pieces (and how many bytes those hold), or
//! are parsed whole because the lexer could not be sure, with the first few
//! of those named.
//!
//! ```sh
//! cargo run --release --example prefilter-stats -- /tmp/gen90 [--select secrets] [--top 30] [--plans]
//! ```
//!
//! `--plans` first times working out every regex's plan (slowest first);
//! `--no-plans` searches every candidate file whole, as before plans.
//!
//! The tests are the engine's own (`FoundWords::may_match`,
//! `RegexPlan::places`), so the figures are what a scan pays. It never
//! prints a matched text.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use comply::lang::javascript::{log_slice, JsDialect, LogSlice};
use comply::lang::rust::{rust_log_slice, RustLogSlice};
use comply::lang::Language;
use comply::rules::regex_plan::{Haystack, Places};
use comply::rules::{Matcher, RegexMatcher};
use comply::select::Selection;
use comply::source::decode;
use comply::walk::{discover, WalkOptions};
use comply::{load_engine, EngineOptions};

#[derive(Default, Clone)]
struct RuleStats {
    /// Files whose keywords let the rule's regex through.
    candidates: usize,
    /// Of those, files without any literal a match needs.
    skipped: usize,
    /// Files searched in windows around the literals, and whole.
    windowed: usize,
    whole: usize,
    /// Bytes the regex searched, and would have searched without plans.
    searched: usize,
    whole_files: usize,
    matched: usize,
    time: Duration,
}

/// What the logging slice makes of the files only `log` rules want parsed.
#[derive(Default)]
struct Slices {
    nothing: usize,
    pieces: usize,
    piece_bytes: usize,
    bytes: usize,
    whole: usize,
    bytes_whole: usize,
    examples: Vec<String>,
}

fn regexes<'a>(matcher: &'a Matcher, out: &mut Vec<&'a RegexMatcher>) {
    match matcher {
        Matcher::Regex(m) => out.push(m),
        Matcher::Any(parts) => parts.iter().for_each(|p| regexes(p, out)),
        _ => {}
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut root = None;
    let mut select = Vec::new();
    let mut top = 25;
    let mut plans = false;
    let mut no_plans = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--select" => select.extend(args.next()),
            "--top" => top = args.next().and_then(|n| n.parse().ok()).unwrap_or(top),
            "--plans" => plans = true,
            "--no-plans" => no_plans = true,
            _ => root = Some(PathBuf::from(arg)),
        }
    }
    let Some(root) = root else {
        eprintln!("usage: prefilter-stats DIR [--select FAMILY] [--top N]");
        return ExitCode::from(2);
    };
    let options = EngineOptions {
        selection: Selection {
            select,
            ..Selection::default()
        },
        ..EngineOptions::default()
    };
    let engine = match load_engine(&options) {
        Ok(engine) => engine,
        Err(err) => {
            eprintln!("prefilter-stats: {err}");
            return ExitCode::from(2);
        }
    };
    let rules = &engine.rules;
    rules.prefilter().prepare_for_many_files();
    if plans {
        let mut times = Vec::new();
        for rule in &rules.rules {
            let mut list = Vec::new();
            regexes(&rule.matcher, &mut list);
            for m in list {
                let start = Instant::now();
                let plan = comply::rules::regex_plan::RegexPlan::new(m.regex.as_str());
                times.push((
                    start.elapsed(),
                    rule.id.to_string(),
                    plan.literals().map(|l| l.len()),
                ));
            }
        }
        times.sort();
        let total: Duration = times.iter().map(|t| t.0).sum();
        println!("plans: {} in {:?}", times.len(), total);
        for t in times.iter().rev().take(10) {
            println!("  {:?} {} {:?}", t.0, t.1, t.2);
        }
    }
    let discovery = match discover(&[root], &WalkOptions::default()) {
        Ok(d) => d,
        Err((path, err)) => {
            eprintln!("prefilter-stats: {}: {err}", path.display());
            return ExitCode::from(2);
        }
    };
    let mut per_rule = vec![RuleStats::default(); rules.rules.len()];
    let (mut files, mut bytes, mut parsed) = (0usize, 0usize, 0usize);
    let mut prefilter_time = Duration::ZERO;
    let (mut js_slices, mut rust_slices) = (Slices::default(), Slices::default());
    for candidate in discovery.files.iter() {
        let Ok(raw) = std::fs::read(candidate.path) else {
            continue;
        };
        let Some(decoded) = decode(raw) else {
            continue;
        };
        let text = decoded.text;
        let language = Language::detect(candidate.path, text.lines().next().unwrap_or(""));
        files += 1;
        bytes += text.len();
        let start = Instant::now();
        let found = rules.prefilter().scan(&text);
        let haystack = Haystack::new(&text);
        prefilter_time += start.elapsed();
        let need = rules.prefilter().parse_need(language, &found);
        if need.any() {
            parsed += 1;
        }
        if let (true, Some(words)) = (need.logs_only, rules.prefilter().log_words(language)) {
            // Pieces and their bytes, or `None` when the slicer gave up.
            let (slices, outcome) = match language.js_dialect() {
                Some(dialect) => (
                    &mut js_slices,
                    log_slice(&text, words, dialect != JsDialect::JavaScript).map(|s| match s {
                        LogSlice::Nothing => (0, 0),
                        LogSlice::Pieces(p) => (p.len(), p.iter().map(|r| r.len()).sum()),
                    }),
                ),
                None => (
                    &mut rust_slices,
                    rust_log_slice(&text, words).map(|s| match s {
                        RustLogSlice::Nothing => (0, 0),
                        RustLogSlice::Masked(m) => {
                            (1, m.bytes().filter(|b| !b.is_ascii_whitespace()).count())
                        }
                    }),
                ),
            };
            match outcome {
                Some((0, _)) => slices.nothing += 1,
                Some((_, piece_bytes)) => {
                    slices.pieces += 1;
                    slices.piece_bytes += piece_bytes;
                    slices.bytes += text.len();
                }
                None => {
                    slices.whole += 1;
                    slices.bytes_whole += text.len();
                    if slices.examples.len() < 5 {
                        slices.examples.push(candidate.path.display().to_string());
                    }
                }
            }
        }
        for (index, rule) in rules.rules.iter().enumerate() {
            if !rule.applies_to(language) {
                continue;
            }
            let mut list = Vec::new();
            regexes(&rule.matcher, &mut list);
            for m in list {
                if !found.may_match(m) {
                    continue;
                }
                let stats = &mut per_rule[index];
                stats.candidates += 1;
                stats.whole_files += text.len();
                let start = Instant::now();
                let places = if no_plans {
                    Places::Everywhere
                } else {
                    m.plan().places(&haystack)
                };
                let hit = match places {
                    Places::Nowhere => {
                        stats.skipped += 1;
                        false
                    }
                    Places::Everywhere => {
                        stats.whole += 1;
                        stats.searched += text.len();
                        m.regex.is_match(&text)
                    }
                    Places::Windows(windows) => {
                        stats.windowed += 1;
                        windows.iter().any(|w| {
                            stats.searched += w.len();
                            m.regex.find_at(&text[..w.end], w.start).is_some()
                        })
                    }
                };
                stats.time += start.elapsed();
                stats.matched += usize::from(hit);
            }
        }
    }
    let total = |f: fn(&RuleStats) -> usize| per_rule.iter().map(f).sum::<usize>();
    let pairs = total(|s| s.candidates);
    let matched = total(|s| s.matched);
    let regex_time: Duration = per_rule.iter().map(|s| s.time).sum();
    println!(
        "{files} files, {:.1} MB; parse gate passed {parsed}; pre-filter {:.2} s",
        bytes as f64 / 1e6,
        prefilter_time.as_secs_f64()
    );
    println!(
        "(file, regex rule) pairs past the keywords {pairs}: no literal {}, windows {}, whole {}; \
         regex searched {:.1} MB (whole files: {:.1} MB), matched in {matched}; time {:.2} s",
        total(|s| s.skipped),
        total(|s| s.windowed),
        total(|s| s.whole),
        total(|s| s.searched) as f64 / 1e6,
        total(|s| s.whole_files) as f64 / 1e6,
        regex_time.as_secs_f64()
    );
    for (what, slices) in [("JS/TS", &js_slices), ("Rust", &rust_slices)] {
        println!(
            "{what} files only `log` rules want parsed: no parse {}, in pieces {} ({:.1} of \
             {:.1} MB), whole {} ({:.1} MB) e.g. {:?}",
            slices.nothing,
            slices.pieces,
            slices.piece_bytes as f64 / 1e6,
            slices.bytes as f64 / 1e6,
            slices.whole,
            slices.bytes_whole as f64 / 1e6,
            slices.examples
        );
    }
    let mut order: Vec<usize> = (0..per_rule.len()).collect();
    order.sort_by(|&a, &b| per_rule[b].time.cmp(&per_rule[a].time));
    println!(
        "{:>7} {:>7} {:>7} {:>7} {:>9} {:>7} {:>8}  rule (by time)",
        "cands", "skipped", "windows", "whole", "MB", "matched", "ms"
    );
    for &i in order.iter().take(top) {
        let s = &per_rule[i];
        if s.candidates == 0 {
            break;
        }
        println!(
            "{:>7} {:>7} {:>7} {:>7} {:>9.2} {:>7} {:>8.1}  {}",
            s.candidates,
            s.skipped,
            s.windowed,
            s.whole,
            s.searched as f64 / 1e6,
            s.matched,
            s.time.as_secs_f64() * 1e3,
            rules.rules[i].id
        );
    }
    ExitCode::SUCCESS
}
