//! YAML syntax → entry facts, over tree-sitter-yaml's error-tolerant tree.
//!
//! Owns the YAML walk: documents, block and flow collections, anchors, tags,
//! aliases, merge keys and Helm template masking. Scalar decoding lives in
//! `yaml_scalar`. Must not match rules or report: it only extracts.

use super::yaml_scalar::{decode_scalar, template_follows};
use super::{
    flat_children, span_of, text_of, Field, KeepEntry, PathId, Paths, Place, Sink, Task, MAX_DEPTH,
};
use crate::facts::{Extraction, Node, Span, Value};
use tree_sitter::Node as TsNode;

/// Extracts entries from a YAML stream; see [`super::extract_yaml`].
pub(super) fn extract(text: &str, keep: KeepEntry<'_>) -> Extraction {
    let masked = mask_templates(text);
    let parsed = masked.as_deref().unwrap_or(text);
    let mut parser = tree_sitter::Parser::new();
    if parser
        .set_language(&tree_sitter_yaml::LANGUAGE.into())
        .is_err()
    {
        return super::unparsed("YAML");
    }
    let mut sink = Sink::new(keep);
    let mut problem = None;
    let chunks = chunks(parsed);
    for range in &chunks {
        if chunks.len() > 1
            && parser
                .set_included_ranges(std::slice::from_ref(range))
                .is_err()
        {
            continue;
        }
        let Some(tree) = parser.parse(parsed, None) else {
            return super::unparsed("YAML");
        };
        let root = Task {
            node: tree.root_node(),
            path: Paths::ROOT,
            depth: 0,
            place: Place::Root,
        };
        let mut walker = Walker {
            src: text,
            sink: &mut sink,
            stack: vec![root],
        };
        while let Some(task) = walker.stack.pop() {
            walker.run(task);
        }
        problem = problem.or_else(|| super::first_problem(&tree, text, "YAML"));
    }
    sink.finish(problem)
}

/// tree-sitter-yaml counts lines in 16 bits and fails past 32 767 lines
/// (tree-sitter-grammars/tree-sitter-yaml#49), so long streams are parsed in
/// chunks of whole documents, each split at a `---` line.
const CHUNK_LINES: usize = 30_000;

/// The byte ranges to parse separately: one range unless the text is long.
fn chunks(text: &str) -> Vec<tree_sitter::Range> {
    let range = |start: usize, end: usize, row: usize, end_row: usize| tree_sitter::Range {
        start_byte: start,
        end_byte: end,
        start_point: tree_sitter::Point::new(row, 0),
        end_point: tree_sitter::Point::new(end_row, 0),
    };
    let mut out = Vec::new();
    let (mut start, mut start_row, mut split) = (0, 0, None);
    let mut row = 0;
    for (at, _) in text.match_indices('\n') {
        row += 1;
        let line = at + 1;
        if is_document_start(&text[line..]) {
            split = Some((line, row));
        }
        if let Some((cut, cut_row)) = split.filter(|_| row - start_row >= CHUNK_LINES) {
            if cut > start {
                out.push(range(start, cut, start_row, cut_row));
                (start, start_row, split) = (cut, cut_row, None);
            }
        }
    }
    out.push(range(start, text.len(), start_row, row));
    out
}

/// Whether a line opens a document with a `---` marker.
fn is_document_start(line: &str) -> bool {
    line.strip_prefix("---")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']))
}

/// Replaces every `{{ … }}` action with same-length filler, so byte offsets
/// survive: a line holding only actions becomes a comment (Helm control flow),
/// an action inside a line becomes a plain `_` run (later read as `Unknown`).
/// `None` when the text has no action, which spares the copy.
fn mask_templates(text: &str) -> Option<String> {
    const HOLE: u8 = 0;
    if !text.contains("{{") {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    let mut at = 0;
    while let Some(open) = text[at..].find("{{").map(|i| at + i) {
        let close = match text[open..].find("}}") {
            Some(i) => open + i + 2,
            None => text[open..].find('\n').map_or(text.len(), |i| open + i),
        };
        for b in &mut bytes[open..close] {
            if *b != b'\n' {
                *b = HOLE;
            }
        }
        at = close;
    }
    for line in bytes.split_mut(|b| *b == b'\n') {
        let only_actions = line
            .iter()
            .all(|b| matches!(*b, HOLE | b' ' | b'\t' | b'\r'));
        let mut first = true;
        for b in line.iter_mut().filter(|b| **b == HOLE) {
            *b = match (only_actions, first) {
                (true, true) => b'#',
                (true, false) => b' ',
                (false, _) => b'_',
            };
            first = false;
        }
    }
    String::from_utf8(bytes).ok()
}

struct Walker<'s, 'k, 't> {
    /// The original text: scalars are decoded from it and templates seen in it.
    src: &'s str,
    sink: &'k mut Sink<'s>,
    stack: Vec<Task<'t>>,
}

