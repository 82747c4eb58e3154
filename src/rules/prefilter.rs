//! The cheap pass that decides which rules could match a file before any
//! regex runs or any parser starts: one Aho-Corasick scan for every keyword of
//! every rule (regex and query keywords, the literal segments of callee and
//! key globs).
//!
//! A file whose text cannot satisfy any structural rule of its language is
//! never parsed. This module only answers "could it match"; matching is
//! `matcher`'s.

use std::collections::BTreeSet;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::glob::PathGlob;
use super::{Matcher, Rule};
use crate::lang::{Language, ALL_LANGUAGES};

/// Sets of lower-case words; a file passes when every word of at least one
/// set occurs in it. An empty set always passes.
type Alternatives = Vec<BTreeSet<String>>;

/// Keyword automaton plus, per language, what makes parsing worthwhile.
#[derive(Debug)]
pub struct Prefilter {
    words: Vec<String>,
    automaton: Option<AhoCorasick>,
    gates: Vec<(Language, Alternatives)>,
}

/// The keywords found in one file (lower-case).
#[derive(Debug, Default)]
pub struct FoundWords(BTreeSet<String>);

impl FoundWords {
    /// Whether any of `keywords` was found; an empty list always passes.
    pub fn any_of(&self, keywords: &[String]) -> bool {
        keywords.is_empty() || keywords.iter().any(|k| self.0.contains(k))
    }

    fn all_of(&self, words: &BTreeSet<String>) -> bool {
        words.iter().all(|w| self.0.contains(w))
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
        self.gates
            .iter()
            .find(|(l, _)| *l == language)
            .is_some_and(|(_, alternatives)| alternatives.iter().any(|set| found.all_of(set)))
    }
}

fn collect_words(matcher: &Matcher, out: &mut BTreeSet<String>) {
    match matcher {
        Matcher::Regex(r) => out.extend(r.keywords.iter().cloned()),
        Matcher::Any(parts) => parts.iter().for_each(|p| collect_words(p, out)),
        structural => {
            for set in alternatives(structural, None) {
                out.extend(set);
            }
        }
    }
}

fn glob_alternatives(globs: &[PathGlob]) -> Alternatives {
    globs
        .iter()
        .map(|g| g.literal_words().iter().map(|w| w.to_lowercase()).collect())
        .collect()
}

/// The word sets one of which must be present for a structural matcher to
/// match anything in a file of `language` (an empty set: it can match any
/// file). Config matchers only ever see configuration files and code
/// matchers only code, so a key glob with no literal word does not make
/// every source file worth parsing.
fn alternatives(matcher: &Matcher, language: Option<Language>) -> Alternatives {
    let config = language.map(Language::is_config);
    match matcher {
        Matcher::Regex(_) => Vec::new(),
        Matcher::Config(_) if config == Some(false) => Vec::new(),
        Matcher::Call(_)
        | Matcher::Chain(_)
        | Matcher::Assign(_)
        | Matcher::Query(_)
        | Matcher::Log(_)
            if config == Some(true) =>
        {
            Vec::new()
        }
        Matcher::Call(c) => glob_alternatives(&c.callees),
        Matcher::Config(c) => glob_alternatives(&c.keys),
        Matcher::Chain(c) => glob_alternatives(&c.roots),
        Matcher::Assign(a) => glob_alternatives(&a.targets),
        Matcher::Query(q) if q.keywords.is_empty() => vec![BTreeSet::new()],
        Matcher::Query(q) => q
            .keywords
            .iter()
            .map(|k| BTreeSet::from([k.clone()]))
            .collect(),
        Matcher::Log(l) => l.alternatives(),
        Matcher::Route(r) if r.keywords.is_empty() => vec![BTreeSet::new()],
        Matcher::Route(r) => r
            .keywords
            .iter()
            .map(|k| BTreeSet::from([k.clone()]))
            .collect(),
        Matcher::Any(parts) => parts
            .iter()
            .flat_map(|p| alternatives(p, language))
            .collect(),
    }
}

/// Everything that can make a file of `language` worth parsing; no
/// alternatives means no structural rule applies, so it is never parsed.
fn parse_gate(rules: &[Rule], language: Language) -> Alternatives {
    rules
        .iter()
        .filter(|r| r.applies_to(language))
        .flat_map(|r| alternatives(&r.matcher, Some(language)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::rules::catalog::{ControlCatalog, Policy};
    use crate::rules::load::{compile_rule_set, PackSource};

    fn builtin_rules() -> crate::rules::RuleSet {
        let packs: Vec<PackSource> = builtin::PACKS
            .iter()
            .map(|(name, text)| PackSource {
                origin: name.to_string(),
                builtin: true,
                text: text.to_string(),
            })
            .collect();
        let catalog = ControlCatalog::parse("controls", builtin::CONTROLS).unwrap();
        let policy = Policy::parse("policy", builtin::POLICY).unwrap();
        compile_rule_set(&packs, catalog, policy).unwrap()
    }

    #[test]
    fn a_callee_needs_all_its_words_to_be_worth_parsing() {
        let set = builtin_rules();
        let pf = &set.prefilter;
        let parse = |lang, text: &str| pf.should_parse(lang, &pf.scan(text));
        // `hash` alone is everywhere in Rust code; `bcrypt` must be there too.
        assert!(!parse(
            Language::Rust,
            "fn hash(&self) { self.map.hash(state) }"
        ));
        assert!(parse(
            Language::Rust,
            "use bcrypt::hash; fn f() { hash(p, 4); }"
        ));
        assert!(parse(
            Language::JavaScript,
            "const b = require('bcryptjs'); b.hash(p, 4)"
        ));
        assert!(parse(
            Language::Rust,
            "builder.danger_accept_invalid_certs(true)"
        ));
        assert!(
            !parse(Language::Text, "bcrypt.hash(p, 4)"),
            "no structural rule for text"
        );
        assert!(parse(Language::Dotenv, "NODE_TLS_REJECT_UNAUTHORIZED=0"));
        // Config key globs without a literal word (`**.*url`) make every
        // configuration file worth parsing, but never a source file.
        assert!(parse(Language::Dotenv, "PORT=3000"));
        assert!(!parse(Language::Rust, "fn port() -> u16 { 3000 }"));
    }

    #[test]
    fn regex_keywords_are_found_case_insensitively() {
        let set = builtin_rules();
        let found = set.prefilter.scan("key = akia7klfyylbeg3rhdsv");
        assert!(found.any_of(&["akia".to_string()]));
        assert!(!found.any_of(&["private key".to_string()]));
    }
}
