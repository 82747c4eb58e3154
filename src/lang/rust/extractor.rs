//! The single traversal: the extractor's state and the `syn::visit` hooks
//! that hand each expression, binding, `use` item, macro and attribute to
//! the emitters, with the depth bound that keeps hostile input from
//! exhausting the stack.

use std::collections::HashMap;

use syn::ext::IdentExt;
use syn::visit::{self, Visit};
use syn::{Attribute, Expr, Item, Macro, Pat, Visibility};

use super::macro_args::MacroArgs;
use super::spans::{line_table, vis_first};
use super::uses::is_relative_root;
use super::MAX_DEPTH;
use crate::facts::{Fact, Import};

/// The single traversal's state: facts found so far and file-local names.
pub(super) struct Extractor<'t> {
    pub(super) text: &'t str,
    /// Byte offset of each line start and whether the line is ASCII:
    /// proc-macro2 gives lines and char columns, and on an ASCII line turning
    /// those into a byte offset is much cheaper than `byte_range`.
    pub(super) lines: Vec<(usize, bool)>,
    pub(super) facts: Vec<Fact>,
    /// Local name → dotted path, from `use` items anywhere in the file.
    pub(super) aliases: HashMap<String, String>,
    /// Macro arguments already parsed for a value, keyed by the macro's
    /// start offset, so the later visit of that macro does not re-parse.
    pub(super) macros: HashMap<usize, MacroArgs>,
    /// Whether the file names a web framework's router at all; function
    /// bodies are searched for router chains only then.
    pub(super) routing: bool,
    depth: usize,
}

impl<'t> Extractor<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Extractor {
            text,
            lines: line_table(text),
            facts: Vec::new(),
            aliases: HashMap::new(),
            macros: HashMap::new(),
            routing: super::routes::mentions_router(text),
            depth: 0,
        }
    }

    pub(super) fn finish(mut self) -> Vec<Fact> {
        self.facts.sort_by_key(Fact::start);
        self.facts
    }
}

impl<'ast> Visit<'ast> for Extractor<'_> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        self.note_expr(e);
        visit::visit_expr(self, e);
        self.depth -= 1;
    }

    fn visit_item(&mut self, i: &'ast Item) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        visit::visit_item(self, i);
        self.depth -= 1;
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        self.note_local(l);
        visit::visit_local(self, l);
    }

    fn visit_item_const(&mut self, c: &'ast syn::ItemConst) {
        self.note_item_binding(
            &c.vis,
            c.const_token.span,
            &c.ident,
            &c.expr,
            c.semi_token.spans[0],
        );
        visit::visit_item_const(self, c);
    }

    fn visit_item_static(&mut self, s: &'ast syn::ItemStatic) {
        self.note_item_binding(
            &s.vis,
            s.static_token.span,
            &s.ident,
            &s.expr,
            s.semi_token.spans[0],
        );
        visit::visit_item_static(self, s);
    }

    fn visit_impl_item_const(&mut self, c: &'ast syn::ImplItemConst) {
        self.note_item_binding(
            &c.vis,
            c.const_token.span,
            &c.ident,
            &c.expr,
            c.semi_token.spans[0],
        );
        visit::visit_impl_item_const(self, c);
    }

    fn visit_trait_item_const(&mut self, c: &'ast syn::TraitItemConst) {
        if let Some((_, expr)) = &c.default {
            let vis = Visibility::Inherited;
            self.note_item_binding(
                &vis,
                c.const_token.span,
                &c.ident,
                expr,
                c.semi_token.spans[0],
            );
        }
        visit::visit_trait_item_const(self, c);
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.note_fn_routes(f);
        visit::visit_item_fn(self, f);
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        self.note_use(u);
    }

    fn visit_item_extern_crate(&mut self, e: &'ast syn::ItemExternCrate) {
        let module = e.ident.unraw().to_string();
        if !is_relative_root(&module) {
            let first = vis_first(&e.vis).unwrap_or(e.extern_token.span);
            let span = self.span(first, e.semi_token.spans[0]);
            self.facts.push(Fact::Import(Import { module, span }));
        }
    }

    fn visit_macro(&mut self, m: &'ast Macro) {
        self.note_macro(m);
    }

    fn visit_attribute(&mut self, a: &'ast Attribute) {
        self.note_attribute(a);
    }

    // Types and patterns hold no calls worth reporting; skipping them saves
    // time and removes two unbounded recursions (`Vec<Vec<..>>`, nested patterns).
    fn visit_type(&mut self, _: &'ast syn::Type) {}

    fn visit_pat(&mut self, _: &'ast Pat) {}
}
