//! The extractor: its per-file state, node accessors, the iterative walk that
//! dispatches each node to the fact handlers, and the final assembly of the
//! [`Extraction`].
//!
//! The handlers themselves live in the sibling files (`calls`, `assigns`,
//! `imports`); this file owns only traversal and bookkeeping.

use std::cell::Cell;
use std::collections::HashMap;

use tree_sitter::{Node as TsNode, TreeCursor};

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
    /// One cursor for every child listing: creating a cursor allocates.
    /// Taken out while in use, so a nested listing simply makes its own.
    cursor: Cell<Option<TreeCursor<'s>>>,
    /// Emptied child lists kept for reuse (see [`Extractor::kids`]).
    spare_kids: Vec<Vec<TsNode<'s>>>,
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
            cursor: Cell::new(None),
            spare_kids: Vec::new(),
        }
    }

    pub(super) fn src(&self, node: TsNode<'s>) -> &'s str {
        self.text.get(node.byte_range()).unwrap_or("")
    }

    pub(super) fn kind(&self, node: TsNode<'s>) -> Kind {
        let id = usize::from(node.kind_id());
        self.tables.kinds.get(id).copied().unwrap_or(Kind::Other)
    }

    pub(super) fn field(&self, node: TsNode<'s>, field: u16) -> Option<TsNode<'s>> {
        if field == 0 {
            return None;
        }
        node.child_by_field_id(field)
    }

    /// Runs `f` with the shared cursor reset to `node`.
    fn with_cursor<R>(&self, node: TsNode<'s>, f: impl FnOnce(&mut TreeCursor<'s>) -> R) -> R {
        let mut cursor = match self.cursor.take() {
            Some(mut cursor) => {
                cursor.reset(node);
                cursor
            }
            None => node.walk(),
        };
        let result = f(&mut cursor);
        self.cursor.set(Some(cursor));
        result
    }

    /// Appends the named children that carry meaning to `out` (comments are
    /// extras that may appear anywhere, even between arguments).
    fn push_named_kids(&self, node: TsNode<'s>, out: &mut Vec<TsNode<'s>>) {
        self.with_cursor(node, |cursor| {
            if !cursor.goto_first_child() {
                return;
            }
            loop {
                let kid = cursor.node();
                if kid.is_named() && self.kind(kid) != Kind::Comment {
                    out.push(kid);
                }
                if !cursor.goto_next_sibling() {
                    return;
                }
            }
        });
    }

    /// The named children that carry meaning, in a fresh list.
    pub(super) fn named_kids(&self, node: TsNode<'s>) -> Vec<TsNode<'s>> {
        let mut kids = Vec::new();
        self.push_named_kids(node, &mut kids);
        kids
    }

    /// The named children that carry meaning, in a reused list: hand it back
    /// with [`Extractor::recycle`] so the hot paths allocate no list per node.
    pub(super) fn kids(&mut self, node: TsNode<'s>) -> Vec<TsNode<'s>> {
        let mut kids = self.spare_kids.pop().unwrap_or_default();
        self.push_named_kids(node, &mut kids);
        kids
    }

    /// Takes back a list from [`Extractor::kids`] for reuse.
    pub(super) fn recycle(&mut self, mut kids: Vec<TsNode<'s>>) {
        kids.clear();
        self.spare_kids.push(kids);
    }

    /// The expression inside a parenthesis or TypeScript cast/assertion.
    pub(super) fn inner(&self, node: TsNode<'s>) -> Option<TsNode<'s>> {
        self.with_cursor(node, |cursor| {
            if !cursor.goto_first_child() {
                return None;
            }
            loop {
                let kid = cursor.node();
                let skipped = matches!(self.kind(kid), Kind::Comment | Kind::TypeArguments);
                if kid.is_named() && !skipped {
                    return Some(kid);
                }
                if !cursor.goto_next_sibling() {
                    return None;
                }
            }
        })
    }

    /// Pre-order walk with one cursor: iterative, so nesting depth costs no stack.
    ///
    /// Each level keeps how many of its children are left, so the walk climbs
    /// out after the last child instead of asking for a sibling that is not
    /// there (a failed `goto_next_sibling` costs as much as a successful one).
    pub(super) fn walk(&mut self, root: TsNode<'s>) {
        let want_problem = root.has_error();
        let mut cursor = root.walk();
        let mut left: Vec<usize> = Vec::new();
        loop {
            let node = cursor.node();
            if want_problem && self.problem.is_none() {
                self.check_problem(node);
            }
            let kind = self.kind(node);
            self.visit(node, kind);
            let leaf_like = matches!(kind, Kind::String | Kind::Comment | Kind::Number);
            let children = if leaf_like { 0 } else { node.child_count() };
            if children > 0 && cursor.goto_first_child() {
                left.push(children - 1);
                continue;
            }
            if !next_in_preorder(&mut cursor, &mut left) {
                return;
            }
        }
    }

    fn check_problem(&mut self, node: TsNode<'s>) {
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

    /// Route-structure facts come before the plain facts of the same node.
    fn visit(&mut self, node: TsNode<'s>, kind: Kind) {
        match kind {
            Kind::CallExpression => self.on_call_expression(node),
            Kind::NewExpression => self.on_new(node),
            Kind::VariableDeclarator => self.on_declarator(node),
            Kind::AssignmentExpression => {
                self.commonjs_export(node);
                self.on_assignment(node);
            }
            Kind::Class => self.nest_class(node),
            Kind::Pair => self.on_pair(node),
            Kind::ShorthandProperty => self.on_shorthand(node),
            Kind::FieldDefinition => self.on_field(node, self.tables.fields.property),
            Kind::PublicFieldDefinition => self.on_field(node, self.tables.fields.name),
            Kind::ImportStatement => self.on_import(node),
            Kind::ExportStatement => {
                self.export_statement(node);
                self.on_export(node);
            }
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

/// Moves to the next sibling, or to the next sibling of the nearest ancestor
/// that has one; false once the walk is back at the root.
fn next_in_preorder(cursor: &mut TreeCursor<'_>, left: &mut Vec<usize>) -> bool {
    loop {
        let Some(siblings) = left.last_mut() else {
            return false;
        };
        if *siblings > 0 {
            *siblings -= 1;
            if cursor.goto_next_sibling() {
                return true;
            }
        }
        left.pop();
        if !cursor.goto_parent() {
            return false;
        }
    }
}
