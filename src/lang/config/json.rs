//! JSON (with comments) syntax → entry facts, over tree-sitter-json's
//! error-tolerant tree, for files the one-pass reader (`json_fast`) does
//! not take.
//!
//! Owns the JSON walk and string unescaping. Must not match rules or report:
//! it only extracts, handing syntax errors back as the extraction's problem.

use super::{
    flat_children, span_of, text_of, Field, KeepEntry, PathId, Paths, Place, Sink, Task, MAX_DEPTH,
};
use crate::facts::{Extraction, Node, Value};
use tree_sitter::Node as TsNode;

/// Extracts entries from JSON text; see [`super::extract_json`].
pub(super) fn extract<'s>(text: &'s str, keep: KeepEntry<'s>) -> Extraction {
    super::json_fast::extract(text, keep).unwrap_or_else(|| extract_with_tree(text, keep))
}

/// The error-tolerant walk over tree-sitter-json's tree, for files the
/// one-pass reader does not take.
pub(super) fn extract_with_tree<'s>(text: &'s str, keep: KeepEntry<'s>) -> Extraction {
    let Some(tree) = super::parse_tree(tree_sitter_json::LANGUAGE.into(), text) else {
        return super::unparsed("JSON");
    };
    let mut walker = Walker {
        src: text,
        sink: Sink::new(keep),
        stack: Vec::new(),
    };
    walker.children(tree.root_node(), Paths::ROOT, 0, Place::Root);
    while let Some(task) = walker.stack.pop() {
        walker.run(task);
    }
    let problem = super::first_problem(&tree, text, "JSON");
    walker.sink.finish(problem)
}

struct Walker<'s, 't> {
    src: &'s str,
    sink: Sink<'s>,
    stack: Vec<Task<'t>>,
}

impl<'t> Walker<'_, 't> {
    fn run(&mut self, task: Task<'t>) {
        let depth = task.depth + 1;
        match task.node.kind() {
            "object" | "array" if depth > MAX_DEPTH => {}
            "object" | "array" => self.children(task.node, task.path, depth, task.place),
            _ => {
                if let Some(value) = self.scalar(task.node) {
                    if let (Place::Item { seq, span }, Value::Str(text)) =
                        (task.place, &value.value)
                    {
                        let offset = (text_of(self.src, task.node).len() == text.len() + 2)
                            .then_some(value.span.start + 1);
                        self.sink.env_item(seq, text, offset, value.span, span);
                    }
                    self.sink.emit(task.path, task.place, value.span, value);
                }
            }
        }
    }

    /// Walks an object's pairs or an array's items (`place` is `Item` for an
    /// array). The document itself is walked as an object: a recovered pair
    /// outside braces still lands at the root.
    fn children(&mut self, node: TsNode<'t>, path: PathId, depth: usize, place: Place) {
        let is_array = node.kind() == "array";
        let (mut name, mut value) = (None, None);
        let mut index = 0usize;
        for child in flat_children(node) {
            if child.kind() == "pair" {
                match self.pair(child, path, depth) {
                    Some((Field::Name, found)) => name = Some(found),
                    Some((Field::Value, found)) => value = Some(found),
                    None => {}
                }
            } else if is_array {
                let item = self.sink.paths.child(path, index.to_string());
                index += 1;
                let place = Place::Item {
                    seq: path,
                    span: span_of(child),
                };
                self.stack.push(Task {
                    node: child,
                    path: item,
                    depth,
                    place,
                });
            } else if node.kind() == "document" {
                self.stack.push(Task {
                    node: child,
                    path,
                    depth,
                    place: Place::Root,
                });
            }
        }
        if let (Place::Item { seq, span }, false, Some(name), Some(value)) =
            (place, is_array, name, value)
        {
            if let Value::Str(key) = name.value {
                self.sink.name_value(seq, (key, name.span), value, span);
            }
        }
    }

    /// Queues one `"key": value`; returns a scalar `name` or `value` field,
    /// for the `name`/`value` normalisation.
    fn pair(&mut self, pair: TsNode<'t>, path: PathId, depth: usize) -> Option<(Field, Node)> {
        let key_node = pair.child_by_field_name("key")?;
        let value = pair.child_by_field_name("value")?;
        let key = match key_node.kind() {
            "string" => unescape(inner(text_of(self.src, key_node))),
            _ => text_of(self.src, key_node).to_string(),
        };
        let field = Field::of(&key);
        let child = self.sink.paths.child(path, key);
        let place = Place::Pair {
            key: span_of(key_node),
            span: span_of(pair),
        };
        self.stack.push(Task {
            node: value,
            path: child,
            depth,
            place,
        });
        Some((field?, self.scalar(value)?))
    }

    fn scalar(&self, node: TsNode<'t>) -> Option<Node> {
        let text = text_of(self.src, node);
        let value = match node.kind() {
            "string" => Value::Str(unescape(inner(text))),
            "number" => text.parse().map_or(Value::Unknown, Value::Num),
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ => return None,
        };
        Some(Node {
            value,
            span: span_of(node),
        })
    }
}

pub(super) fn inner(quoted: &str) -> &str {
    let body = quoted.strip_prefix('"').unwrap_or(quoted);
    body.strip_suffix('"').unwrap_or(body)
}

