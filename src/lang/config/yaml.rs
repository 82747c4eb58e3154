//! YAML syntax → entry facts, over tree-sitter-yaml's error-tolerant tree.
//!
//! Owns the YAML walk: documents, block and flow collections, anchors, tags,
//! aliases, merge keys and Helm template masking. Scalar decoding lives in
//! `yaml_scalar`. Must not match rules or report: it only extracts.

use super::yaml_scalar::{decode_scalar, template_follows};
use super::{flat_children, span_of, text_of, Field, PathId, Paths, Place, Sink, Task, MAX_DEPTH};
use crate::facts::{Extraction, Node, Span, Value};
use tree_sitter::Node as TsNode;

/// Extracts entries from a YAML stream; see [`super::extract_yaml`].
pub(super) fn extract(text: &str) -> Extraction {
    let masked = mask_templates(text);
    let parsed = masked.as_deref().unwrap_or(text);
    let mut parser = tree_sitter::Parser::new();
    if parser
        .set_language(&tree_sitter_yaml::LANGUAGE.into())
        .is_err()
    {
        return super::unparsed("YAML");
    }
    let mut sink = Sink::new();
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
    sink: &'k mut Sink,
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
mod tests {
    use super::super::tests::{check, entries, get, on_small_stack, paths};
    use super::*;

    fn str(s: &str) -> Value {
        Value::Str(s.to_string())
    }

    #[test]
    fn scalars_types_and_spans() {
        let text = "name: web\nport: 8080\ndebug: True\nflag: off\nok: yes\nnone: ~\nempty:\nhex: 0x1F\nratio: -1.5e1\n\
                    quoted: \"a\\tb\\u00e9\"\nsingle: 'it''s'\n\"quoted key\": 1\nnan: .NaN\nwhen: 2024-01-01\n";
        let ex = extract(text);
        assert_eq!(ex.problem, None);
        check(text, &ex, "name", "name", "web", str("web"));
        check(text, &ex, "port", "port", "8080", Value::Num(8080.0));
        check(text, &ex, "debug", "debug", "True", Value::Bool(true));
        check(text, &ex, "flag", "flag", "off", str("off"));
        check(text, &ex, "ok", "ok", "yes", str("yes"));
        check(text, &ex, "none", "none", "~", Value::Null);
        check(text, &ex, "empty", "empty", "", Value::Null);
        check(text, &ex, "hex", "hex", "0x1F", Value::Num(31.0));
        check(text, &ex, "ratio", "ratio", "-1.5e1", Value::Num(-15.0));
        check(
            text,
            &ex,
            "quoted",
            "quoted",
            "\"a\\tb\\u00e9\"",
            str("a\tbé"),
        );
        check(text, &ex, "single", "single", "'it''s'", str("it's"));
        check(
            text,
            &ex,
            "quoted key",
            "\"quoted key\"",
            "1",
            Value::Num(1.0),
        );
        check(text, &ex, "when", "when", "2024-01-01", str("2024-01-01"));
        assert!(matches!(get(&ex, "nan").value.value, Value::Num(n) if n.is_nan()));
        let port = get(&ex, "port");
        assert_eq!(&text[port.span.start..port.span.end], "port: 8080");
    }

    #[test]
    fn block_and_multiline_scalars() {
        let text = "lit: |\n  line1\n    more\n\n  line3\nfold: >-\n  a\n  b\n\n  c\nkeep: |+\n  x\n\nplain: one\n  two\ntag: !!str 5\ncustom: !Ref other\n";
        let ex = extract(text);
        assert_eq!(ex.problem, None);
        check(
            text,
            &ex,
            "lit",
            "lit",
            "|\n  line1\n    more\n\n  line3",
            str("line1\n  more\n\nline3\n"),
        );
        check(
            text,
            &ex,
            "fold",
            "fold",
            ">-\n  a\n  b\n\n  c",
            str("a b\nc"),
        );
        assert_eq!(get(&ex, "keep").value.value, str("x\n"));
        check(text, &ex, "plain", "plain", "one\n  two", str("one two"));
        check(text, &ex, "tag", "tag", "5", str("5"));
        check(text, &ex, "custom", "custom", "other", Value::Unknown);
    }

    #[test]
    fn kubernetes_env_name_value_list() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: \"node:20\"\n          env:\n            - name: NODE_TLS_REJECT_UNAUTHORIZED\n              value: \"0\"\n            - name: PORT\n              value: 8080\n            - name: FROM_SECRET\n              valueFrom:\n                secretKeyRef: {name: s, key: k}\n          ports: []\n";
        let ex = extract(text);
        assert_eq!(ex.problem, None);
        let env = "spec.template.spec.containers.0.env";
        check(
            text,
            &ex,
            &format!("{env}.0.value"),
            "value",
            "\"0\"",
            str("0"),
        );
        check(
            text,
            &ex,
            &format!("{env}.NODE_TLS_REJECT_UNAUTHORIZED"),
            "NODE_TLS_REJECT_UNAUTHORIZED",
            "\"0\"",
            str("0"),
        );
        let item = get(&ex, &format!("{env}.NODE_TLS_REJECT_UNAUTHORIZED"));
        assert!(text[item.span.start..item.span.end].starts_with("- name: NODE_TLS"));
        check(
            text,
            &ex,
            &format!("{env}.PORT"),
            "PORT",
            "8080",
            Value::Num(8080.0),
        );
        assert!(
            !paths(&ex).iter().any(|p| p.ends_with("FROM_SECRET")),
            "no value, no normalised entry"
        );
        check(
            text,
            &ex,
            &format!("{env}.2.valueFrom.secretKeyRef.key"),
            "key",
            "k",
            str("k"),
        );
        assert!(
            !paths(&ex).iter().any(|p| p.contains("ports")),
            "an empty sequence gives no entry"
        );
        check(
            text,
            &ex,
            "spec.template.spec.containers.0.image",
            "image",
            "\"node:20\"",
            str("node:20"),
        );
        let starts: Vec<usize> = entries(&ex).iter().map(|e| e.span.start).collect();
        assert!(
            starts.windows(2).all(|w| w[0] <= w[1]),
            "entries in source order"
        );
    }

    #[test]
    fn compose_environment_list() {
        let text = "services:\n  web:\n    environment:\n      - DEBUG=true\n      - \"SECRET_KEY=abc=def\"\n      - ONLY_NAME\n  db:\n    environment:\n      POSTGRES_PASSWORD: hunter2\n";
        let ex = extract(text);
        assert_eq!(ex.problem, None);
        check(
            text,
            &ex,
            "services.web.environment.DEBUG",
            "DEBUG",
            "true",
            str("true"),
        );
        check(
            text,
            &ex,
            "services.web.environment.SECRET_KEY",
            "SECRET_KEY",
            "abc=def",
            str("abc=def"),
        );
        check(
            text,
            &ex,
            "services.web.environment.0",
            "DEBUG=true",
            "DEBUG=true",
            str("DEBUG=true"),
        );
        assert!(!paths(&ex).contains(&"services.web.environment.ONLY_NAME".to_string()));
        check(
            text,
            &ex,
            "services.db.environment.POSTGRES_PASSWORD",
            "POSTGRES_PASSWORD",
            "hunter2",
            str("hunter2"),
        );
    }

    #[test]
    fn helm_template_keeps_surrounding_keys() {
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include \"app.fullname\" . }}\n  labels:\n    {{- include \"app.labels\" . | nindent 4 }}\ndata:\n{{- if .Values.debug }}\n  DEBUG: \"true\"\n{{- end }}\n  LEVEL: {{ .Values.level | quote }}\n  FIXED: info\n";
        let ex = extract(text);
        assert_eq!(ex.problem, None, "masked actions parse cleanly");
        check(text, &ex, "kind", "kind", "ConfigMap", str("ConfigMap"));
        check(
            text,
            &ex,
            "metadata.name",
            "name",
            "{{ include \"app.fullname\" . }}",
            Value::Unknown,
        );
        assert_eq!(get(&ex, "metadata.labels").value.value, Value::Unknown);
        check(text, &ex, "data.DEBUG", "DEBUG", "\"true\"", str("true"));
        check(
            text,
            &ex,
            "data.LEVEL",
            "LEVEL",
            "{{ .Values.level | quote }}",
            Value::Unknown,
        );
        check(text, &ex, "data.FIXED", "FIXED", "info", str("info"));
    }

    #[test]
    fn multi_document_paths_start_fresh() {
        let text = "kind: Service\nspec:\n  port: 80\n---\nkind: Deployment\nspec:\n  replicas: 2\n...\n---\n- a\n";
        let ex = extract(text);
        assert_eq!(
            paths(&ex),
            vec!["kind", "spec.port", "kind", "spec.replicas", "0"]
        );
        assert_eq!(entries(&ex)[2].value.value, str("Deployment"));
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let text = "base: &base\n  user: admin\nother: &v 5\nref: *v\nchild:\n  <<: *base\n  extra: 1\nmerged:\n  <<: {inline: 2}\n";
        let ex = extract(text);
        assert_eq!(
            paths(&ex),
            vec!["base.user", "other", "ref", "child.extra", "merged.inline"]
        );
        check(text, &ex, "other", "other", "5", Value::Num(5.0));
        check(text, &ex, "ref", "ref", "*v", Value::Unknown);
    }

    #[test]
    fn billion_laughs_is_not_expanded() {
        let mut text = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
        {
            text.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 9].join(",")
            ));
        }
        let ex = extract(&text);
        assert_eq!(entries(&ex).len(), 9 + 8 * 9);
    }

    #[test]
    fn flow_collections() {
        let text = "cfg: {a: 1, b: [x, {y: z}], \"c\": null, bare, d: [k: v]}\n";
        let ex = extract(text);
        assert_eq!(ex.problem, None);
        assert_eq!(
            paths(&ex),
            vec![
                "cfg.a",
                "cfg.b.0",
                "cfg.b.1.y",
                "cfg.c",
                "cfg.bare",
                "cfg.d.0.k"
            ]
        );
        check(text, &ex, "cfg.b.0", "x", "x", str("x"));
        check(text, &ex, "cfg.c", "\"c\"", "null", Value::Null);
        check(text, &ex, "cfg.d.0.k", "k", "v", str("v"));
    }

    #[test]
    fn syntax_error_keeps_recovered_entries() {
        let text = "a: 1\nb: [1, 2\nc: 3\n";
        let ex = extract(text);
        let problem = ex
            .problem
            .clone()
            .expect("a problem for the unclosed sequence");
        assert!(problem.span.is_some());
        assert!(problem.message.contains("YAML"));
        check(text, &ex, "a", "a", "1", Value::Num(1.0));
        check(text, &ex, "c", "c", "3", Value::Num(3.0));
    }

    #[test]
    fn deep_flow_nesting_is_bounded() {
        let ex = on_small_stack(|| {
            let depth = 10_000;
            let text = format!("k: {}1{}\n", "[".repeat(depth), "]".repeat(depth));
            extract(&text)
        });
        assert!(
            entries(&ex).is_empty(),
            "the leaf lies beyond the depth bound"
        );
        let shallow = extract("k: [[[1]]]\n");
        assert_eq!(paths(&shallow), vec!["k.0.0.0"]);
    }

    #[test]
    fn streams_past_the_grammar_line_limit_are_chunked() {
        let text = "---\na: 1\nb: x\n".repeat(12_000);
        assert!(chunks(&text).len() > 1);
        let ex = extract(&text);
        assert_eq!(ex.problem, None);
        let all = entries(&ex);
        assert_eq!(all.len(), 24_000);
        let last = all.last().expect("entries");
        assert_eq!(&text[last.value.span.start..last.value.span.end], "x");
        assert_eq!(last.value.span.end, text.len() - 1);
        assert_eq!(chunks("a: 1\n").len(), 1);
    }

    #[test]
    fn hostile_inputs_do_not_panic() {
        for text in [
            "",
            "\u{feff}a: 1",
            ": :",
            "- - -",
            "{{",
            "a: {{",
            "? [a]\n: b",
            "a: \"\\x\\u12\"",
            "!!",
            "&a",
            "*a",
            "a: |9\n b",
            "\"a",
            "'",
            "a:\n\t- b",
        ] {
            let _ = extract(text);
        }
    }
}
