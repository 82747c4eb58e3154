//! Spans and offsets: turning proc-macro2 positions into byte offsets of
//! the original text, and finding the first and last token of expressions,
//! paths and visibilities without re-tokenising whole subtrees.

use proc_macro2::Span as PSpan;
use syn::spanned::Spanned;
use syn::{Expr, UnOp, Visibility};

use super::extractor::Extractor;
use super::paths::member_span;
use crate::facts::Span;

/// The byte offset at which each line starts and whether the line is ASCII,
/// for the fast path of `Extractor::span`.
pub(super) fn line_table(text: &str) -> Vec<(usize, bool)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        lines.push((start, line.is_ascii()));
        start += line.len();
    }
    if text.is_empty() || text.ends_with('\n') {
        lines.push((start, true));
    }
    lines
}

impl Extractor<'_> {
    pub(super) fn span(&self, first: PSpan, last: PSpan) -> Span {
        let start = self
            .ascii_offset(first.start())
            .unwrap_or_else(|| first.byte_range().start)
            .min(self.text.len());
        let end = self
            .ascii_offset(last.end())
            .unwrap_or_else(|| last.byte_range().end)
            .clamp(start, self.text.len());
        Span::new(start, end)
    }

    /// The byte offset of a position on an ASCII line; other lines go through
    /// proc-macro2's cached `byte_range`, which stays linear on long lines.
    fn ascii_offset(&self, at: proc_macro2::LineColumn) -> Option<usize> {
        let &(line_start, ascii) = self.lines.get(at.line.checked_sub(1)?)?;
        ascii.then_some(line_start + at.column)
    }

    pub(super) fn expr_span(&self, e: &Expr) -> Span {
        self.span(expr_first(e), expr_last(e))
    }
}

pub(super) fn vis_first(vis: &Visibility) -> Option<PSpan> {
    match vis {
        Visibility::Public(p) => Some(p.span),
        Visibility::Restricted(r) => Some(r.pub_token.span),
        Visibility::Inherited => None,
    }
}

pub(super) fn path_first(p: &syn::Path) -> PSpan {
    match (&p.leading_colon, p.segments.first()) {
        (Some(colon), _) => colon.spans[0],
        (None, Some(seg)) => seg.ident.span(),
        (None, None) => PSpan::call_site(),
    }
}

pub(super) fn path_last(p: &syn::Path) -> PSpan {
    match p.segments.last() {
        Some(seg) => match &seg.arguments {
            syn::PathArguments::None => seg.ident.span(),
            syn::PathArguments::AngleBracketed(a) => a.gt_token.spans[0],
            syn::PathArguments::Parenthesized(_) => seg.span(),
        },
        None => PSpan::call_site(),
    }
}

fn label_or(label: Option<&syn::Label>, token: PSpan) -> PSpan {
    label.map_or(token, |l| l.name.apostrophe)
}

/// The first token of an expression, found by walking its left spine
/// iteratively: `Spanned::span` would re-tokenise the whole subtree.
fn expr_first(mut e: &Expr) -> PSpan {
    loop {
        e = match e {
            Expr::Assign(x) => &x.left,
            Expr::Await(x) => &x.base,
            Expr::Binary(x) => &x.left,
            Expr::Call(x) => &x.func,
            Expr::Cast(x) => &x.expr,
            Expr::Field(x) => &x.base,
            Expr::Index(x) => &x.expr,
            Expr::MethodCall(x) => &x.receiver,
            Expr::Try(x) => &x.expr,
            Expr::Range(syn::ExprRange { start: Some(s), .. }) => s,
            _ => return leaf_first(e),
        };
    }
}

fn leaf_first(e: &Expr) -> PSpan {
    match e {
        Expr::Array(x) => x.bracket_token.span.open(),
        Expr::Async(x) => x.async_token.span,
        Expr::Block(x) => label_or(x.label.as_ref(), x.block.brace_token.span.open()),
        Expr::Break(x) => x.break_token.span,
        Expr::Closure(x) => closure_first(x),
        Expr::Const(x) => x.const_token.span,
        Expr::Continue(x) => x.continue_token.span,
        Expr::ForLoop(x) => label_or(x.label.as_ref(), x.for_token.span),
        Expr::If(x) => x.if_token.span,
        Expr::Infer(x) => x.underscore_token.spans[0],
        Expr::Let(x) => x.let_token.span,
        Expr::Lit(x) => x.lit.span(),
        Expr::Loop(x) => label_or(x.label.as_ref(), x.loop_token.span),
        Expr::Macro(x) => path_first(&x.mac.path),
        Expr::Match(x) => x.match_token.span,
        Expr::Paren(x) => x.paren_token.span.open(),
        Expr::Path(x) => x
            .qself
            .as_ref()
            .map_or_else(|| path_first(&x.path), |q| q.lt_token.spans[0]),
        Expr::Range(x) => range_limits_span(&x.limits, true),
        Expr::RawAddr(x) => x.and_token.spans[0],
        Expr::Reference(x) => x.and_token.spans[0],
        Expr::Repeat(x) => x.bracket_token.span.open(),
        Expr::Return(x) => x.return_token.span,
        Expr::Struct(x) => x
            .qself
            .as_ref()
            .map_or_else(|| path_first(&x.path), |q| q.lt_token.spans[0]),
        Expr::TryBlock(x) => x.try_token.span,
        Expr::Tuple(x) => x.paren_token.span.open(),
        Expr::Unary(x) => match x.op {
            UnOp::Deref(t) => t.spans[0],
            UnOp::Not(t) => t.spans[0],
            UnOp::Neg(t) => t.spans[0],
            _ => e.span(),
        },
        Expr::Unsafe(x) => x.unsafe_token.span,
        Expr::While(x) => label_or(x.label.as_ref(), x.while_token.span),
        Expr::Yield(x) => x.yield_token.span,
        _ => e.span(),
    }
}

