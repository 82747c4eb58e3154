//! The words the `log` rules look for, gathered once per rule set: what
//! lets the log slicers (JS/TS and Rust) pick the pieces of a file the
//! logging rules need parsed without parsing it.

use std::collections::{BTreeSet, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// What the logging rules look for, as plain words: built once per rule
/// set from its `log` matchers.
#[derive(Debug)]
pub struct LogWords {
    /// Every word of a sensitive name or object, any ASCII case.
    automaton: AhoCorasick,
    /// Each sensitive name or object (`api key`, `req.body`) as the ids of
    /// its words: a piece of text holds it when it holds every one.
    sets: Vec<Vec<usize>>,
    words: usize,
    /// The literal segments of the logger callees (`console`, `logger`,
    /// `info`), as written: a callee with none of them is no logger.
    callees: HashSet<String>,
    /// The literal segments of the logger factories (`debuglog`, `pino`,
    /// `Logger`), as written: few, and looked up for every word of a file.
    factories: Vec<String>,
}

impl LogWords {
    /// `sensitive`: the word sets one of which a logged name must hold;
    /// `callees` and `factories`: the literal segments of the logger and
    /// factory globs.
    pub fn new(
        sensitive: &[BTreeSet<String>],
        callees: impl IntoIterator<Item = String>,
        factories: impl IntoIterator<Item = String>,
    ) -> LogWords {
        let words: Vec<String> = sensitive
            .iter()
            .flatten()
            .map(|w| w.to_lowercase())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let sets = sensitive
            .iter()
            .map(|set| {
                set.iter()
                    .filter_map(|w| words.binary_search(&w.to_lowercase()).ok())
                    .collect()
            })
            .collect();
        LogWords {
            automaton: AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&words)
                .expect("sensitive words are plain strings"),
            sets,
            words: words.len(),
            callees: callees.into_iter().collect(),
            factories: factories
                .into_iter()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        }
    }
}

impl LogWords {
    /// Whether `text` holds every word of some sensitive name or object.
    pub(crate) fn holds_sensitive(&self, text: &str) -> bool {
        let mut present = vec![false; self.words];
        for found in self.automaton.find_overlapping_iter(text) {
            present[found.pattern().as_usize()] = true;
        }
        self.sets
            .iter()
            .any(|set| set.iter().all(|&id| present[id]))
    }

    /// Whether `word` is a literal segment of a logger callee.
    pub(crate) fn is_callee(&self, word: &str) -> bool {
        self.callees.contains(word)
    }

    /// Whether `word` is a literal segment of a logger factory.
    pub(crate) fn is_factory(&self, word: &str) -> bool {
        self.factories.iter().any(|f| f == word)
    }

    /// The literal segments of the logger callees.
    pub(crate) fn callees(&self) -> impl Iterator<Item = &String> {
        self.callees.iter()
    }

    /// The literal segments of the logger factories.
    pub(crate) fn factories(&self) -> &[String] {
        &self.factories
    }
}
