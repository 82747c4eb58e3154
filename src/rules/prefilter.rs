//! The cheap pass that decides which rules could match a file before any
//! regex runs or any parser starts: one Aho-Corasick scan for every keyword of
//! every rule (regex keywords, query keywords, the literal last segment of
//! callee and key globs).
//!
//! A file whose text holds none of a language's structural words is never
//! parsed. This module only answers "could it match"; matching is `matcher`'s.

use std::collections::BTreeSet;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{Matcher, Rule};
use crate::lang::{Language, ALL_LANGUAGES};

/// Whether a language's files need parsing.
#[derive(Debug, Clone)]
enum ParseGate {
    /// No structural rule applies to the language.
    Never,
    /// Some applicable rule has no literal word: always parse.
    Always,
    /// Parse when one of these (lower-case) words occurs.
    Words(BTreeSet<String>),
}

/// Keyword automaton plus, per language, whether parsing can pay off.
#[derive(Debug)]
pub struct Prefilter {
    words: Vec<String>,
    automaton: Option<AhoCorasick>,
    gates: Vec<(Language, ParseGate)>,
}

/// The keywords found in one file (lower-case).
#[derive(Debug, Default)]
pub struct FoundWords(BTreeSet<String>);

impl FoundWords {
    /// Whether any of `keywords` was found; an empty list always passes.
    pub fn any_of(&self, keywords: &[String]) -> bool {
        keywords.is_empty() || keywords.iter().any(|k| self.0.contains(k))
    }
}

impl Prefilter {
    /// Builds the automaton and parse gates for a rule list.
    pub fn build(rules: &[Rule]) -> Prefilter {
        let mut words = BTreeSet::new();
        for rule in rules {
            collect_words(&rule.matcher, &mut words);
        }
        let words: Vec<String> = words.into_iter().collect();
        let automaton = (!words.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&words)
                .expect("keywords are plain strings, so the automaton always builds")
        });
        let gates = ALL_LANGUAGES
            .iter()
            .map(|&lang| (lang, parse_gate(rules, lang)))
            .collect();
        Prefilter {
            words,
            automaton,
            gates,
        }
    }

    /// Every keyword occurring in `text`.
    pub fn scan(&self, text: &str) -> FoundWords {
        let mut seen = vec![false; self.words.len()];
        let mut missing = self.words.len();
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                let slot = &mut seen[m.pattern().as_usize()];
                if !*slot {
                    *slot = true;
                    missing -= 1;
                    if missing == 0 {
                        break;
                    }
                }
            }
        }
        FoundWords(
            self.words
                .iter()
                .zip(seen)
                .filter(|(_, seen)| *seen)
                .map(|(word, _)| word.clone())
                .collect(),
        )
    }

    /// Whether a file of `language` with these words is worth parsing.
    pub fn should_parse(&self, language: Language, found: &FoundWords) -> bool {
        match self.gates.iter().find(|(l, _)| *l == language) {
            Some((_, ParseGate::Always)) => true,
            Some((_, ParseGate::Words(words))) => words.iter().any(|w| found.0.contains(w)),
            _ => false,
        }
    }
}

fn collect_words(matcher: &Matcher, out: &mut BTreeSet<String>) {
    match matcher {
        Matcher::Regex(r) => out.extend(r.keywords.iter().cloned()),
        Matcher::Query(q) => out.extend(q.keywords.iter().cloned()),
        Matcher::Any(parts) => parts.iter().for_each(|p| collect_words(p, out)),
        _ => {
            if let Some(words) = structural_words(matcher) {
                out.extend(words);
            }
        }
    }
}

/// The words one of which must occur for a structural matcher to match;
/// `None` when it has no such word (it must always run).
fn structural_words(matcher: &Matcher) -> Option<BTreeSet<String>> {
    let tails = |globs: &[super::glob::PathGlob]| -> Option<BTreeSet<String>> {
        globs
            .iter()
            .map(|g| g.literal_tail().map(str::to_lowercase))
            .collect()
    };
    match matcher {
        Matcher::Regex(_) => Some(BTreeSet::new()),
        Matcher::Call(c) => tails(&c.callees),
        Matcher::Config(c) => tails(&c.keys),
        Matcher::Query(q) => (!q.keywords.is_empty()).then(|| q.keywords.iter().cloned().collect()),
        Matcher::Any(parts) => {
            let mut all = BTreeSet::new();
            for part in parts.iter().filter(|p| p.is_structural()) {
                all.extend(structural_words(part)?);
            }
            Some(all)
        }
    }
}

fn parse_gate(rules: &[Rule], language: Language) -> ParseGate {
    let mut words = BTreeSet::new();
    let mut any = false;
    for rule in rules
        .iter()
        .filter(|r| r.applies_to(language) && r.matcher.is_structural())
    {
        any = true;
        match structural_words(&rule.matcher) {
            Some(w) => words.extend(w),
            None => return ParseGate::Always,
        }
    }
    if any {
        ParseGate::Words(words)
    } else {
        ParseGate::Never
    }
}
