//! Configuration front end: turns YAML, JSON, TOML and `.env` syntax into
//! `Fact::Entry` facts, one per scalar leaf, keyed by its path from the root.
//!
//! This module owns only configuration syntax → entry facts. It must not match
//! rules, judge values or report anything: a parse problem is handed back in
//! the `Extraction`, never printed. The caller may say which key paths it
//! wants ([`KeepEntry`]); other entries are never stored. The shared
//! machinery here (key-path arena, entry sink, tree-sitter helpers, number
//! literals) exists so that every format produces the same shape of
//! entries, including the environment variable normalisations that let one
//! rule cover Kubernetes, Compose and `.env` files alike.

mod dotenv;
mod json;
mod json_fast;
mod json_lex;
mod key_path;
mod toml;
mod yaml;
mod yaml_scalar;

use crate::facts::{Entry, Extraction, Fact, Node, ParseProblem, Span, Value};

/// YAML (also multi-document, Kubernetes manifests, Helm templates, docker-compose), via tree-sitter-yaml: error tolerant.
///
/// Exists so rules can check infrastructure manifests by key path; Helm
/// template actions are masked rather than parsed so they never stop extraction.
pub fn extract_yaml(text: &str, keep: KeepEntry<'_>) -> Extraction {
    yaml::extract(text, keep)
}

/// JSON (and JSON with comments): one pass over the bytes when the file is
/// well-formed, else tree-sitter-json, which tolerates errors.
///
/// Exists for `package.json`, `tsconfig.json`, JSON manifests and similar
/// settings files, which often carry comments or trailing commas.
pub fn extract_json(text: &str, keep: KeepEntry<'_>) -> Extraction {
    json::extract(text, keep)
}

/// TOML, via toml_edit (spans from its parser).
///
/// Exists for `Cargo.toml`, `pyproject.toml` and application settings; a
/// syntax error yields no entries, since toml_edit does not recover.
pub fn extract_toml(text: &str, keep: KeepEntry<'_>) -> Extraction {
    toml::extract(text, keep)
}

/// `.env` files: `KEY=value`, `export KEY=value`, quotes, `#` comments.
///
/// Exists so secrets and insecure switches set through environment files are
/// seen as the same `KEY` entries as in manifests.
pub fn extract_dotenv(text: &str, keep: KeepEntry<'_>) -> Extraction {
    dotenv::extract(text, keep)
}

/// Which entries the caller wants, by key path (segments from the root);
/// `None` keeps every entry. A scan keeps the keys some rule may match, so
/// a large data file (fixtures, lock files) costs its text, not an entry
/// per value.
pub type KeepEntry<'k> = Option<&'k dyn Fn(&[&str]) -> bool>;

/// Containers nested deeper than this are skipped: it bounds work and memory
/// on hostile inputs while no real configuration comes near it.
const MAX_DEPTH: usize = 256;

/// Index of a key path in a [`Paths`] arena.
type PathId = usize;

/// Key paths stored as a parent-linked arena, so descending into a container
/// costs one segment rather than a copy of the whole path.
struct Paths {
    /// `(parent, segment)`; entry 0 is the root and has no segment.
    nodes: Vec<(PathId, String)>,
}

impl Paths {
    const ROOT: PathId = 0;

    fn new() -> Self {
        Paths {
            nodes: vec![(Self::ROOT, String::new())],
        }
    }

    fn child(&mut self, parent: PathId, segment: String) -> PathId {
        self.nodes.push((parent, segment));
        self.nodes.len() - 1
    }

    fn last(&self, id: PathId) -> Option<&str> {
        (id != Self::ROOT)
            .then(|| self.nodes.get(id).map(|(_, s)| s.as_str()))
            .flatten()
    }

    fn segments(&self, mut id: PathId) -> Vec<&str> {
        let mut out = Vec::new();
        while id != Self::ROOT {
            let Some((parent, segment)) = self.nodes.get(id) else {
                break;
            };
            out.push(segment.as_str());
            id = *parent;
        }
        out.reverse();
        out
    }
}

