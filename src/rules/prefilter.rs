//! The cheap pass that decides which rules could match a file before any
//! regex runs or any parser starts: one Aho-Corasick scan for every keyword of
//! every rule (regex and query keywords, the literal segments of callee and
//! key globs).
//!
//! A file whose text cannot satisfy any structural rule of its language is
//! never parsed (what each matcher needs in the text is `parse_gate`'s to
//! say). This module only answers "could it match"; matching is
//! `matcher`'s.

mod parse_gate;
mod route_words;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::{Matcher, RegexMatcher, Rule};
use crate::lang::{ArgumentJudge, LogWords};
use crate::lang::{Language, ALL_LANGUAGES};
use parse_gate::{requirements, RawRequirement};
use route_words::RouteWords;

/// A word's place in the pre-filter's sorted word list.
type WordId = u32;

/// What makes a file worth parsing for one matcher: each part needs every
/// word of one of its sets (a part holding an empty set is always met).
/// Kept as parts rather than multiplied out: a `log` matcher's loggers times
/// its sensitive names is thousands of sets.
#[derive(Debug)]
struct Requirement(Vec<Vec<Box<[WordId]>>>);

impl Requirement {
    fn holds(&self, found: &[bool]) -> bool {
        self.0.iter().all(|part| {
            part.iter()
                .any(|set| set.iter().all(|&w| found[w as usize]))
        })
    }
}

/// Keyword automaton plus, per language, what makes parsing worthwhile.
#[derive(Debug)]
pub struct Prefilter {
    vocabulary: Arc<Vocabulary>,
    /// Quick to build, slower per byte: for scans of a few files.
    automaton: Option<AhoCorasick>,
    /// Slower to build (tens of milliseconds), about three times faster per
    /// byte: built for scans of many files ([`Prefilter::prepare_for_many_files`]).
    fast: OnceLock<AhoCorasick>,
    requirements: Vec<Requirement>,
    /// Per language, the requirements (indices) of the rules that apply to
    /// it, but for the rules only the project pass matches.
    gates: Vec<(Language, Vec<usize>)>,
    /// The same for the rules only the project pass matches (`route`).
    project_gates: Vec<(Language, Vec<usize>)>,
    /// The words a route must hold somewhere in its path to be reported.
    route_words: RouteWords,
    /// Per requirement, whether it is a `log` rule's.
    of_log_rule: Vec<bool>,
    /// What the JS/TS `log` rules look for, when every one of them names
    /// its callees and factories by literal words.
    log_words: Option<LogWords>,
    /// The same for the Rust `log` rules.
    rust_log_words: Option<LogWords>,
}

/// Why a file is worth parsing, if it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ParseNeed {
    /// Some rule matched file by file may match in it.
    pub rules: bool,
    /// Some rule of the project pass may find routes in it.
    pub project: bool,
    /// Every rule of `rules` that may match is a `log` rule, so the file
    /// need only be parsed where it logs ([`Prefilter::log_words`]).
    pub logs_only: bool,
}

impl ParseNeed {
    /// Whether anything wants the file parsed.
    pub fn any(self) -> bool {
        self.rules || self.project
    }
}

/// The words looked for, and which of them gate each regex matcher.
#[derive(Debug)]
struct Vocabulary {
    /// Sorted, lower-case.
    words: Vec<String>,
    /// Each word's id: matchers look their words up in every parsed file,
    /// thousands of times in a large tree, and a hash beats a binary search
    /// over a thousand strings.
    ids: HashMap<String, WordId, foldhash::fast::FixedState>,
    /// By regex matcher slot, the ids of its keywords (empty: always runs).
    regex_keywords: Vec<Box<[WordId]>>,
}

/// The keywords found in one file (lower-case).
#[derive(Debug)]
pub struct FoundWords {
    vocabulary: Arc<Vocabulary>,
    found: Vec<bool>,
}

impl FoundWords {
    /// Whether any of `keywords` was found; an empty list always passes.
    pub fn any_of(&self, keywords: &[String]) -> bool {
        keywords.is_empty() || keywords.iter().any(|k| self.contains(k))
    }

    /// Whether a regex matcher's keywords let it run on the file.
    pub fn may_match(&self, m: &RegexMatcher) -> bool {
        match self.vocabulary.regex_keywords.get(m.slot) {
            Some(ids) => ids.is_empty() || ids.iter().any(|&w| self.found[w as usize]),
            // A matcher of another rule set: look its words up.
            None => self.any_of(&m.keywords),
        }
    }

    fn contains(&self, word: &str) -> bool {
        self.vocabulary
            .ids
            .get(word)
            .is_some_and(|&at| self.found[at as usize])
    }
}

