//! Well-formed JSON (with comments) → entry facts in one pass over the
//! bytes, without building a syntax tree.
//!
//! The fast path for nearly every JSON file, above all the large ones (seed
//! data, fixtures): tree-sitter-json spends most of a scan building trees
//! for them. It accepts only what tree-sitter-json parses without error and
//! yields the same entries, spans and order as the tree walk in `json`;
//! anything else (a syntax error, a character it is unsure of) makes it give
//! up with `None`, and the error-tolerant tree walk runs instead. It owns no
//! other job: no rules, no reporting.
//!
//! Nesting is tracked on a heap stack, so hostile depth costs no thread stack.

use std::borrow::Cow;

use super::json::unescape;
use super::json_lex::{number_end, space_end, string_end};
use super::key_path::KeyPath;
use super::{env_item_parts, Field, KeepEntry, Sink, MAX_DEPTH};
use crate::facts::{Entry, Extraction, Node, Span, Value};

/// Extracts entries from well-formed JSON, or `None` if the text is not
/// plainly well-formed (the caller then walks a tree-sitter tree).
pub(super) fn extract<'s>(text: &'s str, keep: KeepEntry<'s>) -> Option<Extraction> {
    let mut parser = Parser {
        src: text,
        bytes: text.as_bytes(),
        pos: 0,
        frames: Vec::new(),
        path: KeyPath::default(),
        sink: Sink::new(keep),
    };
    parser.document()?;
    Some(parser.sink.finish(None))
}

/// An open object or array.
struct Frame {
    /// Whether it is an object (else an array).
    object: bool,
    /// Within the depth bound, so its entries are emitted.
    walked: bool,
    /// Where its `{` or `[` stands.
    start: usize,
    /// The next item index (arrays).
    index: usize,
    /// Whether it is an item of an array (objects there get the `name`/`value`
    /// normalisation).
    is_item: bool,
    /// The pending pair's key span and whether its key is `name` or `value`.
    key: Option<(Span, Option<Field>)>,
    /// The last scalar `name` and `value` fields seen (objects).
    name: Option<Node>,
    value: Option<Node>,
}

struct Parser<'s> {
    src: &'s str,
    bytes: &'s [u8],
    pos: usize,
    frames: Vec<Frame>,
    /// The key path of the value being read: one segment per walked level.
    path: KeyPath<'s>,
    sink: Sink<'s>,
}

/// What the reader expects next.
enum Step {
    /// A value (a member's, or a top-level one).
    Value,
    /// A comma or a closing bracket, after a member's value.
    After,
}

impl<'s> Parser<'s> {
    /// `document: repeat(value)`: top-level values separated by whitespace.
    /// One loop drives every level, so nesting never recurses.
    fn document(&mut self) -> Option<()> {
        loop {
            self.skip_space()?;
            if self.pos == self.bytes.len() {
                return Some(());
            }
            let mut step = Step::Value;
            loop {
                step = match step {
                    Step::Value => self.value()?,
                    Step::After if self.frames.is_empty() => break,
                    Step::After => self.after_value()?,
                };
            }
        }
    }

    /// Reads one value: a scalar whole (handing it to its context), or a
    /// container's opening bracket and, unless it is empty, its first
    /// member's key.
    fn value(&mut self) -> Option<Step> {
        let start = self.pos;
        let (value, end) = match *self.bytes.get(start)? {
            b'{' | b'[' => return self.open(),
            b'"' => {
                let (end, escaped) = string_end(self.bytes, start)?;
                (
                    Value::Str(self.string(start, end, escaped).into_owned()),
                    end,
                )
            }
            b'-' | b'0'..=b'9' => {
                let end = number_end(self.bytes, start)?;
                let value = self.src[start..end]
                    .parse()
                    .map_or(Value::Unknown, Value::Num);
                (value, end)
            }
            b't' => self.keyword(b"true", Value::Bool(true))?,
            b'f' => self.keyword(b"false", Value::Bool(false))?,
            b'n' => self.keyword(b"null", Value::Null)?,
            _ => return None,
        };
        self.pos = end;
        let node = Node {
            value,
            span: Span::new(start, end),
        };
        self.member_done(Some(node));
        Some(Step::After)
    }

    fn keyword(&self, word: &[u8], value: Value) -> Option<(Value, usize)> {
        self.bytes[self.pos..].starts_with(word).then_some(())?;
        Some((value, self.pos + word.len()))
    }

    fn open(&mut self) -> Option<Step> {
        let object = self.bytes[self.pos] == b'{';
        let is_item = self.frames.last().is_some_and(|f| !f.object);
        self.frames.push(Frame {
            object,
            walked: self.frames.len() < MAX_DEPTH,
            start: self.pos,
            index: 0,
            is_item,
            key: None,
            name: None,
            value: None,
        });
        self.pos += 1;
        self.skip_space()?;
        let close = if object { b'}' } else { b']' };
        if self.bytes.get(self.pos) == Some(&close) {
            self.pos += 1;
            self.close();
            return Some(Step::After);
        }
        self.begin_member()
    }

