//! Route-structure facts for the project pass from Rust: attribute routes
//! (actix-web and rocket `#[post("/login")]`, with their `wrap = ".."` and
//! the handler's parameter types, where rocket request guards show) and the
//! names inside middleware expressions. Router chains in function bodies are
//! `chains`'s job. Which names are routers and which are limiters is decided
//! across files by `project`.

use syn::ext::IdentExt;
use syn::visit::{self, Visit};
use syn::{Expr, FnArg, ItemFn, Lit, Visibility};

use super::chains::BodyWalk;
use super::extractor::Extractor;
use super::macro_args::{parse_macro_args, MacroArg};
use super::paths::path_str;
use super::MAX_DEPTH;
use crate::facts::{Fact, Node, Route, Span, Value};

/// Methods that make a method-call chain a router chain.
pub(super) const ROUTER_STEPS: &[&str] = &[
    "route",
    "route_service",
    "nest",
    "nest_service",
    "merge",
    "layer",
    "route_layer",
    "service",
    "wrap",
    "wrap_fn",
    "mount",
    "attach",
    "configure",
    "to",
];

/// Route attributes (actix-web, rocket) and method-router functions (axum,
/// actix `web::post()`).
pub(super) const HTTP_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "any", "route",
];

/// Words without which a file builds no router (axum, actix-web, rocket).
const ROUTER_WORDS: &[&str] = &[
    "Router",
    "App::new",
    "web::",
    "ServiceConfig",
    "rocket",
    "routes!",
];

/// Whether the text may hold router chains worth a second look at each
/// function body.
pub(super) fn mentions_router(text: &str) -> bool {
    ROUTER_WORDS.iter().any(|w| text.contains(w))
}

/// How many names one middleware expression contributes at most.
const MAX_NAMES: usize = 64;

impl Extractor<'_> {
    /// The one hook the traversal calls for every function item.
    pub(super) fn note_fn_routes(&mut self, f: &ItemFn) {
        let name = f.sig.ident.unraw().to_string();
        let exported = !matches!(f.vis, Visibility::Inherited);
        for attr in &f.attrs {
            self.attribute_route(&name, attr, f);
        }
        if !self.routing {
            return;
        }
        let mut walk = BodyWalk {
            ex: self,
            owner: name,
            exported,
            defined: false,
            depth: 0,
        };
        walk.visit_block(&f.block);
    }

    /// `#[post("/login")]`, `#[route("/x", method = "POST")]`,
    /// `#[post("/login", wrap = "Governor::new(&conf)")]`.
    fn attribute_route(&mut self, owner: &str, attr: &syn::Attribute, f: &ItemFn) {
        let syn::Meta::List(list) = &attr.meta else {
            return;
        };
        let Some(last) = list.path.segments.last() else {
            return;
        };
        let verb = last.ident.unraw().to_string();
        if !HTTP_METHODS.contains(&verb.as_str()) {
            return;
        }
        let Some(args) = parse_macro_args(list.tokens.clone()) else {
            return;
        };
        let Some(MacroArg::Plain(Expr::Lit(first))) = args.first() else {
            return;
        };
        let Lit::Str(path) = &first.lit else { return };
        let path = path.value();
        if !path.starts_with('/') {
            return;
        }
        let mut method = if verb == "route" {
            "any".to_string()
        } else {
            verb
        };
        let mut middleware = Vec::new();
        let span = self.span(attr.pound_token.spans[0], attr.bracket_token.span.close());
        for arg in args.iter().skip(1) {
            let MacroArg::Keyed { key, value, .. } = arg else {
                continue;
            };
            let text = match value {
                Expr::Lit(syn::ExprLit {
                    lit: Lit::Str(s), ..
                }) => s.value(),
                _ => continue,
            };
            match key.as_str() {
                "method" => method = text.to_lowercase(),
                "wrap" | "guard" => {
                    if let Ok(expr) = syn::parse_str::<Expr>(&text) {
                        middleware.extend(self.names_in(&expr, span));
                    }
                }
                _ => {}
            }
        }
        for input in &f.sig.inputs {
            if let FnArg::Typed(typed) = input {
                middleware.extend(type_names(&typed.ty, span, 0));
            }
        }
        self.facts.push(Fact::Route(Route {
            router: owner.to_string(),
            method,
            path,
            middleware,
            span,
        }));
    }

    /// A path with its first segment replaced by what the file's `use`
    /// items say it stands for.
    pub(super) fn resolve_head(&self, path: String) -> String {
        let (head, rest) = match path.split_once('.') {
            Some((h, r)) => (h, Some(r)),
            None => (path.as_str(), None),
        };
        match (self.aliases.get(head), rest) {
            (Some(full), Some(rest)) => format!("{full}.{rest}"),
            (Some(full), None) => full.clone(),
            (None, _) => path,
        }
    }

    /// Every call, struct literal and path inside a middleware expression,
    /// as call nodes: `ServiceBuilder::new().layer(GovernorLayer { .. })`
    /// names `ServiceBuilder.new` and `GovernorLayer`.
    pub(super) fn names_in(&self, e: &Expr, span: Span) -> Vec<Node> {
        let mut collect = NameCollector {
            ex: self,
            names: Vec::new(),
            depth: 0,
        };
        collect.visit_expr(e);
        collect
            .names
            .into_iter()
            .map(|callee| Node {
                value: Value::Call { callee },
                span,
            })
            .collect()
    }
}

