//! Emitting facts for ordinary syntax: calls and method calls, assignments,
//! struct-literal fields, `let`/`const`/`static` bindings and `use` imports.

use proc_macro2::Span as PSpan;
use syn::ext::IdentExt;
use syn::{Expr, Ident, Pat, UnOp, Visibility};

use super::extractor::Extractor;
use super::paths::member_path;
use super::spans::vis_first;
use super::uses::use_roots;
use crate::facts::{Assign, Call, Fact, Import, Span};

impl Extractor<'_> {
    fn push_call<'a>(
        &mut self,
        callee: String,
        callee_span: Span,
        args: impl Iterator<Item = &'a Expr>,
        span: Span,
    ) {
        let args = args.map(|a| self.value(a, 0)).collect();
        self.facts.push(Fact::Call(Call {
            callee,
            args,
            callee_span,
            span,
        }));
    }

    fn push_assign(&mut self, target: String, value: &Expr, span: Span) {
        let value = self.value(value, 0);
        self.facts.push(Fact::Assign(Assign {
            target,
            value,
            span,
        }));
    }

    pub(super) fn note_expr(&mut self, e: &Expr) {
        match e {
            Expr::Call(c) => {
                let callee = self.func_callee(&c.func);
                let callee_span = self.expr_span(&c.func);
                self.push_call(callee, callee_span, c.args.iter(), self.expr_span(e));
            }
            Expr::MethodCall(m) => {
                let callee = format!("{}.{}", self.chain(&m.receiver), m.method.unraw());
                let callee_span = self.span(m.method.span(), m.method.span());
                self.push_call(callee, callee_span, m.args.iter(), self.expr_span(e));
            }
            Expr::Assign(a) => {
                if let Some(target) = assign_target(&a.left) {
                    self.push_assign(target, &a.right, self.expr_span(e));
                }
            }
            Expr::Struct(s) => {
                for field in &s.fields {
                    let property = self.property(field, 0);
                    self.facts.push(Fact::Assign(Assign {
                        target: property.key,
                        value: property.value,
                        span: property.span,
                    }));
                }
            }
            _ => {}
        }
    }

    pub(super) fn note_local(&mut self, local: &syn::Local) {
        let (Some(name), Some(init)) = (binding_name(&local.pat), &local.init) else {
            return;
        };
        let span = self.span(local.let_token.span, local.semi_token.spans[0]);
        self.push_assign(name, &init.expr, span);
    }

    pub(super) fn note_item_binding(
        &mut self,
        vis: &Visibility,
        kw: PSpan,
        ident: &Ident,
        expr: &Expr,
        semi: PSpan,
    ) {
        let name = ident.unraw().to_string();
        if name != "_" {
            let span = self.span(vis_first(vis).unwrap_or(kw), semi);
            self.push_assign(name, expr, span);
        }
    }

    pub(super) fn note_use(&mut self, u: &syn::ItemUse) {
        let span = self.span(
            vis_first(&u.vis).unwrap_or(u.use_token.span),
            u.semi_token.spans[0],
        );
        let mut roots = Vec::new();
        use_roots(&u.tree, &mut roots, 0);
        for module in roots {
            self.facts.push(Fact::Import(Import { module, span }));
        }
        self.add_aliases(&u.tree, &mut Vec::new(), 0);
    }
}

fn assign_target(left: &Expr) -> Option<String> {
    match left {
        Expr::Unary(u) if matches!(u.op, UnOp::Deref(_)) => assign_target(&u.expr),
        Expr::Paren(p) => member_path(&p.expr),
        other => member_path(other),
    }
}

fn binding_name(pat: &Pat) -> Option<String> {
    match pat {
        Pat::Ident(p) if p.subpat.is_none() => Some(p.ident.unraw().to_string()),
        Pat::Type(t) => match &*t.pat {
            Pat::Ident(p) if p.subpat.is_none() => Some(p.ident.unraw().to_string()),
            _ => None,
        },
        _ => None,
    }
}