    /// Starts the next member of the innermost container: reads a pair's
    /// key and colon, or notes an array item's index; its value comes next.
    fn begin_member(&mut self) -> Option<Step> {
        let frame = self.frames.last_mut()?;
        if !frame.object {
            if frame.walked {
                self.path.push_index(frame.index);
            }
            frame.index += 1;
            return Some(Step::Value);
        }
        let walked = frame.walked;
        let start = self.pos;
        (self.bytes.get(start) == Some(&b'"')).then_some(())?;
        let (end, escaped) = string_end(self.bytes, start)?;
        self.pos = end;
        self.skip_space()?;
        (self.bytes.get(self.pos) == Some(&b':')).then_some(())?;
        self.pos += 1;
        self.skip_space()?;
        let field = if walked {
            let key = self.string(start, end, escaped);
            let field = Field::of(&key);
            self.path.push_key(key);
            field
        } else {
            None
        };
        self.frames.last_mut()?.key = Some((Span::new(start, end), field));
        Some(Step::Value)
    }

    /// After a member's value (or a container's close): the comma and the
    /// next member, or the innermost container's close.
    fn after_value(&mut self) -> Option<Step> {
        self.skip_space()?;
        let frame = self.frames.last()?;
        let close = if frame.object { b'}' } else { b']' };
        match self.bytes.get(self.pos) {
            Some(b',') => {
                self.pos += 1;
                self.skip_space()?;
                self.begin_member()
            }
            Some(&b) if b == close => {
                self.pos += 1;
                self.close();
                Some(Step::After)
            }
            _ => None,
        }
    }

    /// Closes the innermost container (just past its bracket) and hands it,
    /// as a non-scalar value, to its parent.
    fn close(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let span = Span::new(frame.start, self.pos);
        if let (true, true, true, Some(name), Some(value)) = (
            frame.walked,
            frame.object,
            frame.is_item,
            frame.name,
            frame.value,
        ) {
            if let Value::Str(key) = name.value {
                let seq = self.path.len().saturating_sub(1);
                self.push(seq, Some(key), value, name.span, span);
            }
        }
        self.member_done(None);
    }

    /// Emits the entries of a finished member (`node` is `None` for a
    /// container value) and leaves its path segment.
    fn member_done(&mut self, node: Option<Node>) {
        let Some(frame) = self.frames.last_mut() else {
            return; // A top-level value: no key, no entry.
        };
        if !frame.walked {
            return;
        }
        let key = frame.key.take();
        if frame.object {
            if let (Some((_, Some(field))), Some(node)) = (&key, &node) {
                match field {
                    Field::Name => frame.name = Some(node.clone()),
                    Field::Value => frame.value = Some(node.clone()),
                }
            }
        }
        let object = frame.object;
        if let Some(node) = node {
            if object {
                if let Some((key_span, _)) = key {
                    let span = Span::new(key_span.start, node.span.end);
                    self.push(self.path.len(), None, node, key_span, span);
                }
            } else {
                self.item(node);
            }
        }
        self.path.pop();
    }

    /// An array item's entries: the Compose `KEY=value` normalisation, then
    /// the item itself, in the order the tree walk emits them.
    fn item(&mut self, node: Node) {
        let seq = self.path.len() - 1;
        if let (Some(last), Value::Str(text)) = (self.path.last_of(seq), &node.value) {
            let offset = (node.span.len() == text.len() + 2).then_some(node.span.start + 1);
            if let Some((key, key_span, value)) = env_item_parts(last, text, offset, node.span) {
                self.push(seq, Some(key), value, key_span, node.span);
            }
        }
        let span = node.span;
        self.push(self.path.len(), None, node, span, span);
    }

    /// Stores the entry whose key path is the first `len` segments of the
    /// current path and then `key`, if the caller wants it.
    fn push(&mut self, len: usize, key: Option<String>, value: Node, key_span: Span, span: Span) {
        if !self.sink.wants(&self.path.view(len, key.as_deref())) {
            return;
        }
        self.sink.entries.push(Entry {
            key_path: self.path.owned(len, key),
            value,
            key_span,
            span,
        });
    }

    /// Skips whitespace and comments; `None` on anything tree-sitter might
    /// read differently (other whitespace, an unclosed or odd comment).
    fn skip_space(&mut self) -> Option<()> {
        self.pos = space_end(self.bytes, self.pos)?;
        Some(())
    }

    /// The text of the string literal `start..end`, borrowed unless it
    /// holds an escape to resolve.
    fn string(&self, start: usize, end: usize, escaped: bool) -> Cow<'s, str> {
        let body = &self.src[start + 1..end - 1];
        if escaped {
            Cow::Owned(unescape(body))
        } else {
            Cow::Borrowed(body)
        }
    }
}

#[cfg(test)]
#[path = "json_fast_tests.rs"]
mod tests;