pub(super) fn str_lit(e: &Expr) -> Option<String> {
    match e {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(s.value()),
        _ => None,
    }
}

pub(super) fn ident_or_member(path: String, span: Span) -> Node {
    let value = if path.contains('.') {
        Value::Member(path)
    } else {
        Value::Ident(path)
    };
    Node { value, span }
}

/// The type names of a handler parameter (`RocketGovernor<'_, RateLimitGuard>`
/// names both), where rocket request guards show.
fn type_names(ty: &syn::Type, span: Span, depth: usize) -> Vec<Node> {
    let mut out = Vec::new();
    if depth > 8 {
        return out;
    }
    match ty {
        syn::Type::Path(p) => {
            out.push(ident_or_member(path_str(&p.path), span));
            for segment in &p.path.segments {
                if let syn::PathArguments::AngleBracketed(args) = &segment.arguments {
                    for arg in &args.args {
                        if let syn::GenericArgument::Type(inner) = arg {
                            out.extend(type_names(inner, span, depth + 1));
                        }
                    }
                }
            }
        }
        syn::Type::Reference(r) => out.extend(type_names(&r.elem, span, depth + 1)),
        _ => {}
    }
    out
}

/// Collects the callees, struct names and paths inside an expression.
struct NameCollector<'a, 't> {
    ex: &'a Extractor<'t>,
    names: Vec<String>,
    depth: usize,
}

impl NameCollector<'_, '_> {
    fn push(&mut self, name: String) {
        if self.names.len() < MAX_NAMES && !self.names.contains(&name) {
            self.names.push(name);
        }
    }
}

impl<'ast> Visit<'ast> for NameCollector<'_, '_> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        if self.depth >= MAX_DEPTH || self.names.len() >= MAX_NAMES {
            return;
        }
        self.depth += 1;
        match e {
            Expr::Call(c) => {
                let name = self.ex.resolve_head(self.ex.func_callee(&c.func));
                self.push(name);
                for arg in &c.args {
                    self.visit_expr(arg);
                }
            }
            Expr::Struct(s) => {
                let name = self.ex.resolve_head(path_str(&s.path));
                self.push(name);
                visit::visit_expr_struct(self, s);
            }
            Expr::Path(p) => {
                let name = self.ex.resolve_head(path_str(&p.path));
                self.push(name);
            }
            // `post(a).get(b)`: a method router adding a method.
            Expr::MethodCall(m) => {
                self.visit_expr(&m.receiver);
                let method = m.method.unraw().to_string();
                if HTTP_METHODS.contains(&method.as_str()) {
                    self.push(method);
                }
                for arg in &m.args {
                    self.visit_expr(arg);
                }
            }
            _ => visit::visit_expr(self, e),
        }
        self.depth -= 1;
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

#[cfg(test)]
#[path = "routes_tests.rs"]
mod tests;
