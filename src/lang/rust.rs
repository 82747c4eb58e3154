//! Rust front end: turns Rust source, parsed with `syn`, into the
//! language-neutral facts of [`crate::facts`] (calls, bindings, imports).
//!
//! This module owns only the translation from Rust syntax to facts. It must
//! not match rules, judge what is a finding, or report anything: matchers and
//! reporters downstream do that, for every language alike.

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

use proc_macro2::{Span as PSpan, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::discouraged::Speculative;
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{
    Attribute, Expr, ExprPath, FieldValue, Ident, Item, Lit, LitStr, Macro, Member, Meta, Pat,
    Token, UnOp, UseTree, Visibility,
};

use crate::facts::{
    Assign, Call, Extraction, Fact, Import, Node, ParseProblem, Property, Span, Value,
};

/// How deep our own traversal and value building may go; past it we stop
/// descending, so adversarial nesting cannot exhaust the caller's stack.
const MAX_DEPTH: usize = 256;
/// Macro bodies are re-parsed by us, not by `parse_file`, so their nesting was
/// never proven to fit the stack: bodies nested deeper than this are skipped.
const MAX_MACRO_NESTING: usize = 32;
/// Operator-like tokens make syn recurse without opening a group (`- - - x`,
/// `a = b = c`, `else if` chains); bodies with more of them are skipped.
const MAX_MACRO_OPERATORS: usize = 256;

/// Macros whose first string-literal argument is a format string, so that it
/// becomes a `Template` whose names are the inline `{ident}` captures.
const FORMAT_MACROS: &[&str] = &[
    "format",
    "format_args",
    "print",
    "println",
    "eprint",
    "eprintln",
    "write",
    "writeln",
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "trace",
    "debug",
    "info",
    "warn",
    "error",
    "event",
    "log",
    "anyhow",
    "bail",
    "ensure",
    "eyre",
    "format_err",
];

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

/// Zero-argument conversions that do not change what a literal says, so
/// `"x".to_string()` is still the string `x` to a rule.
const TRANSPARENT_METHODS: &[&str] = &["to_string", "to_owned", "into"];

/// Parses Rust source with syn and extracts facts. Never panics on any input.
/// When syn cannot parse the file, returns an Extraction with no facts and
/// `problem` set (message from syn, span from the error's location).
pub fn extract_rust(text: &str) -> Extraction {
    let source = mask_preamble(text);
    let extraction = match syn::parse_file(&source) {
        Ok(file) => {
            // Offsets are counted in the masked text: its bytes line up with
            // `text`, and its chars line up with proc-macro2's columns.
            let mut extractor = Extractor::new(&source);
            extractor.collect_uses(&file.items, 0);
            extractor.visit_file(&file);
            Extraction {
                facts: extractor.finish(),
                problem: None,
            }
        }
        Err(err) => {
            let range = err.span().byte_range();
            let start = range.start.min(text.len());
            let end = range.end.clamp(start, text.len());
            Extraction {
                facts: Vec::new(),
                problem: Some(ParseProblem {
                    message: err.to_string(),
                    span: Some(Span::new(start, end)),
                }),
            }
        }
    };
    // proc-macro2 keeps every parsed text in a per-thread map for span
    // lookups; nothing of this parse is alive any more, so free it, or a long
    // scan would hold all Rust sources in memory and wrap its 32-bit offsets.
    proc_macro2::extra::invalidate_current_thread_spans();
    extraction
}

/// `parse_file` strips a BOM and a shebang line and then reports offsets
/// relative to what is left; blanking them with spaces keeps offsets exact.
fn mask_preamble(text: &str) -> Cow<'_, str> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let shebang = match rest.strip_prefix("#!") {
        Some(after) if !after.trim_start().starts_with('[') => {
            rest.find('\n').unwrap_or(rest.len())
        }
        _ => 0,
    };
    if bom + shebang == 0 {
        return Cow::Borrowed(text);
    }
    let mut masked = " ".repeat(bom + shebang);
    masked.push_str(&text[bom + shebang..]);
    Cow::Owned(masked)
}

/// One argument of a macro or attribute, as far as it could be parsed.
enum MacroArg {
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
type MacroArgs = Option<Rc<Vec<MacroArg>>>;

/// The single traversal's state: facts found so far and file-local names.
struct Extractor<'t> {
    text: &'t str,
    /// Byte offset of each line start and whether the line is ASCII:
    /// proc-macro2 gives lines and char columns, and on an ASCII line turning
    /// those into a byte offset is much cheaper than `byte_range`.
    lines: Vec<(usize, bool)>,
    facts: Vec<Fact>,
    /// Local name → dotted path, from `use` items anywhere in the file.
    aliases: HashMap<String, String>,
    /// Macro arguments already parsed for a value, keyed by the macro's
    /// start offset, so the later visit of that macro does not re-parse.
    macros: HashMap<usize, MacroArgs>,
    depth: usize,
}

