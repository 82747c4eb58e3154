//! The words the `log` rules look for, gathered once per rule set: what
//! lets the log slicers (JS/TS and Rust) pick the pieces of a file the
//! logging rules need parsed without parsing it.

use std::collections::{BTreeSet, HashSet};
use std::fmt;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// A set the slicers look words up in, for every word of a file: hashed
/// with foldhash (seeded the same in every run) rather than SipHash, which
/// guards against hostile keys these sets never meet.
pub(crate) type WordSet<T> = HashSet<T, foldhash::fast::FixedState>;

/// What the logging rules look for, as plain words: built once per rule
/// set from its `log` matchers.
#[derive(Debug)]
pub struct LogWords {
    /// How the rules judge argument names, which lets a slicer drop calls
    /// whose arguments only mention a sensitive word.
    judge: ArgumentJudge,
    /// Every word of a sensitive name or object, any ASCII case.
    automaton: AhoCorasick,
    /// Each sensitive name or object (`api key`, `req.body`) as the ids of
    /// its words: a piece of text holds it when it holds every one.
    sets: Vec<Vec<usize>>,
    words: usize,
    /// The literal segments of the logger callees (`console`, `logger`,
    /// `info`), as written: a callee with none of them is no logger.
    callees: WordSet<String>,
    /// The literal segments of the logger factories (`debuglog`, `pino`,
    /// `Logger`), as written: few, and looked up for every word of a file.
    factories: Vec<String>,
    /// The callee and factory segments in lower case, looked for in the
    /// text of every import.
    logger_words_lower: Vec<String>,
}

impl LogWords {
    /// `sensitive`: the word sets one of which a logged name must hold;
    /// `callees` and `factories`: the literal segments of the logger and
    /// factory globs; `judge`: how the rules judge argument names.
    pub fn new(
        sensitive: &[BTreeSet<String>],
        callees: impl IntoIterator<Item = String>,
        factories: impl IntoIterator<Item = String>,
        judge: ArgumentJudge,
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
        let callees: WordSet<String> = callees.into_iter().collect();
        let factories: Vec<String> = factories
            .into_iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let logger_words_lower = callees
            .iter()
            .chain(&factories)
            .map(|w| w.to_ascii_lowercase())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        LogWords {
            judge,
            automaton: AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&words)
                .expect("sensitive words are plain strings"),
            sets,
            words: words.len(),
            callees,
            factories,
            logger_words_lower,
        }
    }
}

impl LogWords {
    /// How the rules judge argument names.
    pub(crate) fn judge(&self) -> &ArgumentJudge {
        &self.judge
    }

    /// Whether `lower` (lower-case text) holds a logger's or a factory's
    /// word, in any case.
    pub(crate) fn names_logger(&self, lower: &str) -> bool {
        self.logger_words_lower
            .iter()
            .any(|w| lower.contains(w.as_str()))
    }

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
}

/// How the `log` rules judge what a logging call's arguments hold, as far
/// as a slicer needs it to tell a call that may be a finding from one that
/// only mentions a sensitive word (`req.user.id`, `mask(email)`). A rule
/// judges one name at a time: the last segment of a path (transparent
/// members such as `trim` aside), an object key, a string a getter reads,
/// or a whole path that is a sensitive object (`req.body`); and it looks
/// into a nested call only when the call is a serialiser or a getter.
pub struct ArgumentJudge {
    /// Whether some rule judges this name (an identifier, a string's text)
    /// sensitive.
    pub sensitive_name: Box<dyn Fn(&str) -> bool + Send + Sync>,
    /// Members and methods that hand their receiver on (`trim`, `clone`).
    pub transparent: HashSet<String>,
    /// The words of the calls whose arguments the rules look into
    /// (serialisers and getters); `None` when any call may be one.
    pub openers: Option<HashSet<String>>,
    /// The last segments of the sensitive objects (`body` of `req.body`),
    /// lower-case; `None` when any word may end one.
    pub object_ends: Option<HashSet<String>>,
}

impl ArgumentJudge {
    /// Whether some rule may judge the name `word` sensitive, or take it
    /// as the end of a sensitive object.
    pub(crate) fn may_flag(&self, word: &str) -> bool {
        let object_end = match &self.object_ends {
            Some(ends) => ends.contains(&word.to_ascii_lowercase()),
            None => true,
        };
        object_end || (self.sensitive_name)(word)
    }

    /// Whether a path may go on past a member named `word` without the
    /// rules judging the path by what comes before it.
    pub(crate) fn is_transparent(&self, word: &str) -> bool {
        self.transparent.contains(word)
    }

    /// Whether the rules may look into the arguments of a call whose
    /// callee ends with `word`.
    pub(crate) fn opens(&self, word: &str) -> bool {
        self.openers.as_ref().is_none_or(|o| o.contains(word))
    }
}

impl fmt::Debug for ArgumentJudge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ArgumentJudge")
            .field("transparent", &self.transparent)
            .field("openers", &self.openers)
            .field("object_ends", &self.object_ends)
            .finish_non_exhaustive()
    }
}
