//! Macro and attribute bodies: re-parsing their tokens as comma-separated
//! arguments (format args, tracing `key = value` fields and `%`/`?` sigils)
//! or as items, within a budget that keeps hostile bodies from recursing
//! too deep.

use std::rc::Rc;

use proc_macro2::{Span as PSpan, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::discouraged::Speculative;
use syn::parse::{ParseStream, Parser};
use syn::{Expr, Ident, Item, LitStr, Token};

/// Macro bodies are re-parsed by us, not by `parse_file`, so their nesting was
/// never proven to fit the stack: bodies nested deeper than this are skipped.
const MAX_MACRO_NESTING: usize = 32;
/// Operator-like tokens make syn recurse without opening a group (`- - - x`,
/// `a = b = c`, `else if` chains); bodies with more of them are skipped.
const MAX_MACRO_OPERATORS: usize = 256;

/// One argument of a macro or attribute, as far as it could be parsed.
pub(super) enum MacroArg {
    /// An ordinary expression (a leading tracing `%` or `?` is dropped).
    Plain(Expr),
    /// `key = value` (tracing fields, named format args) or `key: value`
    /// (tracing's `target:`); becomes an `Object` with one property.
    Keyed {
        key: String,
        key_span: PSpan,
        value: Expr,
    },
    /// Tokens that are no expression, kept so later arguments keep position.
    Bad(PSpan, PSpan),
}

/// Parsed macro arguments; `None` when the body could not be read as
/// arguments at all.
pub(super) type MacroArgs = Option<Rc<Vec<MacroArg>>>;

/// Parses a macro or attribute body as comma-separated arguments. A piece
/// that is no expression becomes `Bad`; `None` when nothing parsed at all or
/// the body is too deeply nested to re-parse safely.
pub(super) fn parse_macro_args(tokens: TokenStream) -> Option<Vec<MacroArg>> {
    if !within_budget(&tokens) {
        return None;
    }
    let parser = |input: ParseStream| -> syn::Result<Vec<MacroArg>> {
        let mut out = Vec::new();
        while !input.is_empty() {
            let fork = input.fork();
            match parse_arg(&fork) {
                Ok(arg) if fork.is_empty() || fork.peek(Token![,]) => {
                    input.advance_to(&fork);
                    out.push(arg);
                }
                _ => out.push(skip_arg(input)?),
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(out)
    };
    let args = parser.parse2(tokens).ok()?;
    let all_bad = !args.is_empty() && args.iter().all(|a| matches!(a, MacroArg::Bad(..)));
    (!all_bad).then_some(args)
}

fn parse_arg(input: ParseStream) -> syn::Result<MacroArg> {
    let fork = input.fork();
    if looks_keyed(input) {
        if let Ok((key, key_span)) = parse_key(&fork) {
            input.advance_to(&fork);
            skip_sigil(input);
            let value = input.parse()?;
            return Ok(MacroArg::Keyed {
                key,
                key_span,
                value,
            });
        }
    }
    skip_sigil(input);
    Ok(MacroArg::Plain(input.parse()?))
}

/// A cheap look ahead, so that the speculative key parse (and the error it
/// builds on failure) only runs where a key is plausible.
fn looks_keyed(input: ParseStream) -> bool {
    (input.peek(LitStr) || input.peek(Ident::peek_any))
        && (input.peek2(Token![=]) || input.peek2(Token![:]) || input.peek2(Token![.]))
}

/// Recognises `a.b = `, `"a" = ` and `a: ` (not `==`, `=>` or `::`).
fn parse_key(input: ParseStream) -> syn::Result<(String, PSpan)> {
    let start = input.span();
    let key = if input.peek(LitStr) {
        input.parse::<LitStr>()?.value()
    } else {
        let mut parts = vec![input.call(Ident::parse_any)?.unraw().to_string()];
        while input.peek(Token![.]) && !input.peek(Token![..]) {
            input.parse::<Token![.]>()?;
            parts.push(input.call(Ident::parse_any)?.unraw().to_string());
        }
        parts.join(".")
    };
    if input.peek(Token![==]) || input.peek(Token![=>]) || input.peek(Token![::]) {
        return Err(input.error("not a key"));
    }
    if input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
    } else if input.peek(Token![:]) && !key.contains('.') {
        input.parse::<Token![:]>()?;
    } else {
        return Err(input.error("not a key"));
    }
    Ok((key, start))
}

/// tracing's `%x` (Display) and `?x` (Debug) sigils say how to log, not what.
fn skip_sigil(input: ParseStream) {
    if input.peek(Token![%]) {
        let _ = input.parse::<Token![%]>();
    } else if input.peek(Token![?]) {
        let _ = input.parse::<Token![?]>();
    }
}

fn skip_arg(input: ParseStream) -> syn::Result<MacroArg> {
    let first = input.span();
    let mut last = first;
    while !input.is_empty() && !input.peek(Token![,]) {
        last = input.parse::<TokenTree>()?.span();
    }
    Ok(MacroArg::Bad(first, last))
}

/// Item-like bodies (`lazy_static!`, `thread_local!`) as items; lazy_static's
/// `static ref` is read as `static` so its initialisers become bindings.
pub(super) fn parse_macro_items(tokens: &TokenStream) -> Option<Vec<Item>> {
    if !within_budget(tokens) {
        return None;
    }
    let mut previous_static = false;
    let filtered: TokenStream = tokens
        .clone()
        .into_iter()
        .filter(|tt| {
            let drop = previous_static && matches!(tt, TokenTree::Ident(i) if i == "ref");
            previous_static = matches!(tt, TokenTree::Ident(i) if i == "static");
            !drop
        })
        .collect();
    let parser = |input: ParseStream| -> syn::Result<Vec<Item>> {
        let mut items = Vec::new();
        while !input.is_empty() {
            items.push(input.parse()?);
        }
        Ok(items)
    };
    parser.parse2(filtered).ok()
}

/// Whether re-parsing a token body stays within bounded recursion: limits
/// group nesting and tokens that make syn recurse without a group.
fn within_budget(tokens: &TokenStream) -> bool {
    let mut stack = vec![tokens.clone().into_iter()];
    let mut operators = 0usize;
    while let Some(top) = stack.last_mut() {
        match top.next() {
            None => {
                stack.pop();
            }
            Some(TokenTree::Group(g)) => {
                if stack.len() >= MAX_MACRO_NESTING {
                    return false;
                }
                stack.push(g.stream().into_iter());
            }
            Some(TokenTree::Punct(p)) => {
                if !matches!(p.as_char(), ',' | ';' | '.' | ':' | '#' | '\'') {
                    operators += 1;
                }
            }
            Some(TokenTree::Ident(i)) => {
                if ["if", "return", "break", "yield", "let", "move"]
                    .iter()
                    .any(|k| i == k)
                {
                    operators += 1;
                }
            }
            Some(TokenTree::Literal(_)) => {}
        }
        if operators > MAX_MACRO_OPERATORS {
            return false;
        }
    }
    true
}