impl<'t> Extractor<'t> {
    fn new(text: &'t str) -> Self {
        let mut lines = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            lines.push((start, line.is_ascii()));
            start += line.len();
        }
        if text.is_empty() || text.ends_with('\n') {
            lines.push((start, true));
        }
        Extractor {
            text,
            lines,
            facts: Vec::new(),
            aliases: HashMap::new(),
            macros: HashMap::new(),
            depth: 0,
        }
    }

    fn finish(mut self) -> Vec<Fact> {
        self.facts.sort_by_key(|fact| match fact {
            Fact::Call(c) => c.span.start,
            Fact::Assign(a) => a.span.start,
            Fact::Import(i) => i.span.start,
            Fact::Entry(e) => e.span.start,
        });
        self.facts
    }

    fn span(&self, first: PSpan, last: PSpan) -> Span {
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

    fn expr_span(&self, e: &Expr) -> Span {
        self.span(expr_first(e), expr_last(e))
    }

    /// Uses usually precede their callers, but need not: this cheap walk over
    /// items (not expressions) learns them before the traversal resolves calls.
    fn collect_uses(&mut self, items: &[Item], depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for item in items {
            match item {
                Item::Use(u) => self.add_aliases(&u.tree, &mut Vec::new(), 0),
                Item::Mod(m) => {
                    if let Some((_, inner)) = &m.content {
                        self.collect_uses(inner, depth + 1);
                    }
                }
                Item::Fn(f) => self.collect_block_uses(&f.block, depth + 1),
                Item::Impl(i) => {
                    for member in &i.items {
                        if let syn::ImplItem::Fn(f) = member {
                            self.collect_block_uses(&f.block, depth + 1);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn collect_block_uses(&mut self, block: &syn::Block, depth: usize) {
        for stmt in &block.stmts {
            if let syn::Stmt::Item(item) = stmt {
                self.collect_uses(std::slice::from_ref(item), depth);
            }
        }
    }

    fn add_aliases(&mut self, tree: &UseTree, prefix: &mut Vec<String>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match tree {
            UseTree::Path(p) => {
                let segment = p.ident.unraw().to_string();
                let keep = !(prefix.is_empty() && is_relative_root(&segment));
                if keep {
                    prefix.push(segment);
                }
                self.add_aliases(&p.tree, prefix, depth + 1);
                if keep {
                    prefix.pop();
                }
            }
            UseTree::Name(n) => {
                let name = n.ident.unraw().to_string();
                if name == "self" {
                    if let Some(last) = prefix.last() {
                        self.bind(last.clone(), prefix.join("."));
                    }
                } else {
                    let full = joined(prefix, &name);
                    self.bind(name, full);
                }
            }
            UseTree::Rename(r) => {
                let name = r.ident.unraw().to_string();
                let full = if name == "self" {
                    prefix.join(".")
                } else {
                    joined(prefix, &name)
                };
                self.bind(r.rename.unraw().to_string(), full);
            }
            UseTree::Glob(_) => {}
            UseTree::Group(g) => {
                for item in &g.items {
                    self.add_aliases(item, prefix, depth + 1);
                }
            }
        }
    }

    fn bind(&mut self, alias: String, full: String) {
        if alias != "_" && !full.is_empty() && alias != full {
            self.aliases.entry(alias).or_insert(full);
        }
    }

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

    fn func_callee(&self, func: &Expr) -> String {
        match func {
            Expr::Path(p) => self.path_callee(p),
            other => self.chain(other),
        }
    }

    /// Renders a receiver: paths as dotted paths, calls as `callee()`, so
    /// builder chains read `Cookie.build().http_only`; anything else is `?`.
    /// Iterative, because method chains can be arbitrarily long.
    fn chain(&self, e: &Expr) -> String {
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

    fn note_expr(&mut self, e: &Expr) {
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

    fn property(&mut self, field: &FieldValue, depth: usize) -> Property {
        let value = self.value(&field.expr, depth + 1);
        let first = member_span(&field.member);
        let span = match field.colon_token {
            Some(_) => Span::new(self.span(first, first).start, value.span.end),
            None => self.span(first, first),
        };
        Property {
            key: member_str(&field.member),
            value,
            span,
        }
    }

    fn note_local(&mut self, local: &syn::Local) {
        let (Some(name), Some(init)) = (binding_name(&local.pat), &local.init) else {
            return;
        };
        let span = self.span(local.let_token.span, local.semi_token.spans[0]);
        self.push_assign(name, &init.expr, span);
    }

    fn note_item_binding(
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

    fn note_use(&mut self, u: &syn::ItemUse) {
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

    /// Parses a macro's arguments once, sharing them between the value of the
    /// macro (when it is an argument or initialiser) and its own visit.
    fn macro_args(&mut self, mac: &Macro) -> MacroArgs {
        let key = self
            .span(path_first(&mac.path), path_first(&mac.path))
            .start;
        self.macros
            .entry(key)
            .or_insert_with(|| parse_macro_args(mac.tokens.clone()).map(Rc::new))
            .clone()
    }

    fn arg_nodes(&mut self, path: &syn::Path, args: &[MacroArg], depth: usize) -> Vec<Node> {
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

    fn note_macro(&mut self, mac: &Macro) {
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
    fn note_attribute(&mut self, attr: &Attribute) {
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

    /// What syntax alone says about an expression; `depth` bounds recursion
    /// through nested arrays, struct literals and transparent wrappers.
    fn value(&mut self, e: &Expr, depth: usize) -> Node {
        let value = if depth > MAX_DEPTH {
            Value::Unknown
        } else {
            self.value_kind(e, depth)
        };
        Node {
            value,
            span: self.expr_span(e),
        }
    }

    fn value_kind(&mut self, e: &Expr, depth: usize) -> Value {
        let inner = |s: &mut Self, x: &Expr| s.value(x, depth + 1).value;
        match e {
            Expr::Lit(l) => lit_value(&l.lit),
            Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => match inner(self, &u.expr) {
                Value::Num(n) => Value::Num(-n),
                _ => Value::Unknown,
            },
            Expr::Path(p) => path_value(p),
            Expr::Field(_) => member_path(e).map_or(Value::Unknown, Value::Member),
            Expr::Reference(x) => inner(self, &x.expr),
            Expr::Paren(x) => inner(self, &x.expr),
            Expr::Group(x) => inner(self, &x.expr),
            Expr::Cast(x) => inner(self, &x.expr),
            Expr::Await(x) => inner(self, &x.base),
            Expr::Try(x) => inner(self, &x.expr),
            Expr::MethodCall(m)
                if m.args.is_empty() && TRANSPARENT_METHODS.iter().any(|t| m.method == t) =>
            {
                inner(self, &m.receiver)
            }
            Expr::Call(c) if c.args.len() == 1 && is_wrapper(&c.func) => inner(self, &c.args[0]),
            Expr::Call(c) => Value::Call {
                callee: self.func_callee(&c.func),
            },
            Expr::MethodCall(m) => Value::Call {
                callee: format!("{}.{}", self.chain(&m.receiver), m.method.unraw()),
            },
            Expr::Array(a) => {
                Value::Array(a.elems.iter().map(|x| self.value(x, depth + 1)).collect())
            }
            Expr::Tuple(t) => {
                Value::Array(t.elems.iter().map(|x| self.value(x, depth + 1)).collect())
            }
            Expr::Struct(s) => {
                Value::Object(s.fields.iter().map(|f| self.property(f, depth)).collect())
            }
            Expr::Macro(m) => self.macro_value(&m.mac, depth),
            _ => Value::Unknown,
        }
    }

    fn macro_value(&mut self, mac: &Macro, depth: usize) -> Value {
        let is_vec = mac.path.segments.last().is_some_and(|s| s.ident == "vec");
        if is_vec || is_format_macro(&mac.path) {
            let args = self.macro_args(mac);
            let nodes = match &args {
                Some(list) => self.arg_nodes(&mac.path, list, depth + 1),
                None => Vec::new(),
            };
            if is_vec {
                return Value::Array(nodes);
            }
            if let Some(t) = nodes
                .into_iter()
                .find(|n| matches!(n.value, Value::Template { .. }))
            {
                return t.value;
            }
        }
        Value::Call {
            callee: path_str(&mac.path),
        }
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

fn is_relative_root(segment: &str) -> bool {
    matches!(segment, "crate" | "self" | "super")
}

fn joined(prefix: &[String], name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{}.{}", prefix.join("."), name)
    }
}

fn use_roots(tree: &UseTree, out: &mut Vec<String>, depth: usize) {
    let root = match tree {
        UseTree::Path(p) => p.ident.unraw().to_string(),
        UseTree::Name(n) => n.ident.unraw().to_string(),
        UseTree::Rename(r) => r.ident.unraw().to_string(),
        UseTree::Glob(_) => return,
        UseTree::Group(g) => {
            if depth < MAX_DEPTH {
                g.items.iter().for_each(|t| use_roots(t, out, depth + 1));
            }
            return;
        }
    };
    if !is_relative_root(&root) && !out.contains(&root) {
        out.push(root);
    }
}

/// A path as a dotted string; leading `crate`/`self`/`super` are dropped
/// (a lone `self` stays, it is the receiver) and generic arguments ignored.
fn path_str(path: &syn::Path) -> String {
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

fn expr_path_str(p: &ExprPath) -> String {
    let path = path_str(&p.path);
    match &p.qself {
        Some(q) if q.position == 0 => match &*q.ty {
            syn::Type::Path(t) => format!("{}.{}", path_str(&t.path), path),
            _ => path,
        },
        _ => path,
    }
}

fn member_str(member: &Member) -> String {
    match member {
        Member::Named(i) => i.unraw().to_string(),
        Member::Unnamed(i) => i.index.to_string(),
    }
}

fn member_span(member: &Member) -> PSpan {
    match member {
        Member::Named(i) => i.span(),
        Member::Unnamed(i) => i.span,
    }
}

/// A path or a field chain on a path (`config.cost`); `None` for anything
/// else, such as a field of a call's result.
fn member_path(e: &Expr) -> Option<String> {
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

/// `String::from(x)` and `Some(x)` only wrap what a rule cares about.
fn is_wrapper(func: &Expr) -> bool {
    match func {
        Expr::Path(p) if p.qself.is_none() => {
            let s = path_str(&p.path);
            s == "Some" || s == "String.from"
        }
        _ => false,
    }
}

fn is_format_macro(path: &syn::Path) -> bool {
    path.segments
        .last()
        .is_some_and(|s| FORMAT_MACROS.iter().any(|m| s.ident == m))
}

fn path_value(p: &ExprPath) -> Value {
    if p.qself.is_none() && p.path.leading_colon.is_none() && p.path.segments.len() == 1 {
        let name = path_str(&p.path);
        return if name == "None" {
            Value::Null
        } else {
            Value::Ident(name)
        };
    }
    Value::Member(expr_path_str(p))
}

fn lit_value(lit: &Lit) -> Value {
    match lit {
        Lit::Str(s) => Value::Str(s.value()),
        Lit::ByteStr(b) => Value::Str(String::from_utf8_lossy(&b.value()).into_owned()),
        Lit::CStr(c) => Value::Str(c.value().to_string_lossy().into_owned()),
        Lit::Char(c) => Value::Str(c.value().to_string()),
        Lit::Byte(b) => Value::Num(f64::from(b.value())),
        Lit::Int(i) => i.base10_digits().parse().map_or(Value::Unknown, Value::Num),
        Lit::Float(f) => f.base10_digits().parse().map_or(Value::Unknown, Value::Num),
        Lit::Bool(b) => Value::Bool(b.value),
        _ => Value::Unknown,
    }
}

/// Splits a format string into text with `${}` per placeholder and the names
/// of inline `{ident}` captures; positional `{}`/`{0}` add no name.
fn template(format: &str) -> (String, Vec<String>) {
    let mut text = String::with_capacity(format.len());
    let mut names = Vec::new();
    let mut rest = format;
    while let Some(pos) = rest.find(['{', '}']) {
        text.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            text.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let (true, Some(close)) = (tail.starts_with('{'), tail.find('}')) {
            let arg = tail[1..close].split(':').next().unwrap_or("").trim();
            let is_name = arg.starts_with(|c: char| c.is_alphabetic() || c == '_')
                && arg.chars().all(|c| c.is_alphanumeric() || c == '_');
            if is_name {
                names.push(arg.to_string());
            }
            text.push_str("${}");
            rest = &tail[close + 1..];
        } else {
            text.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    text.push_str(rest);
    (text, names)
}

/// Parses a macro or attribute body as comma-separated arguments. A piece
/// that is no expression becomes `Bad`; `None` when nothing parsed at all or
/// the body is too deeply nested to re-parse safely.
fn parse_macro_args(tokens: TokenStream) -> Option<Vec<MacroArg>> {
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
fn parse_macro_items(tokens: &TokenStream) -> Option<Vec<Item>> {
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

fn vis_first(vis: &Visibility) -> Option<PSpan> {
    match vis {
        Visibility::Public(p) => Some(p.span),
        Visibility::Restricted(r) => Some(r.pub_token.span),
        Visibility::Inherited => None,
    }
}

fn path_first(p: &syn::Path) -> PSpan {
    match (&p.leading_colon, p.segments.first()) {
        (Some(colon), _) => colon.spans[0],
        (None, Some(seg)) => seg.ident.span(),
        (None, None) => PSpan::call_site(),
    }
}

fn path_last(p: &syn::Path) -> PSpan {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn calls(src: &str) -> Vec<Call> {
        let ex = extract_rust(src);
        assert!(ex.problem.is_none(), "unexpected problem: {:?}", ex.problem);
        ex.facts
            .into_iter()
            .filter_map(|f| match f {
                Fact::Call(c) => Some(c),
                _ => None,
            })
            .collect()
    }

    fn callees(src: &str) -> Vec<String> {
        calls(src).into_iter().map(|c| c.callee).collect()
    }

    fn call(src: &str, callee: &str) -> Call {
        let all = calls(src);
        let names: Vec<String> = all.iter().map(|c| c.callee.clone()).collect();
        all.into_iter()
            .find(|c| c.callee == callee)
            .unwrap_or_else(|| panic!("no call {callee} in {names:?}"))
    }

    fn assigns(src: &str) -> Vec<Assign> {
        extract_rust(src)
            .facts
            .into_iter()
            .filter_map(|f| match f {
                Fact::Assign(a) => Some(a),
                _ => None,
            })
            .collect()
    }

    fn assign(src: &str, target: &str) -> Assign {
        assigns(src)
            .into_iter()
            .find(|a| a.target == target)
            .unwrap_or_else(|| panic!("no assign {target}"))
    }

    fn at(src: &str, span: Span) -> &str {
        &src[span.start..span.end]
    }

    fn in_fn(body: &str) -> String {
        format!("fn f() {{ {body} }}")
    }

    #[test]
    fn path_callees_are_dotted_and_normalised() {
        let src = in_fn(
            "bcrypt::hash(pw, 4); Argon2::new(a); argon2::Params::new(1); crate::auth::check(); \
             self::local(); super::super::up(); ::std::mem::drop(x); Vec::<u8>::new(); <Foo>::make();",
        );
        assert_eq!(
            callees(&src),
            [
                "bcrypt.hash",
                "Argon2.new",
                "argon2.Params.new",
                "auth.check",
                "local",
                "up",
                "std.mem.drop",
                "Vec.new",
                "Foo.make"
            ]
        );
    }

    #[test]
    fn method_callees_render_receivers() {
        let src = in_fn(
            "client.get(url); self.pool.get(); a().b().c(); foo().await?.bar(); (a + b).len(); \
             foo().x.bar(); (&x).y(); (*p).z(); \"s\".len(); v[0].w();",
        );
        let all = callees(&src);
        for expected in [
            "client.get",
            "self.pool.get",
            "a().b().c",
            "a().b",
            "foo().bar",
            "?.len",
            "?.bar",
            "x.y",
            "p.z",
            "?.w",
        ] {
            assert!(
                all.contains(&expected.to_string()),
                "{expected} missing from {all:?}"
            );
        }
        assert!(!all.iter().any(|c| c.contains("await")));
    }

    #[test]
    fn builder_chain_keeps_call_markers() {
        let src = in_fn("reqwest::Client::builder().danger_accept_invalid_certs(true).build();");
        let all = callees(&src);
        assert_eq!(
            all,
            [
                "reqwest.Client.builder().danger_accept_invalid_certs().build",
                "reqwest.Client.builder().danger_accept_invalid_certs",
                "reqwest.Client.builder"
            ]
        );
    }

    #[test]
    fn cookie_builder_argument_value_and_span() {
        let src = in_fn("let c = Cookie::build((\"sid\", v)).http_only(false);");
        let c = call(&src, "Cookie.build().http_only");
        assert_eq!(c.args[0].value, Value::Bool(false));
        assert_eq!(at(&src, c.args[0].span), "false");
        assert_eq!(at(&src, c.callee_span), "http_only");
        assert_eq!(
            at(&src, c.span),
            "Cookie::build((\"sid\", v)).http_only(false)"
        );
        let inner = call(&src, "Cookie.build");
        assert_eq!(
            inner.args[0].value,
            Value::Array(vec![
                Node {
                    value: Value::Str("sid".into()),
                    span: inner.args[0].value_span(0)
                },
                Node {
                    value: Value::Ident("v".into()),
                    span: inner.args[0].value_span(1)
                },
            ])
        );
        assert_eq!(at(&src, inner.callee_span), "Cookie::build");
    }

    trait ElementSpan {
        fn value_span(&self, i: usize) -> Span;
    }

    impl ElementSpan for Node {
        fn value_span(&self, i: usize) -> Span {
            match &self.value {
                Value::Array(items) => items[i].span,
                _ => Span::default(),
            }
        }
    }

    #[test]
    fn bcrypt_cost_argument_span_is_exact() {
        let src = in_fn("let h = bcrypt::hash(pw, 4)?;");
        let c = call(&src, "bcrypt.hash");
        assert_eq!(c.args.len(), 2);
        assert_eq!(c.args[0].value, Value::Ident("pw".into()));
        assert_eq!(c.args[1].value, Value::Num(4.0));
        assert_eq!(at(&src, c.args[1].span), "4");
        assert_eq!(at(&src, c.span), "bcrypt::hash(pw, 4)");
    }

    #[test]
    fn use_aliases_resolve_bare_callees_only() {
        let src = "use bcrypt::{hash, DEFAULT_COST};\n\
                   use argon2::hash_encoded as ahash;\n\
                   use a::{self, b::{c, d as e}};\n\
                   use glob::*;\n\
                   use cookie::Cookie;\n\
                   fn f() { hash(p, DEFAULT_COST); ahash(x); c(); e(); Cookie::build(x); \
                   bcrypt::hash(p, 4); later(); hash.len(); }\n\
                   use z::later;";
        assert_eq!(
            callees(src),
            [
                "bcrypt.hash",
                "argon2.hash_encoded",
                "a.b.c",
                "a.b.d",
                "Cookie.build",
                "bcrypt.hash",
                "z.later",
                "hash.len"
            ]
        );
        let c = call(src, "bcrypt.hash");
        assert_eq!(c.args[1].value, Value::Ident("DEFAULT_COST".into()));
    }

    #[test]
    fn resolved_callee_appears_in_chains_and_values() {
        let src = "use bcrypt::hash;\nfn f() { let h = hash(p, 4).unwrap(); }";
        assert!(callees(src).contains(&"bcrypt.hash().unwrap".to_string()));
        assert_eq!(
            assign(src, "h").value.value,
            Value::Call {
                callee: "bcrypt.hash().unwrap".into()
            }
        );
    }

    #[test]
    fn format_macro_first_literal_is_template() {
        let src = in_fn("println!(\"user {email} logged in {} {{x}} {n:?}\", user.id);");
        let c = call(&src, "println");
        assert_eq!(
            c.args[0].value,
            Value::Template {
                text: "user ${} logged in ${} {x} ${}".into(),
                names: vec!["email".into(), "n".into()],
            }
        );
        assert_eq!(c.args[1].value, Value::Member("user.id".into()));
        assert_eq!(at(&src, c.callee_span), "println");
        assert!(at(&src, c.span).starts_with("println!(") && at(&src, c.span).ends_with(".id)"));
    }

    #[test]
    fn tracing_fields_become_single_property_objects() {
        let src = in_fn(
            "tracing::info!(user.email = %email, ?token, target: \"audit\", \"login {name}\");",
        );
        let c = call(&src, "tracing.info");
        assert_eq!(c.args.len(), 4);
        let Value::Object(props) = &c.args[0].value else {
            panic!("{:?}", c.args[0])
        };
        assert_eq!(props[0].key, "user.email");
        assert_eq!(props[0].value.value, Value::Ident("email".into()));
        assert_eq!(at(&src, props[0].span), "user.email = %email");
        assert_eq!(c.args[1].value, Value::Ident("token".into()));
        assert_eq!(at(&src, c.args[1].span), "token");
        let Value::Object(target) = &c.args[2].value else {
            panic!()
        };
        assert_eq!(target[0].value.value, Value::Str("audit".into()));
        assert!(matches!(&c.args[3].value, Value::Template { names, .. } if names == &["name"]));
        // A keyed argument is not an assignment.
        assert!(assigns(&src).is_empty());
    }

    #[test]
    fn macro_paths_and_nested_calls() {
        let src = in_fn(
            "log::error!(\"x\"); dbg!(a); let v = vec![bcrypt::hash(p, 4)]; \
             println!(\"{}\", bcrypt::hash(p, 5).unwrap()); weird!(@@ #);",
        );
        let all = callees(&src);
        for name in [
            "log.error",
            "dbg",
            "vec",
            "bcrypt.hash",
            "bcrypt.hash().unwrap",
            "println",
        ] {
            assert!(
                all.contains(&name.to_string()),
                "{name} missing from {all:?}"
            );
        }
        assert_eq!(all.iter().filter(|c| *c == "bcrypt.hash").count(), 2);
        assert!(call(&src, "weird").args.is_empty());
        let v = assign(&src, "v");
        assert!(matches!(&v.value.value, Value::Array(items)
            if items[0].value == Value::Call { callee: "bcrypt.hash".into() }));
    }

    #[test]
    fn item_macros_are_read_as_items() {
        let src = "lazy_static! { static ref KEY: String = \"abc\".to_string(); }\n\
                   thread_local! { static N: u32 = compute(); }";
        assert_eq!(assign(src, "KEY").value.value, Value::Str("abc".into()));
        assert!(callees(src).contains(&"compute".to_string()));
        assert!(call(src, "lazy_static").args.is_empty());
    }

    #[test]
    fn attributes_are_calls() {
        let src = "#[tracing::instrument(skip(password))]\n/// doc\nasync fn login() {}";
        let all = callees(src);
        assert_eq!(all, ["tracing.instrument", "skip"]);
        let c = call(src, "tracing.instrument");
        assert_eq!(at(src, c.span), "#[tracing::instrument(skip(password))]");
    }

    fn arg_values(src: &str) -> Vec<Value> {
        call(src, "f").args.into_iter().map(|n| n.value).collect()
    }

    fn n(v: f64) -> Value {
        Value::Num(v)
    }

    fn s(v: &str) -> Value {
        Value::Str(v.into())
    }

    #[test]
    fn scalar_values() {
        let src = in_fn(
            "f(\"s\", r#\"raw\"#, b\"by\", 'c', 4u32, 1_000, 0x10, 0o7, 0b11, 2.5e1, -3, true, \
             None, x, bcrypt::DEFAULT_COST, config.cost, 4 as u32, (7), g(), |x| x);",
        );
        let expected = [
            s("s"),
            s("raw"),
            s("by"),
            s("c"),
            n(4.0),
            n(1000.0),
            n(16.0),
            n(7.0),
            n(3.0),
            n(25.0),
            n(-3.0),
            Value::Bool(true),
            Value::Null,
            Value::Ident("x".into()),
            Value::Member("bcrypt.DEFAULT_COST".into()),
            Value::Member("config.cost".into()),
            n(4.0),
            n(7.0),
            Value::Call { callee: "g".into() },
            Value::Unknown,
        ];
        assert_eq!(arg_values(&src), expected);
    }

    #[test]
    fn composite_and_wrapped_values() {
        let src = in_fn(
            "f([1, 2], (1, \"a\"), vec![3], \"lit\".to_string(), String::from(\"own\"), &\"r\", \
             Some(\"s2\"), \"o\".into(), format!(\"{a}\"), Config { port: 1 });",
        );
        let values = arg_values(&src);
        let items = |v: &Value| match v {
            Value::Array(items) => items.iter().map(|i| i.value.clone()).collect::<Vec<_>>(),
            _ => vec![],
        };
        assert_eq!(items(&values[0]), [n(1.0), n(2.0)]);
        assert_eq!(items(&values[1]), [n(1.0), s("a")]);
        assert_eq!(items(&values[2]), [n(3.0)]);
        assert_eq!(values[3..8], [s("lit"), s("own"), s("r"), s("s2"), s("o")]);
        let c = call(&src, "f");
        assert_eq!(at(&src, c.args[3].span), "\"lit\".to_string()");
        let template = Value::Template {
            text: "${}".into(),
            names: vec!["a".into()],
        };
        assert_eq!(values[8], template);
        let Value::Object(props) = &values[9] else {
            panic!("{:?}", values[9])
        };
        assert_eq!(
            (props[0].key.as_str(), &props[0].value.value),
            ("port", &n(1.0))
        );
        assert_eq!(at(&src, props[0].span), "port: 1");
    }

    #[test]
    fn bindings_become_assigns() {
        let src = "const SECRET: &str = \"k1\";\n\
                   pub static mut TOKEN: &str = \"k2\";\n\
                   struct S; impl S { const C: u8 = 3; fn m(&mut self) { self.secret = \"k3\".into(); } }\n\
                   fn f() { let mut pw: String = \"k4\".to_owned(); let (a, b) = (1, 2); let _ = g(); \
                   let c = Config { password: \"k5\".into(), user, ..Default::default() }; }";
        let a = assigns(src);
        let targets: Vec<&str> = a.iter().map(|x| x.target.as_str()).collect();
        assert_eq!(
            targets,
            [
                "SECRET",
                "TOKEN",
                "C",
                "self.secret",
                "pw",
                "c",
                "password",
                "user"
            ]
        );
        assert_eq!(at(src, a[0].span), "const SECRET: &str = \"k1\";");
        assert_eq!(at(src, a[1].span), "pub static mut TOKEN: &str = \"k2\";");
        assert_eq!(a[3].value.value, Value::Str("k3".into()));
        assert_eq!(at(src, a[3].span), "self.secret = \"k3\".into()");
        assert_eq!(
            at(src, a[4].span),
            "let mut pw: String = \"k4\".to_owned();"
        );
        assert_eq!(a[4].value.value, Value::Str("k4".into()));
        assert_eq!(at(src, a[6].span), "password: \"k5\".into()");
        assert_eq!(a[6].value.value, Value::Str("k5".into()));
        assert!(matches!(&a[5].value.value, Value::Object(p) if p.len() == 2));
    }

    #[test]
    fn imports_per_use_item() {
        let src = "use tower_governor::GovernorLayer;\nuse crate::x;\nuse {a::b, c, a::d};\n\
                   pub use std::io;\nextern crate serde;\nuse super::*;";
        let imports: Vec<(String, String)> = extract_rust(src)
            .facts
            .into_iter()
            .filter_map(|f| match f {
                Fact::Import(i) => Some((i.module, at(src, i.span).to_string())),
                _ => None,
            })
            .collect();
        let modules: Vec<&str> = imports.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(modules, ["tower_governor", "a", "c", "std", "serde"]);
        assert_eq!(imports[0].1, "use tower_governor::GovernorLayer;");
        assert_eq!(imports[3].1, "pub use std::io;");
        assert_eq!(imports[4].1, "extern crate serde;");
    }

    #[test]
    fn parse_failure_reports_problem_inside_file() {
        for src in [
            "fn a() {\n let x = ;\n}",
            "fn a() {",
            "fn (",
            "\"unterminated",
        ] {
            let ex = extract_rust(src);
            assert!(ex.facts.is_empty());
            let problem = ex.problem.expect("problem expected");
            assert!(!problem.message.is_empty());
            let span = problem.span.expect("span expected");
            assert!(
                span.start <= span.end && span.end <= src.len(),
                "{span:?} for {src:?}"
            );
        }
        let ex = extract_rust("fn a() {\n let x = ;\n}");
        assert_eq!(ex.problem.and_then(|p| p.span).map(|s| s.start), Some(18));
    }

    #[test]
    fn shebang_and_bom_keep_offsets() {
        for prefix in [
            "#!/usr/bin/env run-cargo-script\n",
            "\u{feff}",
            "\u{feff}#!/bin/x é\n",
        ] {
            let src = format!("{prefix}fn f() {{ bcrypt::hash(pw, 4); }}");
            let c = call(&src, "bcrypt.hash");
            assert_eq!(at(&src, c.span), "bcrypt::hash(pw, 4)");
            assert_eq!(at(&src, c.args[1].span), "4");
        }
        let attr = "#![allow(unused)]\n#![feature(never_type)]\nfn f() { g(); }";
        assert_eq!(callees(attr), ["feature", "g"]);
    }

    #[test]
    fn offsets_stay_relative_across_parses_and_multibyte_text() {
        let first = in_fn("a(1);");
        assert_eq!(at(&first, call(&first, "a").span), "a(1)");
        let second = "// ééé ünïcode\nfn g() { let s = \"ß\"; b(s, 2); }";
        let c = call(second, "b");
        assert_eq!(at(second, c.span), "b(s, 2)");
        assert_eq!(at(second, c.args[1].span), "2");
        let crlf = "fn g() {\r\n    let é = 1;\r\n    b(é, 2);\r\n}\r\n";
        assert_eq!(at(crlf, call(crlf, "b").args[1].span), "2");
    }

    #[test]
    fn calls_everywhere() {
        let src =
            "const X: u8 = c1();\nmod m { fn g() { let f = |x| c2(x); async { c3().await }; } }\n\
                   #[cfg(test)] mod tests { #[test] fn t() { c4(); } }\n\
                   impl T { fn m(&self) -> u8 { c5() } }\ntrait Tr { fn d() { c6(); } }";
        let all = callees(src);
        for name in ["c1", "c2", "c3", "c4", "c5", "c6"] {
            assert!(
                all.contains(&name.to_string()),
                "{name} missing from {all:?}"
            );
        }
    }

    #[test]
    fn facts_are_in_source_order_and_spans_in_bounds() {
        let src = "use a::b;\nfn f() { let x = g(h(1)); S { a: k(), b: 2 }; }\nconst C: u8 = j();";
        let ex = extract_rust(src);
        let starts: Vec<usize> = ex
            .facts
            .iter()
            .map(|f| match f {
                Fact::Call(c) => {
                    assert!(c.callee_span.start >= c.span.start && c.callee_span.end <= c.span.end);
                    c.span.start
                }
                Fact::Assign(a) => a.span.start,
                Fact::Import(i) => i.span.start,
                Fact::Entry(e) => e.span.start,
            })
            .collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
        assert_eq!(starts.len(), 9);
    }

    #[test]
    fn argument_spans_cover_exactly_the_written_expression() {
        let args = [
            "a..b",
            "..5",
            "1..",
            "..=n",
            "|x| x + 1",
            "move || 3",
            "async { 1 }",
            "x as u8",
            "-y",
            "!z",
            "*p",
            "&mut q",
            "[1; 3]",
            "S { a: 1 }",
            "<T>::new()",
            "m!(x)",
            "t.0",
            "a[1]",
            "fut.await",
            "'a: loop { break 'a 1 }",
            "if a { 1 } else if b { 2 } else { 3 }",
            "match x { _ => 1 }",
            "unsafe { 1 }",
            "r?",
            "(1, 2)",
            "()",
            "x = 1",
            "a + b * c",
            "Vec::<u8>::new",
            "for i in v {}",
            "while c {}",
            "return 1",
            "const { 1 }",
        ];
        let src = in_fn(&format!("f({});", args.join(", ")));
        let c = call(&src, "f");
        let got: Vec<&str> = c.args.iter().map(|n| at(&src, n.span)).collect();
        assert_eq!(got, args);
    }

    #[test]
    fn never_panics_on_truncated_input() {
        let sample = "#!/bin/sh\nuse a::{b as c, d::{self}};\n/// doc é\n#[derive(Debug)]\n\
                      struct S { x: u8 }\nfn f<'a>(s: &'a str) -> Result<(), E> {\n\
                      let v = vec![1, 2]; info!(a = %s, \"m {s}\"); let r = 1..=2;\n\
                      match s { \"x\" => g(), _ => {} }\n loop { break 'a; }\n\
                      Ok(S { x: b'c' }.x.h()?.await)\n}";
        for (i, _) in sample.char_indices() {
            let _ = extract_rust(&sample[..i]);
        }
        assert!(extract_rust(sample).problem.is_none());
    }

    #[test]
    fn deep_nesting_returns_with_bounded_traversal() {
        let handle = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(|| {
                let calls = in_fn(&format!("{}1{};", "f(".repeat(1500), ")".repeat(1500)));
                let parens = in_fn(&format!(
                    "let x = {}1{};",
                    "(".repeat(2000),
                    ")".repeat(2000)
                ));
                let chain = in_fn(&format!("a{};", ".b()".repeat(5000)));
                let sum = in_fn(&format!("let s = 1{};", " + 1".repeat(20000)));
                let macro_body = in_fn(&format!("vec![{}1{}];", "f(".repeat(100), ")".repeat(100)));
                let operators = in_fn(&format!("vec![{}f(1)];", "- ".repeat(300)));
                [calls, parens, chain, sum, macro_body, operators]
                    .iter()
                    .map(|src| extract_rust(src).facts.len())
                    .collect::<Vec<_>>()
            })
            .expect("spawn");
        let counts = handle.join().expect("extraction must not panic");
        assert!(counts[0] > 0 && counts[0] <= MAX_DEPTH, "{counts:?}");
        assert!(counts[2] > 0 && counts[2] <= MAX_DEPTH + 1, "{counts:?}");
        assert_eq!(counts[4], 1, "over-nested macro body is not re-parsed");
        assert_eq!(counts[5], 1, "operator-heavy macro body is not re-parsed");
    }
}