/// Where a value stands, which decides the spans of its entry.
#[derive(Debug, Clone, Copy)]
enum Place {
    /// A document root: a bare scalar there has no key and yields nothing.
    Root,
    /// The value of a YAML merge key: only a mapping contributes.
    Merge,
    /// The value of `key: value`.
    Pair {
        /// The key.
        key: Span,
        /// The whole pair.
        span: Span,
    },
    /// An item of the sequence at path `seq`.
    Item {
        /// The sequence's own path, where normalised entries hang.
        seq: PathId,
        /// The whole item.
        span: Span,
    },
}

/// A field of a sequence item that the `name`/`value` normalisation reads.
enum Field {
    Name,
    Value,
}

impl Field {
    fn of(key: &str) -> Option<Field> {
        match key {
            "name" => Some(Field::Name),
            "value" => Some(Field::Value),
            _ => None,
        }
    }
}

/// Collects entries for one file; shared so all formats emit the same shape.
struct Sink<'k> {
    paths: Paths,
    entries: Vec<Entry>,
    keep: KeepEntry<'k>,
}

impl<'k> Sink<'k> {
    fn new(keep: KeepEntry<'k>) -> Self {
        Sink {
            paths: Paths::new(),
            entries: Vec::new(),
            keep,
        }
    }

    /// Whether the caller wants the entry at this key path.
    fn wants(&self, segments: &[&str]) -> bool {
        self.keep.is_none_or(|keep| keep(segments))
    }

    fn push(&mut self, path: PathId, value: Node, key_span: Span, span: Span) {
        let segments = self.paths.segments(path);
        if !self.wants(&segments) {
            return;
        }
        let key_path = segments.into_iter().map(str::to_owned).collect();
        self.entries.push(Entry {
            key_path,
            value,
            key_span,
            span,
        });
    }

    /// Emits a scalar found at `place`; `node` is the item node for items.
    fn emit(&mut self, path: PathId, place: Place, node: Span, value: Node) {
        match place {
            Place::Root | Place::Merge => {}
            Place::Pair { key, span } => self.push(path, value, key, span),
            Place::Item { span, .. } => self.push(path, value, node, span),
        }
    }

    /// The `name`/`value` item normalisation: `env: [{name: X, value: v}]`
    /// also becomes `env.X = v`, so rules need not know list-shaped env blocks.
    fn name_value(&mut self, seq: PathId, name: (String, Span), value: Node, item: Span) {
        let path = self.paths.child(seq, name.0);
        self.push(path, value, name.1, item);
    }

    /// The Compose normalisation: an item `"KEY=value"` of an `environment`
    /// list also becomes `environment.KEY`. `offset` is where `text` starts in
    /// the file when it is the raw source text (no escapes), for exact spans.
    fn env_item(
        &mut self,
        seq: PathId,
        text: &str,
        offset: Option<usize>,
        scalar: Span,
        item: Span,
    ) {
        let Some(last) = self.paths.last(seq) else {
            return;
        };
        if let Some((key, key_span, value)) = env_item_parts(last, text, offset, scalar) {
            let path = self.paths.child(seq, key);
            self.push(path, value, key_span, item);
        }
    }

    fn finish(mut self, problem: Option<ParseProblem>) -> Extraction {
        self.entries.sort_by_key(|e| e.span.start);
        Extraction {
            facts: self.entries.into_iter().map(Fact::Entry).collect(),
            problem,
        }
    }
}

/// The Compose normalisation's pieces for an item `"KEY=value"` of a list
/// whose last key segment is `list`: the key, its span and the value, or
/// `None` when the list is not `environment` or the item no assignment.
/// `offset` is where `text` starts in the file when it is the raw source
/// text (no escapes), for exact spans; otherwise both spans are `scalar`.
fn env_item_parts(
    list: &str,
    text: &str,
    offset: Option<usize>,
    scalar: Span,
) -> Option<(String, Span, Node)> {
    if list != "environment" {
        return None;
    }
    let (key, value) = text.split_once('=')?;
    let key = key.trim();
    if key.is_empty() {
        return None;
    }
    let (key_span, value_span) = match offset {
        Some(at) => {
            let eq = at + text.len() - value.len() - 1;
            (Span::new(at, eq), Span::new(eq + 1, at + text.len()))
        }
        None => (scalar, scalar),
    };
    let value = Node {
        value: Value::Str(value.to_string()),
        span: value_span,
    };
    Some((key.to_string(), key_span, value))
}

