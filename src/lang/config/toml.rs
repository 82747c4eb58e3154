//! TOML syntax → entry facts, over toml_edit's span-preserving document.
//!
//! Owns the TOML walk: tables, dotted keys, inline tables, arrays and arrays
//! of tables. Must not match rules or report: a syntax error is handed back
//! as the extraction's problem (with no entries, since toml_edit does not
//! recover).

use super::{KeepEntry, PathId, Paths, Place, Sink, MAX_DEPTH};
use crate::facts::{Extraction, Node, ParseProblem, Span, Value};
use toml_edit::{Array, ArrayOfTables, Item, TableLike};

/// Extracts entries from TOML text; see [`super::extract_toml`].
pub(super) fn extract<'s>(text: &'s str, keep: KeepEntry<'s>) -> Extraction {
    let doc = match toml_edit::Document::parse(text) {
        Ok(doc) => doc,
        Err(error) => {
            return Extraction {
                facts: Vec::new(),
                problem: Some(ParseProblem {
                    message: error.message().trim().to_string(),
                    span: error.span().map(|r| Span::new(r.start, r.end)),
                }),
            }
        }
    };
    let mut walker = Walker {
        src: text,
        sink: Sink::new(keep),
        stack: Vec::new(),
    };
    walker.stack.push(Work::Table {
        table: doc.as_table(),
        path: Paths::ROOT,
        depth: 0,
        outer: Outer::default(),
    });
    while let Some(work) = walker.stack.pop() {
        match work {
            Work::Table {
                table,
                path,
                depth,
                outer,
            } => walker.table(table, path, depth, outer),
            Work::Array { array, path, depth } => walker.array(array, path, depth),
            Work::Tables {
                tables,
                path,
                depth,
            } => walker.tables(tables, path, depth),
        }
    }
    walker.sink.finish(None)
}

/// What a table inherits from where it stands.
#[derive(Default, Clone, Copy)]
struct Outer {
    /// Start of the dotted key (`a` in `a.b.c = 1`) that opened this table,
    /// so a leaf's entry spans the whole `a.b.c = 1`.
    pair_start: Option<usize>,
    /// When the table is an item of an array: the sequence path and the item.
    item: Option<(PathId, Span)>,
}

/// One pending container; the walk keeps its own stack.
enum Work<'d> {
    Table {
        table: &'d dyn TableLike,
        path: PathId,
        depth: usize,
        outer: Outer,
    },
    Array {
        array: &'d Array,
        path: PathId,
        depth: usize,
    },
    Tables {
        tables: &'d ArrayOfTables,
        path: PathId,
        depth: usize,
    },
}

struct Walker<'s, 'd> {
    src: &'s str,
    sink: Sink<'s>,
    stack: Vec<Work<'d>>,
}

fn to_span(range: Option<std::ops::Range<usize>>) -> Option<Span> {
    range.map(|r| Span::new(r.start, r.end))
}

