//! Walking a file's logging calls: which calls log (by callee, or by a name
//! bound to a logger factory), and which of their arguments carry sensitive
//! data, followed through objects, arrays, serialisers and transparent
//! methods. The matcher's settings come compiled from the parent module.

use super::names::Verdict;
use super::LogMatcher;
use crate::facts::{Call, Fact, Node, Span, Value};
use crate::rules::matcher::Hit;
use crate::rules::value::SPREAD_KEY;

/// How deep argument values are followed (nested objects, serialiser calls).
const MAX_DEPTH: usize = 16;

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
