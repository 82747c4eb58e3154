//! The extractor: its per-file state, node accessors, the iterative walk that
//! dispatches each node to the fact handlers, and the final assembly of the
//! [`Extraction`].
//!
//! The handlers themselves live in the sibling files (`calls`, `assigns`,
//! `imports`); this file owns only traversal and bookkeeping.

use std::collections::HashMap;

use tree_sitter::Node as TsNode;

use crate::facts::{Extraction, Fact, ParseProblem, Span};

use super::paths::Piece;
use super::resolve::resolve_facts;
use super::tables::{Kind, Tables};

pub(super) fn span_of(node: TsNode<'_>) -> Span {
    Span::new(node.start_byte(), node.end_byte())
}

pub(super) fn fact_start(fact: &Fact) -> usize {
    fact.start()
}

/// Walks the tree and accumulates facts; import aliases are applied at the end
/// because a file may use a name before the line that imports it.
pub(super) struct Extractor<'s> {
    pub(super) text: &'s str,
    pub(super) tables: &'static Tables,
    pub(super) facts: Vec<Fact>,
    pub(super) aliases: HashMap<String, String>,
    pub(super) problem: Option<ParseProblem>,
    /// Values left to build in this file; bounds the cost of nested literals
    /// that are converted once per enclosing property.
    pub(super) budget: usize,
    pub(super) pieces: Vec<Piece<'s>>,
}

impl<'s> Extractor<'s> {
    pub(super) fn new(text: &'s str, tables: &'static Tables) -> Self {
        Extractor {
            text,
            tables,
            facts: Vec::new(),
            aliases: HashMap::new(),
            problem: None,
            budget: text.len().saturating_mul(4).saturating_add(4096),
            pieces: Vec::new(),
        }
    }

    pub(super) fn src(&self, node: TsNode<'_>) -> &'s str {
        self.text.get(node.byte_range()).unwrap_or("")
    }

    pub(super) fn kind(&self, node: TsNode<'_>) -> Kind {
        let id = usize::from(node.kind_id());
        self.tables.kinds.get(id).copied().unwrap_or(Kind::Other)
    }

    pub(super) fn field<'t>(&self, node: TsNode<'t>, field: u16) -> Option<TsNode<'t>> {
        if field == 0 {
            return None;
        }
        node.child_by_field_id(field)
    }

    /// The named children that carry meaning (comments are extras that may
    /// appear anywhere, even between arguments).
    pub(super) fn named_kids<'t>(&self, node: TsNode<'t>) -> Vec<TsNode<'t>> {
        let mut cursor = node.walk();
        node.named_children(&mut cursor)
            .filter(|kid| self.kind(*kid) != Kind::Comment)
            .collect()
    }

    /// The expression inside a parenthesis or TypeScript cast/assertion.
    pub(super) fn inner<'t>(&self, node: TsNode<'t>) -> Option<TsNode<'t>> {
        let mut cursor = node.walk();
        let found = node
            .named_children(&mut cursor)
            .find(|kid| !matches!(self.kind(*kid), Kind::Comment | Kind::TypeArguments));
        found
    }

    /// Pre-order walk with one cursor: iterative, so nesting depth costs no stack.
    pub(super) fn walk(&mut self, root: TsNode<'_>) {
        let want_problem = root.has_error();
        let mut cursor = root.walk();
        loop {
            let node = cursor.node();
            if want_problem && self.problem.is_none() {
                self.check_problem(node);
            }
            let kind = self.kind(node);
            self.visit(node, kind);
            let leaf_like = matches!(kind, Kind::String | Kind::Comment | Kind::Number);
            if !leaf_like && cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    return;
                }
            }
        }
    }

    fn check_problem(&mut self, node: TsNode<'_>) {
        let message = if node.is_missing() {
            format!("syntax error: missing `{}`", node.kind())
        } else if node.is_error() {
            "syntax error: unexpected input".to_string()
        } else {
            return;
        };
        self.problem = Some(ParseProblem {
            message,
            span: Some(span_of(node)),
        });
    }

    fn visit(&mut self, node: TsNode<'_>, kind: Kind) {
        self.note_routes(node, kind);
        match kind {
            Kind::CallExpression => self.on_call(node),
            Kind::NewExpression => self.on_new(node),
            Kind::VariableDeclarator => self.on_declarator(node),
            Kind::AssignmentExpression => self.on_assignment(node),
            Kind::Pair => self.on_pair(node),
            Kind::ShorthandProperty => self.on_shorthand(node),
            Kind::FieldDefinition => self.on_field(node, self.tables.fields.property),
            Kind::PublicFieldDefinition => self.on_field(node, self.tables.fields.name),
            Kind::ImportStatement => self.on_import(node),
            Kind::ExportStatement => self.on_export(node),
            _ => {}
        }
    }

    pub(super) fn finish(mut self, has_error: bool) -> Extraction {
        if has_error && self.problem.is_none() {
            self.problem = Some(ParseProblem {
                message: "syntax error".to_string(),
                span: None,
            });
        }
        self.emit_bindings();
        resolve_facts(&mut self.facts, &self.aliases);
        // Emission is pre-order, hence already sorted; the stable sort is a
        // cheap guarantee (linear on sorted input).
        self.facts.sort_by_key(fact_start);
        Extraction {
            facts: self.facts,
            problem: self.problem,
        }
    }
}