impl<'d> Walker<'_, 'd> {
    fn table(&mut self, table: &'d dyn TableLike, path: PathId, depth: usize, outer: Outer) {
        let depth = depth + 1;
        if depth > MAX_DEPTH {
            return;
        }
        for (name, item) in table.iter() {
            let Some(key_span) = table.key(name).and_then(|k| to_span(k.span())) else {
                continue;
            };
            let child = self.sink.paths.child(path, name.to_string());
            let pair_start = outer.pair_start.unwrap_or(key_span.start);
            match item {
                Item::Value(toml_edit::Value::Array(array)) => self.stack.push(Work::Array {
                    array,
                    path: child,
                    depth,
                }),
                Item::ArrayOfTables(tables) => self.stack.push(Work::Tables {
                    tables,
                    path: child,
                    depth,
                }),
                Item::None => {}
                _ => match item.as_table_like() {
                    Some(inner) => {
                        let dotted = inner.is_dotted().then_some(pair_start);
                        let outer = Outer {
                            pair_start: dotted,
                            item: None,
                        };
                        self.stack.push(Work::Table {
                            table: inner,
                            path: child,
                            depth,
                            outer,
                        });
                    }
                    None => {
                        if let Some(value) = item.as_value().and_then(|v| self.scalar(v)) {
                            let span = Span::new(pair_start, value.span.end);
                            self.sink.emit(
                                child,
                                Place::Pair {
                                    key: key_span,
                                    span,
                                },
                                key_span,
                                value,
                            );
                        }
                    }
                },
            }
        }
        if let Some((seq, span)) = outer.item {
            self.name_value(table, seq, span);
        }
    }

    /// `[[env]] name = "X"  value = "v"` also yields `env.X = v`.
    fn name_value(&mut self, table: &dyn TableLike, seq: PathId, item: Span) {
        let scalar = |key: &str| {
            table
                .get(key)
                .and_then(Item::as_value)
                .and_then(|v| self.scalar(v))
        };
        if let (Some(name), Some(value)) = (scalar("name"), scalar("value")) {
            if let Value::Str(key) = name.value {
                // A `[[table]]` span covers only its header; widen it to the pair.
                let start = item.start.min(name.span.start);
                let item = Span::new(start, item.end.max(name.span.end).max(value.span.end));
                self.sink.name_value(seq, (key, name.span), value, item);
            }
        }
    }

    fn array(&mut self, array: &'d Array, path: PathId, depth: usize) {
        let depth = depth + 1;
        if depth > MAX_DEPTH {
            return;
        }
        for (index, value) in array.iter().enumerate() {
            let child = self.sink.paths.child(path, index.to_string());
            let span = to_span(value.span()).unwrap_or_default();
            match value {
                toml_edit::Value::Array(inner) => self.stack.push(Work::Array {
                    array: inner,
                    path: child,
                    depth,
                }),
                toml_edit::Value::InlineTable(table) => {
                    let outer = Outer {
                        pair_start: None,
                        item: Some((path, span)),
                    };
                    self.stack.push(Work::Table {
                        table,
                        path: child,
                        depth,
                        outer,
                    });
                }
                _ => {
                    if let Some(node) = self.scalar(value) {
                        self.sink
                            .emit(child, Place::Item { seq: path, span }, span, node);
                    }
                }
            }
        }
    }

    fn tables(&mut self, tables: &'d ArrayOfTables, path: PathId, depth: usize) {
        for (index, table) in tables.iter().enumerate() {
            let child = self.sink.paths.child(path, index.to_string());
            let span = to_span(table.span()).unwrap_or_default();
            let outer = Outer {
                pair_start: None,
                item: Some((path, span)),
            };
            self.stack.push(Work::Table {
                table,
                path: child,
                depth,
                outer,
            });
        }
    }

    /// A scalar value with its span; containers are `None` (walked instead).
    fn scalar(&self, value: &toml_edit::Value) -> Option<Node> {
        let span = to_span(value.span())?;
        let value = match value {
            toml_edit::Value::String(s) => Value::Str(s.value().clone()),
            toml_edit::Value::Integer(i) => Value::Num(*i.value() as f64),
            toml_edit::Value::Float(f) => Value::Num(*f.value()),
            toml_edit::Value::Boolean(b) => Value::Bool(*b.value()),
            toml_edit::Value::Datetime(_) => {
                Value::Str(self.src.get(span.start..span.end).unwrap_or("").to_string())
            }
            toml_edit::Value::Array(_) | toml_edit::Value::InlineTable(_) => return None,
        };
        Some(Node { value, span })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, entries, get, paths};
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
        let text = "title = \"x\" # c\na.b.c = 1_000\nhex = 0xff\nf = 6.5e-1\non = true\nwhen = 1979-05-27T07:32:00Z\n\
                    \"quoted key\" = 'lit'\narr = [1, [2, \"s\"], {k = \"v\"}]\ninline = { x = 1, y.z = false }\nempty = []\n";
        let ex = extract(text);
        assert_eq!(ex.problem, None);
        check(text, &ex, "title", "title", "\"x\"", str("x"));
        check(text, &ex, "a.b.c", "c", "1_000", Value::Num(1000.0));
        assert_eq!(
            &text[get(&ex, "a.b.c").span.start..get(&ex, "a.b.c").span.end],
            "a.b.c = 1_000"
        );
        check(text, &ex, "hex", "hex", "0xff", Value::Num(255.0));
        check(text, &ex, "f", "f", "6.5e-1", Value::Num(0.65));
        check(text, &ex, "on", "on", "true", Value::Bool(true));
        check(
            text,
            &ex,
            "when",
            "when",
            "1979-05-27T07:32:00Z",
            str("1979-05-27T07:32:00Z"),
        );
        check(
            text,
            &ex,
            "quoted key",
            "\"quoted key\"",
            "'lit'",
            str("lit"),
        );
        check(text, &ex, "arr.1.1", "\"s\"", "\"s\"", str("s"));
        check(text, &ex, "arr.2.k", "k", "\"v\"", str("v"));
        check(text, &ex, "inline.y.z", "z", "false", Value::Bool(false));
        assert!(!paths(&ex).iter().any(|p| p.starts_with("empty")));
    }

    #[test]
    fn tables_and_arrays_of_tables() {
        let text = "[server.tls]\nenabled = false\n\n[[bin]]\nname = \"A\"\nvalue = \"1\"\n\n[[bin]]\npath = \"src/b.rs\"\n";
        let ex = extract(text);
        assert_eq!(
            paths(&ex),
            vec![
                "server.tls.enabled",
                "bin.A",
                "bin.0.name",
                "bin.0.value",
                "bin.1.path"
            ]
        );
        check(
            text,
            &ex,
            "server.tls.enabled",
            "enabled",
            "false",
            Value::Bool(false),
        );
        check(text, &ex, "bin.A", "\"A\"", "\"1\"", str("1"));
        check(
            text,
            &ex,
            "bin.1.path",
            "path",
            "\"src/b.rs\"",
            str("src/b.rs"),
        );
    }

    #[test]
    fn syntax_error_gives_problem_and_no_entries() {
        let text = "a = 1\nb = \n";
        let ex = extract(text);
        assert!(entries(&ex).is_empty());
        let problem = ex.problem.expect("a problem");
        assert!(!problem.message.is_empty());
        assert_eq!(problem.span.map(|s| s.start), Some(10));
        assert!(
            extract("a = 1\na = 2\n").problem.is_some(),
            "duplicate keys are errors"
        );
    }

    #[test]
    fn deep_arrays_do_not_overflow() {
        let ex = super::super::tests::on_small_stack(|| {
            let depth = 10_000;
            extract(&format!(
                "k = {}1{}\n",
                "[".repeat(depth),
                "]".repeat(depth)
            ))
        });
        assert!(ex.problem.is_some(), "toml_edit refuses this nesting");
    }
}