impl Prefilter {
    /// Builds the automaton and parse gates for a rule list.
    pub fn build(rules: &[Rule]) -> Prefilter {
        // Per rule, its requirements in configuration files and in code.
        let raw: Vec<[Vec<RawRequirement>; 2]> = rules
            .iter()
            .map(|r| {
                [
                    requirements(&r.matcher, Language::Yaml),
                    requirements(&r.matcher, Language::Rust),
                ]
            })
            .collect();
        let mut words = BTreeSet::new();
        for rule in rules {
            collect_regex_words(&rule.matcher, &mut words);
        }
        for part in raw.iter().flatten().flatten().flatten() {
            words.extend(part.iter().flatten().cloned());
        }
        let words: Vec<String> = words.into_iter().collect();
        let id = |w: &String| -> WordId {
            let at = words
                .binary_search(w)
                .expect("every word of a requirement was collected");
            WordId::try_from(at).expect("fewer than 2^32 keywords")
        };
        let mut requirements = Vec::new();
        let mut of_log_rule = Vec::new();
        // Per rule and flavour, the range of its requirements.
        let ranges: Vec<[std::ops::Range<usize>; 2]> = raw
            .iter()
            .zip(rules)
            .map(|(flavours, rule)| {
                flavours.each_ref().map(|reqs| {
                    let first = requirements.len();
                    let log = matches!(rule.matcher, Matcher::Log(_));
                    of_log_rule.extend(reqs.iter().map(|_| log));
                    for req in reqs {
                        let parts = req
                            .iter()
                            .map(|part| {
                                part.iter()
                                    .map(|set| set.iter().map(id).collect())
                                    .collect()
                            })
                            .collect();
                        requirements.push(Requirement(parts));
                    }
                    first..requirements.len()
                })
            })
            .collect();
        let gates_where = |project: bool| -> Vec<(Language, Vec<usize>)> {
            ALL_LANGUAGES
                .iter()
                .map(|&lang| {
                    let flavour = usize::from(!lang.is_config());
                    let gate = rules
                        .iter()
                        .zip(&ranges)
                        .filter(|(r, _)| r.applies_to(lang) && is_project_only(r) == project)
                        .flat_map(|(_, range)| range[flavour].clone())
                        .collect();
                    (lang, gate)
                })
                .collect()
        };
        let gates = gates_where(false);
        let project_gates = gates_where(true);
        let automaton = (!words.is_empty()).then(|| automaton(&words, None));
        let mut regex_keywords = Vec::new();
        for rule in rules {
            regex_keyword_ids(&rule.matcher, &words, &mut regex_keywords);
        }
        Prefilter {
            vocabulary: Arc::new(Vocabulary {
                ids: words
                    .iter()
                    .enumerate()
                    .map(|(at, w)| {
                        (
                            w.clone(),
                            WordId::try_from(at).expect("fewer than 2^32 keywords"),
                        )
                    })
                    .collect(),
                words,
                regex_keywords,
            }),
            automaton,
            fast: OnceLock::new(),
            requirements,
            gates,
            project_gates,
            route_words: RouteWords::of(rules),
            of_log_rule,
            log_words: log_words(
                rules,
                &[Language::JavaScript, Language::TypeScript, Language::Tsx],
            ),
            rust_log_words: log_words(rules, &[Language::Rust]),
        }
    }

    /// Builds the faster automaton, for a scan of many files: its build
    /// time is paid back within a few megabytes of text. Both find the same
    /// words, so findings do not depend on which one ran.
    pub fn prepare_for_many_files(&self) {
        if !self.vocabulary.words.is_empty() {
            self.fast
                .get_or_init(|| automaton(&self.vocabulary.words, Some(AhoCorasickKind::DFA)));
        }
    }

    /// Every keyword occurring in `text`.
    pub fn scan(&self, text: &str) -> FoundWords {
        let mut found = vec![false; self.vocabulary.words.len()];
        let mut missing = found.len();
        if let Some(ac) = self.fast.get().or(self.automaton.as_ref()) {
            for m in ac.find_overlapping_iter(text) {
                let slot = &mut found[m.pattern().as_usize()];
                if !*slot {
                    *slot = true;
                    missing -= 1;
                    if missing == 0 {
                        break;
                    }
                }
            }
        }
        FoundWords {
            vocabulary: Arc::clone(&self.vocabulary),
            found,
        }
    }

    /// Whether a file of `language` with these words is worth parsing.
    pub fn should_parse(&self, language: Language, found: &FoundWords) -> bool {
        self.parse_need(language, found).any()
    }

    /// Whether a `route` rule applies to files of `language`.
    pub fn has_project_rules(&self, language: Language) -> bool {
        self.project_gates
            .iter()
            .any(|(l, gate)| *l == language && !gate.is_empty())
    }

