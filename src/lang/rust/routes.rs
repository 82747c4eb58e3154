//! Route-structure facts for the project pass: axum router chains
//! (`Router::new().route("/login", post(h)).nest(..).layer(..)`), actix-web
//! apps, scopes and resources (`App::new().wrap(..).service(..)`,
//! `web::resource("/login").route(web::post().to(h))`), rocket
//! `rocket::build().mount("/", routes![..]).attach(..)`, and attribute
//! routes (`#[post("/login")]`) with their request-guard parameter types.
//!
//! A function's router chains make one router named after the function;
//! chains nested in another chain's arguments become anonymous routers
//! (`fn#offset`). Which names are routers and which are limiters is decided
//! across files by `project`.

use syn::ext::IdentExt;
use syn::visit::{self, Visit};
use syn::{Expr, ExprMethodCall, FnArg, ItemFn, Lit, Visibility};

use super::extractor::Extractor;
use super::macro_args::{parse_macro_args, MacroArg};
use super::paths::path_str;
use super::MAX_DEPTH;
use crate::facts::{Fact, Mount, MountScope, Node, Route, RouterDef, Span, Value};

/// Methods that make a method-call chain a router chain.
const ROUTER_STEPS: &[&str] = &[
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
const HTTP_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "any", "route",
];

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
    fn resolve_head(&self, path: String) -> String {
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
    fn names_in(&self, e: &Expr, span: Span) -> Vec<Node> {
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

/// Walks one function body for router chains.
struct BodyWalk<'a, 't> {
    ex: &'a mut Extractor<'t>,
    owner: String,
    exported: bool,
    defined: bool,
    depth: usize,
}

impl<'ast> Visit<'ast> for BodyWalk<'_, '_> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        match e {
            Expr::MethodCall(m) if is_router_step(m) => {
                let owner = self.owner.clone();
                let (_, origin) = self.chain(m, &owner, true);
                if let (false, Some(origin)) = (self.defined, origin) {
                    self.defined = true;
                    self.ex.facts.push(Fact::RouterDef(RouterDef {
                        name: owner,
                        origin,
                        exported: self.exported,
                        span: self.ex.expr_span(e),
                    }));
                }
            }
            _ => visit::visit_expr(self, e),
        }
        self.depth -= 1;
    }

    // Nested functions are visited by the extractor itself.
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

impl BodyWalk<'_, '_> {
    /// Records one chain as the router `owner` (top) or an anonymous one;
    /// returns the router's key and prefix, and the chain root as origin.
    fn chain(
        &mut self,
        outer: &ExprMethodCall,
        owner: &str,
        top: bool,
    ) -> ((String, Option<String>), Option<Node>) {
        let mut steps = vec![outer];
        let mut root = &*outer.receiver;
        while let Expr::MethodCall(m) = root {
            if steps.len() > MAX_DEPTH {
                break;
            }
            steps.push(m);
            root = &m.receiver;
        }
        steps.reverse();
        let start = self.ex.expr_span(root).start;
        let key = if top {
            owner.to_string()
        } else {
            format!("{owner}#{start}")
        };
        let (origin, root_path) = self.chain_root(root, &key);
        let resource = origin.as_ref().and_then(|o| match &o.value {
            Value::Call { callee } if callee.ends_with("resource") => root_path.clone(),
            _ => None,
        });
        let prefix = match resource {
            Some(_) => None,
            None => root_path,
        };
        for step in steps {
            self.step(step, &key, owner, resource.as_deref());
        }
        ((key, prefix), origin)
    }

    /// The chain's root: a call (`Router::new()`, `web::scope("/x")`,
    /// `auth::router()`) is the router's origin and, in case it names
    /// another router function, mounted as a child; a variable is neither.
    fn chain_root(&mut self, root: &Expr, key: &str) -> (Option<Node>, Option<String>) {
        let Expr::Call(call) = root else {
            return (None, None);
        };
        let callee = self.ex.resolve_head(self.ex.func_callee(&call.func));
        let span = self.ex.expr_span(root);
        let path = call.args.first().and_then(str_lit);
        let origin = Node {
            value: Value::Call { callee },
            span,
        };
        self.ex.facts.push(Fact::Mount(Mount {
            router: key.to_string(),
            prefix: None,
            items: vec![origin.clone()],
            scope: MountScope::Whole,
            span,
        }));
        (Some(origin), path)
    }

    fn step(&mut self, m: &ExprMethodCall, key: &str, owner: &str, resource: Option<&str>) {
        let method = m.method.unraw().to_string();
        let span = self.ex.span(m.method.span(), m.paren_token.span.close());
        let args: Vec<&Expr> = m.args.iter().collect();
        let mount = |items: Vec<Node>, prefix: Option<String>, scope| {
            Fact::Mount(Mount {
                router: key.to_string(),
                prefix,
                items,
                scope,
                span,
            })
        };
        match (method.as_str(), args.as_slice()) {
            ("route" | "route_service", [path, handler]) => {
                if let Some(path) = str_lit(path) {
                    self.routes(key, &path, handler, span);
                }
            }
            ("route", [handler]) | ("to", [handler]) => {
                let path = resource.unwrap_or("").to_string();
                self.routes(key, &path, handler, span);
            }
            ("nest" | "nest_service" | "mount", [prefix, child]) => {
                let prefix = str_lit(prefix);
                let (items, _) = self.child(child, owner);
                let fact = mount(items, prefix, MountScope::Whole);
                self.ex.facts.push(fact);
            }
            ("merge" | "service" | "configure", [child]) => {
                let (items, prefix) = self.child(child, owner);
                let fact = mount(items, prefix, MountScope::Whole);
                self.ex.facts.push(fact);
            }
            ("layer" | "route_layer", [layer]) => {
                let items = self.ex.names_in(layer, span);
                self.ex
                    .facts
                    .push(mount(items, None, MountScope::Preceding));
            }
            ("wrap" | "wrap_fn" | "attach", [layer]) => {
                let items = self.ex.names_in(layer, span);
                self.ex.facts.push(mount(items, None, MountScope::Whole));
            }
            _ => {}
        }
    }

    /// One route per HTTP method the method router names (`get(a).post(b)`,
    /// `web::post().to(h)`); its other calls are the route's middleware.
    fn routes(&mut self, key: &str, path: &str, handler: &Expr, span: Span) {
        let middleware = self.ex.names_in(handler, span);
        let mut methods: Vec<String> = middleware
            .iter()
            .filter_map(|n| match &n.value {
                Value::Call { callee } => {
                    let last = callee.rsplit('.').next().unwrap_or(callee);
                    HTTP_METHODS
                        .contains(&last)
                        .then(|| last.to_string())
                        .filter(|m| m != "route")
                }
                _ => None,
            })
            .collect();
        methods.dedup();
        if methods.is_empty() {
            methods.push("any".to_string());
        }
        for method in methods {
            self.ex.facts.push(Fact::Route(Route {
                router: key.to_string(),
                method,
                path: path.to_string(),
                middleware: middleware.clone(),
                span,
            }));
        }
    }

    /// What a `nest`/`merge`/`service`/`mount`/`configure` attaches: a
    /// nested chain (an anonymous router), `routes![..]`, or a path or call.
    fn child(&mut self, e: &Expr, owner: &str) -> (Vec<Node>, Option<String>) {
        let span = self.ex.expr_span(e);
        match e {
            Expr::MethodCall(m) if is_router_step(m) => {
                let ((key, prefix), _) = self.chain(m, owner, false);
                let node = Node {
                    value: Value::Ident(key),
                    span,
                };
                (vec![node], prefix)
            }
            Expr::Call(call) => {
                let prefix = call.args.first().and_then(str_lit);
                let callee = self.ex.resolve_head(self.ex.func_callee(&call.func));
                let scoped = callee.ends_with("scope") || callee.ends_with("resource");
                if scoped {
                    let key = format!("{owner}#{}", span.start);
                    self.chain_root(e, &key);
                    let node = Node {
                        value: Value::Ident(key),
                        span,
                    };
                    return (vec![node], prefix);
                }
                let node = Node {
                    value: Value::Call { callee },
                    span,
                };
                (vec![node], None)
            }
            Expr::Path(p) => {
                let path = self.ex.resolve_head(path_str(&p.path));
                (vec![ident_or_member(path, span)], None)
            }
            Expr::Macro(mac) => {
                let Some(args) = parse_macro_args(mac.mac.tokens.clone()) else {
                    return (Vec::new(), None);
                };
                let items = args
                    .iter()
                    .filter_map(|a| match a {
                        MacroArg::Plain(Expr::Path(p)) => {
                            let path = self.ex.resolve_head(path_str(&p.path));
                            Some(ident_or_member(path, span))
                        }
                        _ => None,
                    })
                    .collect();
                (items, None)
            }
            Expr::Reference(r) => self.child(&r.expr, owner),
            _ => (self.ex.names_in(e, span), None),
        }
    }
}

fn is_router_step(m: &ExprMethodCall) -> bool {
    let name = m.method.unraw().to_string();
    ROUTER_STEPS.contains(&name.as_str())
}

fn str_lit(e: &Expr) -> Option<String> {
    match e {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(s.value()),
        _ => None,
    }
}

fn ident_or_member(path: String, span: Span) -> Node {
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
            _ => visit::visit_expr(self, e),
        }
        self.depth -= 1;
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}