/// One pending container or value in an iterative tree walk: traversal keeps
/// its own stack so hostile nesting cannot overflow the thread's.
struct Task<'t> {
    node: tree_sitter::Node<'t>,
    path: PathId,
    depth: usize,
    place: Place,
}

fn span_of(node: tree_sitter::Node<'_>) -> Span {
    Span::new(node.start_byte(), node.end_byte())
}

/// The source text of a node, or `""` if the offsets are unusable.
fn text_of<'s>(src: &'s str, node: tree_sitter::Node<'_>) -> &'s str {
    src.get(node.byte_range()).unwrap_or("")
}

/// Parses with a tree-sitter grammar; `None` only if the grammar cannot load.
fn parse_tree(language: tree_sitter::Language, text: &str) -> Option<tree_sitter::Tree> {
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&language).ok()?;
    parser.parse(text, None)
}

/// The problem for a tree that could not be parsed at all.
fn unparsed(format: &str) -> Extraction {
    Extraction {
        facts: Vec::new(),
        problem: Some(ParseProblem {
            message: format!("{format} parser failed to run"),
            span: None,
        }),
    }
}

/// The first ERROR or MISSING node in source order, as a problem. Descends
/// only into subtrees that contain an error, so clean files cost one check.
fn first_problem(tree: &tree_sitter::Tree, src: &str, format: &str) -> Option<ParseProblem> {
    let root = tree.root_node();
    if !root.has_error() {
        return None;
    }
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.is_missing() {
            return Some(ParseProblem {
                message: format!("{format} syntax error: missing `{}`", node.kind()),
                span: Some(span_of(node)),
            });
        }
        if node.is_error() {
            let near: String = text_of(src, node)
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(40)
                .collect();
            return Some(ParseProblem {
                message: format!("{format} syntax error near `{}`", near.trim()),
                span: Some(span_of(node)),
            });
        }
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                // has_error promised an error node; report the root if none shows.
                return Some(ParseProblem {
                    message: format!("{format} syntax error"),
                    span: Some(span_of(root)),
                });
            }
        }
    }
}

/// The named children of `node`, comments dropped and ERROR nodes flattened in
/// place, so what a tolerant parse recovered inside an error is still walked.
fn flat_children<'t>(node: tree_sitter::Node<'t>) -> Vec<tree_sitter::Node<'t>> {
    fn push_reversed<'t>(node: tree_sitter::Node<'t>, stack: &mut Vec<tree_sitter::Node<'t>>) {
        let start = stack.len();
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
        stack[start..].reverse();
    }
    let mut out = Vec::new();
    let mut stack = Vec::new();
    push_reversed(node, &mut stack);
    while let Some(child) = stack.pop() {
        if child.is_error() {
            push_reversed(child, &mut stack);
        } else if !child.is_missing() && child.kind() != "comment" {
            out.push(child);
        }
    }
    out
}

/// A decimal literal (`-12`, `1.5e3`, `.5`, `1.`), validated first because
/// Rust's float parser also accepts words such as `inf` and `NaN`.
fn decimal_number(text: &str) -> Option<f64> {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(int) && digits(frac) && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    if mantissa_ok && exponent_ok {
        text.parse().ok()
    } else {
        None
    }
}

/// Digits in `radix` (hex, octal, binary bodies), as a float so that values
/// beyond `u64` still decode rather than fail.
fn radix_number(digits: &str, radix: u32) -> Option<f64> {
    if digits.is_empty() {
        return None;
    }
    digits.chars().try_fold(0f64, |acc, c| {
        c.to_digit(radix)
            .map(|d| acc * f64::from(radix) + f64::from(d))
    })
}

#[cfg(test)]
mod tests;
