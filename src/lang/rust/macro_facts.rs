//! Macro invocations and attributes as calls: their parsed arguments become
//! argument nodes (a format string becomes a template), and the expressions
//! and items inside them are visited like any other code.

use std::rc::Rc;

use syn::visit::Visit;
use syn::{Attribute, Expr, Lit, LitStr, Macro, Meta};

use super::extractor::Extractor;
use super::format::{is_format_macro, template};
use super::macro_args::{parse_macro_args, parse_macro_items, MacroArg, MacroArgs};
use super::paths::path_str;
use super::spans::{path_first, path_last};
use crate::facts::{Call, Fact, Node, Property, Span, Value};

/// Built-in attributes that say nothing about behaviour a rule could check;
/// they are the bulk of all attributes, so skipping them also saves time.
const IGNORED_ATTRIBUTES: &[&str] = &[
    "allow",
    "automatically_derived",
    "cfg",
    "cfg_attr",
    "cold",
    "deny",
    "deprecated",
    "doc",
    "expect",
    "forbid",
    "inline",
    "macro_export",
    "must_use",
    "non_exhaustive",
    "path",
    "repr",
    "rustfmt",
    "clippy",
    "test",
    "track_caller",
    "warn",
];

impl Extractor<'_> {
    /// Parses a macro's arguments once, sharing them between the value of the
    /// macro (when it is an argument or initialiser) and its own visit.
    pub(super) fn macro_args(&mut self, mac: &Macro) -> MacroArgs {
        let key = self
            .span(path_first(&mac.path), path_first(&mac.path))
            .start;
        self.macros
            .entry(key)
            .or_insert_with(|| parse_macro_args(mac.tokens.clone()).map(Rc::new))
            .clone()
    }

    pub(super) fn arg_nodes(
        &mut self,
        path: &syn::Path,
        args: &[MacroArg],
        depth: usize,
    ) -> Vec<Node> {
        let mut format = is_format_macro(path);
        let mut nodes = Vec::with_capacity(args.len());
        for arg in args {
            match arg {
                MacroArg::Plain(Expr::Lit(syn::ExprLit {
                    lit: Lit::Str(s), ..
                })) if format => {
                    format = false;
                    nodes.push(self.template_node(s));
                }
                _ => nodes.push(self.arg_node(arg, depth)),
            }
        }
        nodes
    }

    fn template_node(&self, lit: &LitStr) -> Node {
        let (text, names) = template(&lit.value());
        Node {
            value: Value::Template { text, names },
            span: self.span(lit.span(), lit.span()),
        }
    }

    fn arg_node(&mut self, arg: &MacroArg, depth: usize) -> Node {
        match arg {
            MacroArg::Plain(e) => self.value(e, depth),
            MacroArg::Keyed {
                key,
                key_span,
                value,
            } => {
                let value = self.value(value, depth + 1);
                let span = Span::new(self.span(*key_span, *key_span).start, value.span.end);
                let property = Property {
                    key: key.clone(),
                    value,
                    span,
                };
                Node {
                    value: Value::Object(vec![property]),
                    span,
                }
            }
            MacroArg::Bad(first, last) => Node {
                value: Value::Unknown,
                span: self.span(*first, *last),
            },
        }
    }

    pub(super) fn note_macro(&mut self, mac: &Macro) {
        if mac.path.is_ident("macro_rules") {
            return;
        }
        let first = path_first(&mac.path);
        let key = self.span(first, first).start;
        let args = match self.macros.remove(&key) {
            Some(args) => args,
            None => parse_macro_args(mac.tokens.clone()).map(Rc::new),
        };
        let nodes = match &args {
            Some(list) => self.arg_nodes(&mac.path, list, 0),
            None => Vec::new(),
        };
        self.facts.push(Fact::Call(Call {
            callee: path_str(&mac.path),
            args: nodes,
            callee_span: self.span(first, path_last(&mac.path)),
            span: self.span(first, mac.delimiter.span().close()),
        }));
        match args {
            Some(list) => self.visit_args(&list),
            None => {
                for item in parse_macro_items(&mac.tokens).unwrap_or_default() {
                    self.visit_item(&item);
                }
            }
        }
    }

    /// Only the values of keyed arguments are visited: `x = v` in a macro is
    /// a named argument or a log field, not an assignment.
    fn visit_args(&mut self, args: &[MacroArg]) {
        for arg in args {
            match arg {
                MacroArg::Plain(e) | MacroArg::Keyed { value: e, .. } => self.visit_expr(e),
                MacroArg::Bad(..) => {}
            }
        }
    }

    /// Attributes such as `#[instrument(skip(password))]` or `#[get("/")]`
    /// carry compliance-relevant arguments, so they are recorded as calls.
    pub(super) fn note_attribute(&mut self, attr: &Attribute) {
        let (path, tokens) = match &attr.meta {
            Meta::Path(p) => (p, None),
            Meta::List(l) => (&l.path, Some(&l.tokens)),
            Meta::NameValue(_) => return,
        };
        let first = path.segments.first();
        if first.is_some_and(|s| IGNORED_ATTRIBUTES.iter().any(|i| s.ident == i)) {
            return;
        }
        let args = match tokens {
            Some(t) => parse_macro_args(t.clone()).map(Rc::new),
            None => Some(Rc::new(Vec::new())),
        };
        let nodes = match &args {
            Some(list) => self.arg_nodes(path, list, 0),
            None => Vec::new(),
        };
        self.facts.push(Fact::Call(Call {
            callee: path_str(path),
            args: nodes,
            callee_span: self.span(path_first(path), path_last(path)),
            span: self.span(attr.pound_token.spans[0], attr.bracket_token.span.close()),
        }));
        if let Some(list) = args {
            self.visit_args(&list);
        }
    }
}
