//! The `log` matcher: calls of logging functions whose arguments carry
//! personal data or secrets by name (identifiers, member paths, object keys,
//! spreads, template interpolations, whole request objects).
//!
//! Everything language-specific that a user may want to tune (which callees
//! are loggers, which words are sensitive or safe, which calls and members
//! pass their receiver through) comes from the rule pack; this module only
//! walks argument values. It never looks at what a value is at run time:
//! a name is judged by how it is written, and a value syntax cannot see
//! through (a call of anything but a listed serialiser, an expression) is
//! never a finding.
//!
//! This file compiles and checks a `log:` block and says what the pre-filter
//! needs; `args` walks the calls and their arguments, `names` judges names.

mod args;
mod names;
#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashSet};

use foldhash::fast::FixedState;
use serde_saphyr::Location;

use super::glob::PathGlob;
use super::raw::RawLog;
pub use args::match_logs;
use names::{Verdict, Vocabulary};

/// `log:` — logging calls with sensitive arguments.
#[derive(Debug)]
pub struct LogMatcher {
    /// Callees that are logging functions.
    callees: Vec<PathGlob>,
    /// Every literal segment of the callee globs; a callee with none of
    /// them cannot match one, which settles most calls without a glob.
    /// `None` when some glob has no literal segment.
    callee_words: Option<HashSet<String, FixedState>>,
    /// Words one of which a file must contain for its logging calls to be
    /// worth looking at (`info!`, `console.`); more telling than the callee
    /// globs' own words (`info`, `error` are everywhere). Empty: the globs'.
    keywords: Vec<String>,
    /// Calls whose result, bound to a name, is a logger (`util.debuglog`).
    factories: Vec<PathGlob>,
    /// Sensitive phrases and the safe words that neutralise them.
    vocabulary: Vocabulary,
    /// Paths whose whole value is sensitive (`req.body`, `req.headers`).
    objects: Vec<PathGlob>,
    /// Members and zero-argument methods that hand their receiver on
    /// (`clone`, `toString`, `value`, `0`).
    transparent: HashSet<String, FixedState>,
    /// Functions whose first argument is what ends up in the log
    /// (`JSON.stringify`, `util.inspect`).
    serializers: Vec<PathGlob>,
    /// Methods that read a field by its name (`req.get('authorization')`,
    /// `headers.get(AUTHORIZATION)`): the name read is judged.
    getters: HashSet<String, FixedState>,
    /// Whether names interpolated into template or concatenated text count;
    /// off for whole objects, which JavaScript prints as `[object Object]`.
    interpolated: bool,
    /// Sensitive phrases as the word sets the pre-filter looks for.
    phrase_words: Vec<BTreeSet<String>>,
}

/// The words of [`LogMatcher::slice_words`].
pub struct SliceWords {
    /// Word sets one of which a logged name or object holds.
    pub sensitive: Vec<BTreeSet<String>>,
    /// Literal segments of the logger callees, as written.
    pub callees: Vec<String>,
    /// Literal segments of the logger factories, as written.
    pub factories: Vec<String>,
    /// Whether the matcher judges a name (one identifier) sensitive.
    pub sensitive_name: Box<dyn Fn(&str) -> bool + Send + Sync>,
    /// Members and methods that hand their receiver on.
    pub transparent: Vec<String>,
    /// Literal words of the serialisers, and the getters: the calls whose
    /// arguments the matcher looks into; `None` when a serialiser glob has
    /// no literal word.
    pub openers: Option<Vec<String>>,
    /// The last segment of each sensitive object, lower-case; `None` when
    /// one is a pattern.
    pub object_ends: Option<Vec<String>>,
}

/// A mistake in a `log:` block, with where it is.
pub(super) struct LogError {
    /// Where in the pack.
    pub(super) at: Location,
    /// How many characters to underline.
    pub(super) len: usize,
    /// What is wrong.
    pub(super) message: String,
}