/// Resolves JSON escapes; a malformed escape is kept as written.
pub(super) fn unescape(body: &str) -> String {
    if !body.contains('\\') {
        return body.to_string();
    }
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (decoded, used) = escape_at(rest);
        match decoded {
            Some(c) => out.push(c),
            None => out.push_str(&rest[..used]),
        }
        rest = &rest[used..];
    }
    out.push_str(rest);
    out
}

/// Decodes the escape at the start of `text` (which begins with `\`),
/// returning the character and how many bytes it spans.
fn escape_at(text: &str) -> (Option<char>, usize) {
    let simple = match text.as_bytes().get(1) {
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\x08',
        Some(b'f') => '\x0c',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => return unicode_escape(text),
        Some(_) => return (None, 1 + text[1..].chars().next().map_or(0, char::len_utf8)),
        None => return (None, 1),
    };
    (Some(simple), 2)
}

fn unicode_escape(text: &str) -> (Option<char>, usize) {
    let unit = |at: usize| {
        text.get(at..at + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let Some(high) = unit(2) else {
        return (None, 2);
    };
    if (0xD800..0xDC00).contains(&high) && text.get(6..8) == Some("\\u") {
        if let Some(low) = unit(8).filter(|l| (0xDC00..0xE000).contains(l)) {
            let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            return (char::from_u32(code), 12);
        }
    }
    (char::from_u32(high), 6)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, entries, get, on_small_stack, paths};
    use super::*;

    /// Every entry, as the format's tests expect.
    fn extract(text: &str) -> Extraction {
        super::extract(text, None)
    }

    fn str(s: &str) -> Value {
        Value::Str(s.to_string())
    }

    #[test]
    fn keys_values_and_spans() {
        let text = r#"{"name": "app", "n": -1.5e2, "ok": true, "no": false, "nil": null, "esc\"key": "\u00e9\n\ud83d\ude00",
                       "nested": {"list": [1, {"x": "y"}], "empty": {}}}"#;
        let ex = extract(text);
        assert_eq!(ex.problem, None);
        check(text, &ex, "name", "\"name\"", "\"app\"", str("app"));
        check(text, &ex, "n", "\"n\"", "-1.5e2", Value::Num(-150.0));
        check(text, &ex, "ok", "\"ok\"", "true", Value::Bool(true));
        check(text, &ex, "no", "\"no\"", "false", Value::Bool(false));
        check(text, &ex, "nil", "\"nil\"", "null", Value::Null);
        check(
            text,
            &ex,
            "esc\"key",
            r#""esc\"key""#,
            r#""\u00e9\n\ud83d\ude00""#,
            str("é\n😀"),
        );
        check(text, &ex, "nested.list.0", "1", "1", Value::Num(1.0));
        check(text, &ex, "nested.list.1.x", "\"x\"", "\"y\"", str("y"));
        assert!(!paths(&ex).iter().any(|p| p.contains("empty")));
        let name = get(&ex, "name");
        assert_eq!(&text[name.span.start..name.span.end], r#""name": "app""#);
    }

    #[test]
    fn comments_are_tolerated() {
        let text = "// settings\n{\n  /* block */ \"a\": 1, // trailing\n  \"b\": /* inline */ \"two\"\n}\n";
        let ex = extract(text);
        assert_eq!(ex.problem, None);
        assert_eq!(paths(&ex), vec!["a", "b"]);
        check(text, &ex, "b", "\"b\"", "\"two\"", str("two"));
    }

    #[test]
    fn name_value_and_environment_lists() {
        let text = r#"{"env": [{"name": "NODE_TLS_REJECT_UNAUTHORIZED", "value": "0"}], "environment": ["DEBUG=1"]}"#;
        let ex = extract(text);
        check(
            text,
            &ex,
            "env.NODE_TLS_REJECT_UNAUTHORIZED",
            "\"NODE_TLS_REJECT_UNAUTHORIZED\"",
            "\"0\"",
            str("0"),
        );
        check(text, &ex, "environment.DEBUG", "DEBUG", "1", str("1"));
    }

    #[test]
    fn errors_set_problem_and_keep_entries() {
        let text = "{\"a\": 1 \"b\": 2, \"c\": [1,,2]}";
        let ex = extract(text);
        let problem = ex.problem.clone().expect("a problem");
        assert!(problem.span.is_some() && problem.message.contains("JSON"));
        assert_eq!(paths(&ex), vec!["a", "b", "c.0", "c.1"]);
        for text in [
            "",
            "{",
            "[",
            "\"",
            "{\"a\":}",
            "\"\\u",
            "{\"a\": \"\\ud800\"}",
            "}}}",
            "[1 2]",
        ] {
            let _ = extract(text);
        }
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let ex = on_small_stack(|| {
            let depth = 10_000;
            extract(&format!("{}1{}", "[".repeat(depth), "]".repeat(depth)))
        });
        assert_eq!(ex.problem, None);
        assert!(
            entries(&ex).is_empty(),
            "the leaf lies beyond the depth bound"
        );
        let objects = on_small_stack(|| {
            extract(&format!(
                "{}1{}",
                "{\"k\":".repeat(10_000),
                "}".repeat(10_000)
            ))
        });
        assert!(entries(&objects).is_empty());
        assert_eq!(paths(&extract("[[[1]]]")), vec!["0.0.0"]);
    }
}