fn closure_first(c: &syn::ExprClosure) -> PSpan {
    if let Some(l) = &c.lifetimes {
        l.for_token.span
    } else if let Some(t) = &c.constness {
        t.span
    } else if let Some(t) = &c.movability {
        t.span
    } else if let Some(t) = &c.asyncness {
        t.span
    } else if let Some(t) = &c.capture {
        t.span
    } else {
        c.or1_token.spans[0]
    }
}

fn range_limits_span(limits: &syn::RangeLimits, first: bool) -> PSpan {
    match (limits, first) {
        (syn::RangeLimits::HalfOpen(t), true) => t.spans[0],
        (syn::RangeLimits::HalfOpen(t), false) => t.spans[1],
        (syn::RangeLimits::Closed(t), true) => t.spans[0],
        (syn::RangeLimits::Closed(t), false) => t.spans[2],
    }
}

/// The last token of an expression, walking its right spine iteratively.
fn expr_last(mut e: &Expr) -> PSpan {
    loop {
        e = match e {
            Expr::Assign(x) => &x.right,
            Expr::Binary(x) => &x.right,
            Expr::Closure(x) => &x.body,
            Expr::Group(x) => &x.expr,
            Expr::Let(x) => &x.expr,
            Expr::RawAddr(x) => &x.expr,
            Expr::Reference(x) => &x.expr,
            Expr::Unary(x) => &x.expr,
            Expr::Break(syn::ExprBreak { expr: Some(v), .. }) => v,
            Expr::Return(syn::ExprReturn { expr: Some(v), .. }) => v,
            Expr::Yield(syn::ExprYield { expr: Some(v), .. }) => v,
            Expr::Range(syn::ExprRange { end: Some(v), .. }) => v,
            Expr::If(syn::ExprIf {
                else_branch: Some((_, v)),
                ..
            }) => v,
            _ => return leaf_last(e),
        };
    }
}

fn leaf_last(e: &Expr) -> PSpan {
    match e {
        Expr::Array(x) => x.bracket_token.span.close(),
        Expr::Async(x) => x.block.brace_token.span.close(),
        Expr::Await(x) => x.await_token.span,
        Expr::Block(x) => x.block.brace_token.span.close(),
        Expr::Break(x) => x
            .label
            .as_ref()
            .map_or(x.break_token.span, |l| l.ident.span()),
        Expr::Call(x) => x.paren_token.span.close(),
        Expr::Cast(x) => x.ty.span(),
        Expr::Const(x) => x.block.brace_token.span.close(),
        Expr::Continue(x) => x
            .label
            .as_ref()
            .map_or(x.continue_token.span, |l| l.ident.span()),
        Expr::Field(x) => member_span(&x.member),
        Expr::ForLoop(x) => x.body.brace_token.span.close(),
        Expr::If(x) => x.then_branch.brace_token.span.close(),
        Expr::Index(x) => x.bracket_token.span.close(),
        Expr::Infer(x) => x.underscore_token.spans[0],
        Expr::Lit(x) => x.lit.span(),
        Expr::Loop(x) => x.body.brace_token.span.close(),
        Expr::Macro(x) => x.mac.delimiter.span().close(),
        Expr::Match(x) => x.brace_token.span.close(),
        Expr::MethodCall(x) => x.paren_token.span.close(),
        Expr::Paren(x) => x.paren_token.span.close(),
        Expr::Path(x) => path_last(&x.path),
        Expr::Range(x) => range_limits_span(&x.limits, false),
        Expr::Repeat(x) => x.bracket_token.span.close(),
        Expr::Return(x) => x.return_token.span,
        Expr::Struct(x) => x.brace_token.span.close(),
        Expr::Try(x) => x.question_token.spans[0],
        Expr::TryBlock(x) => x.block.brace_token.span.close(),
        Expr::Tuple(x) => x.paren_token.span.close(),
        Expr::Unsafe(x) => x.block.brace_token.span.close(),
        Expr::While(x) => x.body.brace_token.span.close(),
        Expr::Yield(x) => x.yield_token.span,
        _ => e.span(),
    }
}