fn is_words(text: &str, max: usize) -> bool {
    let words: Vec<&str> = text.split(' ').collect();
    words.len() <= max
        && words.iter().all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

impl LogMatcher {
    /// Compiles and checks a `log:` block.
    pub(super) fn compile(raw: &RawLog) -> Result<LogMatcher, LogError> {
        let callees: Vec<String> = raw.callee.value.to_vec();
        if callees.is_empty() {
            return Err(LogError {
                at: raw.callee.referenced,
                len: 1,
                message: "a `log` matcher needs at least one `callee`".into(),
            });
        }
        if raw.names.is_empty() && raw.objects.is_empty() {
            return Err(LogError {
                at: raw.callee.referenced,
                len: 1,
                message: "a `log` matcher needs `names`, `objects` or both".into(),
            });
        }
        for name in &raw.names {
            if !is_words(&name.value, 6) {
                return Err(LogError {
                    at: name.referenced,
                    len: name.value.len(),
                    message: format!(
                        "`{}`: write a name as lower-case words separated by one space \
                         (`api key` matches apiKey, api_key and API_KEY)",
                        name.value
                    ),
                });
            }
        }
        for word in &raw.safe {
            if !is_words(&word.value, 1) {
                return Err(LogError {
                    at: word.referenced,
                    len: word.value.len(),
                    message: format!("`{}`: a safe word is one lower-case word", word.value),
                });
            }
        }
        let glob = |g: &String| PathGlob::new(g, false);
        let callees: Vec<PathGlob> = callees.iter().map(glob).collect();
        let mut callee_words = Some(HashSet::default());
        for g in &callees {
            let words = g.literal_words();
            match (&mut callee_words, words.is_empty()) {
                (Some(set), false) => set.extend(words.iter().map(|w| w.to_string())),
                _ => callee_words = None,
            }
        }
        Ok(LogMatcher {
            callees,
            callee_words,
            keywords: raw.keywords.iter().map(|k| k.to_lowercase()).collect(),
            factories: raw.factories.iter().map(glob).collect(),
            vocabulary: Vocabulary::new(
                raw.names.iter().map(|n| n.value.as_str()),
                raw.safe.iter().map(|w| w.value.as_str()),
            ),
            objects: raw.objects.iter().map(glob).collect(),
            transparent: raw.transparent.iter().cloned().collect(),
            serializers: raw.serializers.iter().map(glob).collect(),
            getters: raw.getters.iter().cloned().collect(),
            interpolated: raw.interpolated,
            phrase_words: raw
                .names
                .iter()
                .map(|n| n.value.split(' ').map(str::to_string).collect())
                .collect(),
        })
    }

    /// The word sets one of which a file must contain for this matcher to
    /// find anything: a logger's words together with a sensitive name's.
    pub fn alternatives(&self) -> Vec<BTreeSet<String>> {
        let (loggers, sensitive) = self.gate();
        let mut out = BTreeSet::new();
        for logger in &loggers {
            for name in &sensitive {
                out.insert(logger.union(name).cloned().collect::<BTreeSet<String>>());
            }
        }
        out.into_iter().collect()
    }

    /// [`LogMatcher::alternatives`] before the product is taken: one set of
    /// the loggers' words and one of the sensitive names' must both be in a
    /// file. The pre-filter keeps the two apart, as the product is large.
    pub fn gate(&self) -> (Vec<BTreeSet<String>>, Vec<BTreeSet<String>>) {
        let words = |g: &PathGlob| -> BTreeSet<String> {
            g.literal_words().iter().map(|w| w.to_lowercase()).collect()
        };
        let loggers: Vec<BTreeSet<String>> = if self.keywords.is_empty() {
            self.callees
                .iter()
                .chain(&self.factories)
                .map(words)
                .collect()
        } else {
            self.keywords
                .iter()
                .map(|k| BTreeSet::from([k.clone()]))
                .collect()
        };
        let sensitive: Vec<BTreeSet<String>> = self
            .phrase_words
            .iter()
            .cloned()
            .chain(self.objects.iter().map(words))
            .collect();
        (loggers, sensitive)
    }

    /// The words a file's logging calls are recognised by, for parsing only
    /// those calls; `None` when a callee or factory glob has no literal
    /// segment, so that any call could be a logger.
    pub fn slice_words(&self) -> Option<SliceWords> {
        let literal = |globs: &[PathGlob]| -> Option<Vec<String>> {
            let mut out = Vec::new();
            for g in globs {
                let words = g.literal_words();
                if words.is_empty() {
                    return None;
                }
                out.extend(words.iter().map(|w| w.to_string()));
            }
            Some(out)
        };
        let vocabulary = self.vocabulary.clone();
        let openers = literal(&self.serializers).map(|words| {
            words
                .into_iter()
                .chain(self.getters.iter().cloned())
                .collect()
        });
        let object_ends = self
            .objects
            .iter()
            .map(|g| {
                let last = g.as_str().rsplit('.').next()?;
                let literal =
                    !last.is_empty() && last.chars().all(|c| c.is_alphanumeric() || c == '_');
                literal.then(|| last.to_ascii_lowercase())
            })
            .collect();
        Some(SliceWords {
            sensitive: self.gate().1,
            callees: literal(&self.callees)?,
            factories: literal(&self.factories)?,
            sensitive_name: Box::new(move |name| vocabulary.judge(name) == Verdict::Sensitive),
            transparent: self.transparent.iter().cloned().collect(),
            openers,
            object_ends,
        })
    }

    /// The keywords that gate the matcher (empty: none beyond the parse gate).
    pub fn keywords(&self) -> &[String] {
        &self.keywords
    }

    fn is_logger(&self, callee: &str, bound: &[&str]) -> bool {
        let by_file = local_module_callee(callee);
        let callee = by_file.as_deref().unwrap_or(callee);
        let may_match = self.callee_words.as_ref().is_none_or(|words| {
            callee
                .split('.')
                .any(|segment| words.contains(segment.trim_end_matches("()")))
        });
        (may_match && self.callees.iter().any(|g| g.matches(callee)))
            || bound.iter().any(|name| {
                callee
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
            })
    }
}

/// Extensions a relative import may name its file with.
const JS_EXTENSIONS: &[&str] = &["js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx"];

/// A callee that import resolution made start with a relative module path
/// (`../lib/logger.info`, from `const logger = require('../lib/logger')`),
/// named after that file instead (`logger.info`): the path's dots and
/// slashes are no segments of a callee, and a project's own logging module
/// is how most services log. `None` for any other callee.
fn local_module_callee(callee: &str) -> Option<String> {
    if !callee.starts_with('.') {
        return None;
    }
    let file = &callee[callee.rfind('/')? + 1..];
    let stem_end = file.find(['.', '(']).unwrap_or(file.len());
    let (stem, mut rest) = file.split_at(stem_end);
    if let Some(after_dot) = rest.strip_prefix('.') {
        let ext_end = after_dot.find(['.', '(']).unwrap_or(after_dot.len());
        if JS_EXTENSIONS.contains(&&after_dot[..ext_end]) {
            rest = &after_dot[ext_end..];
        }
    }
    (!stem.is_empty()).then(|| format!("{stem}{rest}"))
}
