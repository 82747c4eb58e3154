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

mod names;
#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashSet};

use serde_saphyr::Location;

use super::glob::PathGlob;
use super::matcher::Hit;
use super::raw::RawLog;
use super::value::SPREAD_KEY;
use crate::facts::{Call, Fact, Node, Span, Value};
use names::{Verdict, Vocabulary};

/// How deep argument values are followed (nested objects, serialiser calls).
const MAX_DEPTH: usize = 16;

/// `log:` — logging calls with sensitive arguments.
#[derive(Debug)]
pub struct LogMatcher {
    /// Callees that are logging functions.
    callees: Vec<PathGlob>,
    /// Every literal segment of the callee globs; a callee with none of
    /// them cannot match one, which settles most calls without a glob.
    /// `None` when some glob has no literal segment.
    callee_words: Option<HashSet<String>>,
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
    transparent: HashSet<String>,
    /// Functions whose first argument is what ends up in the log
    /// (`JSON.stringify`, `util.inspect`).
    serializers: Vec<PathGlob>,
    /// Methods that read a field by its name (`req.get('authorization')`,
    /// `headers.get(AUTHORIZATION)`): the name read is judged.
    getters: HashSet<String>,
    /// Whether names interpolated into template or concatenated text count;
    /// off for whole objects, which JavaScript prints as `[object Object]`.
    interpolated: bool,
    /// Sensitive phrases as the word sets the pre-filter looks for.
    phrase_words: Vec<BTreeSet<String>>,
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
        let mut callee_words = Some(HashSet::new());
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

    /// The keywords that gate the matcher (empty: none beyond the parse gate).
    pub fn keywords(&self) -> &[String] {
        &self.keywords
    }

    fn is_logger(&self, callee: &str, bound: &[&str]) -> bool {
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

/// Reports every sensitive argument of every logging call in a file.
pub fn match_logs(rule: usize, m: &LogMatcher, facts: &[Fact], text: &str, out: &mut Vec<Hit>) {
    let bound = factory_bindings(m, facts);
    let mut calls: Vec<&Call> = facts
        .iter()
        .filter_map(|f| match f {
            Fact::Call(c) => Some(c),
            _ => None,
        })
        .collect();
    calls.sort_by_key(|c| c.span.start);
    let walk = ArgWalk {
        rule,
        m,
        calls: &calls,
        text,
    };
    for call in &calls {
        // `#[error("…")]` (thiserror) and other attributes are recorded as
        // calls too; they format errors, they do not log.
        let attribute = text.as_bytes().get(call.span.start) == Some(&b'#');
        if attribute || !m.is_logger(&call.callee, &bound) {
            continue;
        }
        for arg in &call.args {
            walk.inspect(arg, None, arg.span, 0, out);
        }
    }
}

/// Names bound to a factory's result: `const debug = util.debuglog('auth')`.
fn factory_bindings<'f>(m: &LogMatcher, facts: &'f [Fact]) -> Vec<&'f str> {
    if m.factories.is_empty() {
        return Vec::new();
    }
    facts
        .iter()
        .filter_map(|f| match f {
            Fact::Assign(a) => match &a.value.value {
                Value::Call { callee } if m.factories.iter().any(|g| g.matches(callee)) => {
                    Some(a.target.as_str())
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// One file's walk over logging arguments.
struct ArgWalk<'a> {
    rule: usize,
    m: &'a LogMatcher,
    /// The file's calls by start offset, to look inside call values.
    calls: &'a [&'a Call],
    text: &'a str,
}

impl ArgWalk<'_> {
    /// Looks at one value; `key` is the object key it sits under and `at`
    /// the construct a finding points at (the argument or the property).
    fn inspect(&self, node: &Node, key: Option<&str>, at: Span, depth: usize, out: &mut Vec<Hit>) {
        if depth > MAX_DEPTH {
            return;
        }
        match &node.value {
            Value::Ident(path) | Value::Member(path) => {
                let bare = matches!(node.value, Value::Ident(_));
                self.judge_value(path, key.filter(|_| bare), at, out);
            }
            Value::Template { names, .. } if self.m.interpolated => {
                for name in names {
                    if self.judge_path(name) == Verdict::Sensitive {
                        out.push(self.hit(self.narrow(at, name), &self.shown(name)));
                    }
                }
            }
            Value::Object(props) => {
                for prop in props {
                    let key = (prop.key != SPREAD_KEY).then_some(prop.key.as_str());
                    self.inspect(&prop.value, key, prop.span, depth + 1, out);
                }
            }
            Value::Array(items) => {
                for item in items {
                    self.inspect(item, None, item.span, depth + 1, out);
                }
            }
            Value::Call { callee } => self.inspect_call(node.span, callee, key, at, depth, out),
            _ => {}
        }
    }

    /// A call's result is logged: serialisers are seen through, a
    /// transparent method is judged by its receiver, and a zero-argument
    /// method or getter by its name (`user.getEmail()`, `email.len()`);
    /// anything else is opaque, which is what makes `mask(email)` and
    /// `hash(token)` safe.
    fn inspect_call(
        &self,
        span: Span,
        callee: &str,
        key: Option<&str>,
        at: Span,
        depth: usize,
        out: &mut Vec<Hit>,
    ) {
        let Some(call) = self.call_at(span) else {
            return;
        };
        if self.m.serializers.iter().any(|g| g.matches(callee)) {
            if let Some(first) = call.args.first() {
                self.inspect(first, key, at, depth + 1, out);
            }
        } else if !callee.contains('?') && (call.args.is_empty() || self.hands_on(callee)) {
            self.judge_value(callee, None, at, out);
        } else if let Some(field) = self.field_read(callee, call) {
            if self.m.vocabulary.judge(field) == Verdict::Sensitive {
                out.push(self.hit(at, field));
            }
        }
    }

    /// The field a getter reads: a string literal, or a constant's name
    /// (`header::AUTHORIZATION`); a variable key says nothing.
    fn field_read<'c>(&self, callee: &str, call: &'c Call) -> Option<&'c str> {
        let method = callee.rsplit('.').next()?;
        if !self.m.getters.contains(method) || callee == method {
            return None;
        }
        match &call.args.first()?.value {
            Value::Str(s) => Some(s.as_str()),
            Value::Ident(path) | Value::Member(path) => {
                let last = path.rsplit('.').next()?;
                let constant = last.chars().any(|c| c.is_ascii_uppercase())
                    && !last.chars().any(|c| c.is_ascii_lowercase());
                constant.then_some(last)
            }
            _ => None,
        }
    }

