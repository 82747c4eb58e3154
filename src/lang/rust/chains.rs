//! Router chains inside one function body: axum `Router::new().route(..)
//! .nest(..).layer(..)`, actix `App::new().wrap(..).service(..)`, scopes and
//! resources, rocket `rocket::build().mount(..).attach(..)`. The function's
//! own chains make the router named after it; chains nested in another
//! chain's arguments become anonymous routers (`fn#offset`).

use syn::ext::IdentExt;
use syn::visit::{self, Visit};
use syn::{Expr, ExprMethodCall};

use super::extractor::Extractor;
use super::macro_args::{parse_macro_args, MacroArg};
use super::paths::path_str;
use super::routes::{ident_or_member, str_lit, HTTP_METHODS, ROUTER_STEPS};
use super::MAX_DEPTH;
use crate::facts::{Fact, Mount, MountScope, Node, Route, RouterDef, Span, Value};

/// Walks one function body for router chains.
pub(super) struct BodyWalk<'a, 't> {
    pub(super) ex: &'a mut Extractor<'t>,
    pub(super) owner: String,
    pub(super) exported: bool,
    pub(super) defined: bool,
    pub(super) depth: usize,
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

pub(super) fn is_router_step(m: &ExprMethodCall) -> bool {
    let name = m.method.unraw().to_string();
    ROUTER_STEPS.contains(&name.as_str())
}