    /// Whether a piece of a route path (a string literal) holds the first
    /// word of a path some `route` rule reports, split into words as
    /// routes are.
    pub fn names_route_word(&self, piece: &str) -> bool {
        self.route_words.named_in(piece)
    }

    /// Which rules may want a file of `language` with these words parsed:
    /// the project pass's apart, since it can put off parsing a file until
    /// it knows the file's package may hold a finding.
    pub fn parse_need(&self, language: Language, found: &FoundWords) -> ParseNeed {
        let holds = |gates: &[(Language, Vec<usize>)]| {
            gates
                .iter()
                .find(|(l, _)| *l == language)
                .is_some_and(|(_, gate)| {
                    gate.iter()
                        .any(|&i| self.requirements[i].holds(&found.found))
                })
        };
        let rule_gate = self.gates.iter().find(|(l, _)| *l == language);
        let holding = || {
            rule_gate
                .into_iter()
                .flat_map(|(_, gate)| gate.iter())
                .filter(|&&i| self.requirements[i].holds(&found.found))
        };
        let rules = holding().next().is_some();
        ParseNeed {
            rules,
            project: holds(&self.project_gates),
            logs_only: rules && holding().all(|&i| self.of_log_rule[i]),
        }
    }

    /// What the `log` rules for `language` look for, to parse only the
    /// pieces of a file they read (see `lang::parse_for_logs`); `None` for a
    /// language without a slicer, or when some `log` rule's callees or
    /// factories have no literal word.
    pub fn log_words(&self, language: Language) -> Option<&LogWords> {
        match language {
            Language::Rust => self.rust_log_words.as_ref(),
            l if l.js_dialect().is_some() => self.log_words.as_ref(),
            _ => None,
        }
    }
}

/// What the `log` rules for any of `languages` look for, merged.
fn log_words(rules: &[Rule], languages: &[Language]) -> Option<LogWords> {
    let mut sensitive = Vec::new();
    let (mut callees, mut factories) = (Vec::new(), Vec::new());
    let mut judges = Vec::new();
    let mut transparent = HashSet::new();
    let mut openers = Some(HashSet::new());
    let mut object_ends = Some(HashSet::new());
    for rule in rules {
        let Matcher::Log(m) = &rule.matcher else {
            continue;
        };
        if !languages.iter().any(|&l| rule.applies_to(l)) {
            continue;
        }
        let words = m.slice_words()?;
        sensitive.extend(words.sensitive);
        callees.extend(words.callees);
        factories.extend(words.factories);
        judges.push(words.sensitive_name);
        transparent.extend(words.transparent);
        merge(&mut openers, words.openers);
        merge(&mut object_ends, words.object_ends);
    }
    let judge = ArgumentJudge {
        sensitive_name: Box::new(move |name| judges.iter().any(|judge| judge(name))),
        transparent,
        openers,
        object_ends,
    };
    Some(LogWords::new(&sensitive, callees, factories, judge))
}

/// Adds `more` to `all`; `None` (anything goes) on either side wins.
fn merge(all: &mut Option<HashSet<String>>, more: Option<Vec<String>>) {
    match (all.as_mut(), more) {
        (Some(set), Some(more)) => set.extend(more),
        _ => *all = None,
    }
}

/// Whether only the project pass matches the rule (its matcher is `route`).
fn is_project_only(rule: &Rule) -> bool {
    matches!(rule.matcher, Matcher::Route(_))
}

/// The keyword automaton: ASCII case is ignored, every occurrence reported.
fn automaton(words: &[String], kind: Option<AhoCorasickKind>) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(kind)
        .build(words)
        .expect("keywords are plain strings, so the automaton always builds")
}

/// Records, at each regex matcher's slot, the ids of its keywords.
fn regex_keyword_ids(matcher: &Matcher, words: &[String], out: &mut Vec<Box<[WordId]>>) {
    match matcher {
        Matcher::Regex(m) => {
            if out.len() <= m.slot {
                out.resize_with(m.slot + 1, Default::default);
            }
            out[m.slot] = m
                .keywords
                .iter()
                .filter_map(|k| words.binary_search(k).ok())
                .map(|at| WordId::try_from(at).expect("fewer than 2^32 keywords"))
                .collect();
        }
        Matcher::Any(parts) => parts.iter().for_each(|p| regex_keyword_ids(p, words, out)),
        _ => {}
    }
}

fn collect_regex_words(matcher: &Matcher, out: &mut BTreeSet<String>) {
    match matcher {
        Matcher::Regex(r) => out.extend(r.keywords.iter().cloned()),
        Matcher::Any(parts) => parts.iter().for_each(|p| collect_regex_words(p, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