    /// Whether the method called is transparent even with arguments
    /// (`phone.as_deref().unwrap_or("-")`).
    fn hands_on(&self, callee: &str) -> bool {
        callee
            .rsplit('.')
            .next()
            .is_some_and(|method| self.m.transparent.contains(method))
    }

    fn call_at(&self, span: Span) -> Option<&Call> {
        let first = self.calls.partition_point(|c| c.span.start < span.start);
        self.calls[first..]
            .iter()
            .take_while(|c| c.span.start == span.start)
            .find(|c| c.span == span)
            .copied()
    }

    /// Judges a logged path; a bare identifier that says nothing itself is
    /// judged by the key it is logged under (`{ email: e }`).
    fn judge_value(&self, path: &str, key: Option<&str>, at: Span, out: &mut Vec<Hit>) {
        match self.judge_path(path) {
            Verdict::Sensitive => out.push(self.hit(at, &self.shown(path))),
            Verdict::Neutral => {
                if let Some(key) = key {
                    if self.m.vocabulary.judge(key) == Verdict::Sensitive {
                        out.push(self.hit(at, key));
                    }
                }
            }
            Verdict::Safe => {}
        }
    }

    /// A path's segments without call markers and without the transparent
    /// members and methods at its end (`user.email.clone()` is `user.email`).
    fn meaningful<'p>(&self, path: &'p str) -> Vec<&'p str> {
        let mut segments: Vec<&str> = path.split('.').map(|s| s.trim_end_matches("()")).collect();
        while segments.len() > 1
            && segments
                .last()
                .is_some_and(|s| self.m.transparent.contains(*s))
        {
            segments.pop();
        }
        segments
    }

    /// The path as a message names it.
    fn shown(&self, path: &str) -> String {
        self.meaningful(path).join(".")
    }

    /// Judges a dotted path by its last meaningful segment, or whole when it
    /// is one of the sensitive objects.
    fn judge_path(&self, path: &str) -> Verdict {
        let segments = self.meaningful(path);
        let Some(last) = segments.last() else {
            return Verdict::Neutral;
        };
        if *last == "?" || last.is_empty() {
            return Verdict::Neutral;
        }
        if !self.m.objects.is_empty() {
            let joined = segments.join(".");
            if self.m.objects.iter().any(|g| g.matches(&joined)) {
                return Verdict::Sensitive;
            }
        }
        self.m.vocabulary.judge(last)
    }

    /// Narrows a finding to the interpolation of `name` inside a template.
    fn narrow(&self, at: Span, name: &str) -> Span {
        let found = self
            .text
            .get(at.start..at.end)
            .and_then(|inside| inside.find(name));
        match found {
            Some(offset) => Span::new(at.start + offset, at.start + offset + name.len()),
            None => at,
        }
    }

    fn hit(&self, at: Span, name: &str) -> Hit {
        Hit {
            rule: self.rule,
            span: at,
            secret: None,
            vars: vec![("name", name.to_string())],
            value_span: None,
        }
    }
}