/// What a value node holds once anchors and tags are looked through.
struct Content<'t> {
    node: Option<TsNode<'t>>,
    tag: Option<TsNode<'t>>,
}

fn content(node: TsNode<'_>) -> Content<'_> {
    if !matches!(node.kind(), "block_node" | "flow_node") {
        return Content {
            node: Some(node),
            tag: None,
        };
    }
    let mut found = Content {
        node: None,
        tag: None,
    };
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        match child.kind() {
            "tag" => found.tag = Some(child),
            "anchor" | "comment" => {}
            _ => found.node = Some(child),
        }
    }
    found
}

fn is_scalar(kind: &str) -> bool {
    matches!(
        kind,
        "plain_scalar" | "double_quote_scalar" | "single_quote_scalar" | "block_scalar"
    )
}

impl<'t> Walker<'_, '_, 't> {
    fn run(&mut self, task: Task<'t>) {
        let kind = task.node.kind();
        if matches!(task.place, Place::Root)
            && (kind == "stream" || kind == "document" || task.node.is_error())
        {
            self.root(task.node, task.depth);
            return;
        }
        let found = content(task.node);
        let Some(node) = found.node else {
            let value = self.tagged_empty(found.tag, task.node);
            self.sink
                .emit(task.path, task.place, span_of(task.node), value);
            return;
        };
        match node.kind() {
            "block_mapping" | "flow_mapping" => self.mapping(node, &task),
            // Only a mapping merges; `<<: *alias` is deliberately not expanded.
            _ if matches!(task.place, Place::Merge) => {}
            "block_sequence" | "flow_sequence" => self.sequence(node, task.path, task.depth + 1),
            kind if is_scalar(kind) || kind == "alias" => self.scalar_entry(node, found.tag, &task),
            _ => {}
        }
    }

    /// A stream, a document, or an ERROR standing where a document should be:
    /// each document's paths start afresh at the root.
    fn root(&mut self, node: TsNode<'t>, depth: usize) {
        for child in flat_children(node) {
            let place = Place::Root;
            match child.kind() {
                "document" | "block_node" | "flow_node" => self.stack.push(Task {
                    node: child,
                    path: Paths::ROOT,
                    depth,
                    place,
                }),
                "block_mapping_pair" | "flow_pair" => {
                    self.pair(child, Paths::ROOT, depth);
                }
                _ => {}
            }
        }
    }

    fn scalar_entry(&mut self, node: TsNode<'t>, tag: Option<TsNode<'t>>, task: &Task<'t>) {
        let value = self.scalar(node, tag);
        if let (Place::Item { seq, span }, Value::Str(text)) = (task.place, &value.value) {
            let offset = raw_offset(self.src, node, text);
            self.sink.env_item(seq, text, offset, value.span, span);
        }
        self.sink
            .emit(task.path, task.place, span_of(task.node), value);
    }

    fn scalar(&self, node: TsNode<'t>, tag: Option<TsNode<'t>>) -> Node {
        let value = if node.kind() == "alias" {
            Value::Unknown
        } else {
            let tag = tag.map(|t| text_of(self.src, t));
            decode_scalar(self.src, node, tag)
        };
        Node {
            value,
            span: span_of(node),
        }
    }

    /// A node with only a tag or anchor and no content (`key: !!str`).
    fn tagged_empty(&self, tag: Option<TsNode<'t>>, node: TsNode<'t>) -> Node {
        let value = match tag.map(|t| text_of(self.src, t)) {
            None | Some("!!null") => Value::Null,
            Some("!!str" | "!") => Value::Str(String::new()),
            Some(_) => Value::Unknown,
        };
        Node {
            value,
            span: Span::new(node.end_byte(), node.end_byte()),
        }
    }

    fn mapping(&mut self, node: TsNode<'t>, task: &Task<'t>) {
        let depth = task.depth + 1;
        if depth > MAX_DEPTH {
            return;
        }
        let (mut name, mut value) = (None, None);
        for child in flat_children(node) {
            match child.kind() {
                "block_mapping_pair" | "flow_pair" => match self.pair(child, task.path, depth) {
                    Some((Field::Name, v)) => {
                        name = matches!(v.value, Value::Str(_)).then_some((v.value, v.span))
                    }
                    Some((Field::Value, v)) => value = Some(v),
                    None => {}
                },
                "flow_node" => self.bare_key(child, task.path),
                _ => {}
            }
        }
        if let (Place::Item { seq, span }, Some((Value::Str(name), name_span)), Some(value)) =
            (task.place, name, value)
        {
            self.sink.name_value(seq, (name, name_span), value, span);
        }
    }

