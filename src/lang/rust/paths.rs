//! Callee and path normalisation: paths, members and receiver chains as the
//! dotted names rules match on (`bcrypt.hash`, `Cookie.build().http_only`),
//! with bare names resolved through the file's `use` aliases.

use proc_macro2::Span as PSpan;
use syn::ext::IdentExt;
use syn::{Expr, ExprPath, Member, UnOp};

use super::extractor::Extractor;
use super::uses::is_relative_root;
use super::MAX_DEPTH;

impl Extractor<'_> {
    /// The callee named by a path; only a bare name goes through `use`
    /// aliases, so multi-segment paths stay exactly as written.
    fn path_callee(&self, p: &ExprPath) -> String {
        let name = expr_path_str(p);
        let bare =
            p.qself.is_none() && p.path.leading_colon.is_none() && p.path.segments.len() == 1;
        if bare {
            if let Some(full) = self.aliases.get(&name) {
                return full.clone();
            }
        }
        name
    }

    pub(super) fn func_callee(&self, func: &Expr) -> String {
        match func {
            Expr::Path(p) => self.path_callee(p),
            other => self.chain(other),
        }
    }

    /// Renders a receiver: paths as dotted paths, calls as `callee()`, so
    /// builder chains read `Cookie.build().http_only`; anything else is `?`.
    /// Iterative, because method chains can be arbitrarily long.
    pub(super) fn chain(&self, e: &Expr) -> String {
        let mut suffix: Vec<String> = Vec::new();
        let mut cur = e;
        let mut steps = 0;
        let head = loop {
            steps += 1;
            if steps > MAX_DEPTH {
                break "?".to_string();
            }
            match cur {
                Expr::MethodCall(m) => {
                    suffix.push(format!(".{}()", m.method.unraw()));
                    cur = &m.receiver;
                }
                Expr::Await(x) => cur = &x.base,
                Expr::Try(x) => cur = &x.expr,
                Expr::Reference(x) => cur = &x.expr,
                Expr::Unary(x) if matches!(x.op, UnOp::Deref(_)) => cur = &x.expr,
                Expr::Paren(x) if is_ref_or_deref(&x.expr) => cur = &x.expr,
                Expr::Call(c) => {
                    suffix.push("()".to_string());
                    match &*c.func {
                        Expr::Path(p) => break self.path_callee(p),
                        func => cur = func,
                    }
                }
                Expr::Macro(m) => {
                    suffix.push("()".to_string());
                    break path_str(&m.mac.path);
                }
                Expr::Path(_) | Expr::Field(_) => {
                    break member_path(cur).unwrap_or_else(|| "?".to_string())
                }
                _ => break "?".to_string(),
            }
        };
        suffix.iter().rev().fold(head, |acc, part| acc + part)
    }
}

/// A path as a dotted string; leading `crate`/`self`/`super` are dropped
/// (a lone `self` stays, it is the receiver) and generic arguments ignored.
pub(super) fn path_str(path: &syn::Path) -> String {
    let segments: Vec<String> = path
        .segments
        .iter()
        .map(|s| s.ident.unraw().to_string())
        .collect();
    let skip = segments
        .iter()
        .take(segments.len().saturating_sub(1))
        .take_while(|s| is_relative_root(s))
        .count();
    segments[skip..].join(".")
}

pub(super) fn expr_path_str(p: &ExprPath) -> String {
    let path = path_str(&p.path);
    match &p.qself {
        Some(q) if q.position == 0 => match &*q.ty {
            syn::Type::Path(t) => format!("{}.{}", path_str(&t.path), path),
            _ => path,
        },
        _ => path,
    }
}

pub(super) fn member_str(member: &Member) -> String {
    match member {
        Member::Named(i) => i.unraw().to_string(),
        Member::Unnamed(i) => i.index.to_string(),
    }
}

pub(super) fn member_span(member: &Member) -> PSpan {
    match member {
        Member::Named(i) => i.span(),
        Member::Unnamed(i) => i.span,
    }
}

/// A path or a field chain on a path (`config.cost`); `None` for anything
/// else, such as a field of a call's result.
pub(super) fn member_path(e: &Expr) -> Option<String> {
    let mut members = Vec::new();
    let mut cur = e;
    loop {
        match cur {
            Expr::Field(f) => {
                members.push(member_str(&f.member));
                cur = &f.base;
            }
            Expr::Path(p) if p.qself.is_none() => {
                let mut out = path_str(&p.path);
                for m in members.iter().rev() {
                    out.push('.');
                    out.push_str(m);
                }
                return Some(out);
            }
            _ => return None,
        }
    }
}

fn is_ref_or_deref(e: &Expr) -> bool {
    match e {
        Expr::Reference(_) => true,
        Expr::Unary(u) => matches!(u.op, UnOp::Deref(_)),
        _ => false,
    }
}