    /// Handles one `key: value`; returns a scalar `name` or `value` field,
    /// for the `name`/`value` normalisation.
    fn pair(&mut self, pair: TsNode<'t>, path: PathId, depth: usize) -> Option<(Field, Node)> {
        let key_node = pair.child_by_field_name("key")?;
        let key_content = content(key_node).node?;
        if !is_scalar(key_content.kind()) {
            return None;
        }
        let key = self.key_text(key_content);
        let key_span = span_of(key_content);
        let value = pair.child_by_field_name("value");
        if key == "<<" {
            if let Some(node) = value {
                self.stack.push(Task {
                    node,
                    path,
                    depth,
                    place: Place::Merge,
                });
            }
            return None;
        }
        let field = Field::of(&key);
        let child = self.sink.paths.child(path, key);
        let place = Place::Pair {
            key: key_span,
            span: trimmed(self.src, pair),
        };
        let Some(node) = value else {
            let end = pair.end_byte();
            let value = if template_follows(self.src, end) {
                Value::Unknown
            } else {
                Value::Null
            };
            self.sink.emit(
                child,
                place,
                key_span,
                Node {
                    value,
                    span: Span::new(end, end),
                },
            );
            return None;
        };
        self.stack.push(Task {
            node,
            path: child,
            depth,
            place,
        });
        let found = content(node);
        let scalar = found
            .node
            .filter(|n| is_scalar(n.kind()) || n.kind() == "alias")?;
        Some((field?, self.scalar(scalar, found.tag)))
    }

    /// A flow-mapping entry without `:` (`{a, b: 1}`): a key whose value is null.
    fn bare_key(&mut self, node: TsNode<'t>, path: PathId) {
        let Some(key_node) = content(node).node.filter(|n| is_scalar(n.kind())) else {
            return;
        };
        let key = self.key_text(key_node);
        let span = span_of(node);
        let child = self.sink.paths.child(path, key);
        let place = Place::Pair {
            key: span_of(key_node),
            span,
        };
        self.sink.emit(
            child,
            place,
            span,
            Node {
                value: Value::Null,
                span: Span::new(span.end, span.end),
            },
        );
    }

    /// A key as written, unquoted; a templated key keeps its source text.
    fn key_text(&self, node: TsNode<'t>) -> String {
        match decode_scalar(self.src, node, Some("!!str")) {
            Value::Str(s) => s,
            _ => text_of(self.src, node).to_string(),
        }
    }

    fn sequence(&mut self, node: TsNode<'t>, path: PathId, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let mut index = 0usize;
        for child in flat_children(node) {
            let value = match child.kind() {
                "block_sequence_item" => flat_children(child).into_iter().next(),
                "flow_node" | "flow_pair" => Some(child),
                _ => continue,
            };
            let item = self.sink.paths.child(path, index.to_string());
            index += 1;
            let span = trimmed(self.src, child);
            match value {
                Some(pair) if pair.kind() == "flow_pair" => {
                    // `[a: 1]` is a sequence of one-pair mappings.
                    self.pair(pair, item, depth + 1);
                }
                Some(node) => self.stack.push(Task {
                    node,
                    path: item,
                    depth,
                    place: Place::Item { seq: path, span },
                }),
                None => {
                    let value = Node {
                        value: Value::Null,
                        span: Span::new(span.end, span.end),
                    };
                    self.sink
                        .emit(item, Place::Item { seq: path, span }, span, value);
                }
            }
        }
    }
}

/// A node's span without trailing blank space, which tree-sitter-yaml
/// attaches to pairs and items that end a block.
fn trimmed(src: &str, node: TsNode<'_>) -> Span {
    let span = span_of(node);
    let kept = text_of(src, node).trim_end().len();
    Span::new(span.start, span.start + kept)
}

/// Where `decoded` starts in the file when it is exactly the scalar's source
/// text (plain, or quoted without escapes), so sub-spans can be exact.
fn raw_offset(src: &str, node: TsNode<'_>, decoded: &str) -> Option<usize> {
    let raw = text_of(src, node);
    let start = node.start_byte();
    if raw == decoded {
        return Some(start);
    }
    let quoted = raw.len() >= 2 && (raw.starts_with('"') || raw.starts_with('\''));
    (quoted && raw.get(1..raw.len() - 1) == Some(decoded)).then_some(start + 1)
}

#[cfg(test)]
mod tests;
