//! Route-structure facts for the project pass: Express / Koa / fastify route
//! registrations (`app.post('/login', limiter, h)`, `router.route('/x').post(h)`,
//! `fastify.route({...})`) and mounts and middleware (`app.use('/auth', r)`,
//! `fastify.register(p, { prefix })`). NestJS decorators are `nest`'s job,
//! exports and import bindings `exports`'s.
//!
//! Only syntax is read here: which receiver is really a router, and whether
//! a middleware limits anything, is decided across files by `project`.

use tree_sitter::Node as TsNode;

use crate::facts::{Fact, Mount, MountScope, Node, Route, Value};

use super::extractor::{span_of, Extractor};
use super::tables::Kind;

/// Methods that register a route on an Express / Koa / fastify router.
const HTTP_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "del", "all", "options", "head",
];

impl<'s> Extractor<'s> {
    /// Route facts of a call whose argument list is `args`: a route
    /// registration, a mount, or a NestJS bootstrap.
    pub(super) fn route_call(
        &mut self,
        node: TsNode<'s>,
        function: TsNode<'s>,
        args: &[TsNode<'s>],
    ) {
        if self.kind(function) != Kind::MemberExpression {
            return;
        }
        let fields = &self.tables.fields;
        let Some(property) = self.field(function, fields.property) else {
            return;
        };
        let method = self.src(property);
        let known = HTTP_METHODS.contains(&method)
            || matches!(method, "use" | "register" | "route" | "create");
        if !known {
            return;
        }
        let Some(object) = self.field(function, fields.object) else {
            return;
        };
        if HTTP_METHODS.contains(&method) {
            self.method_route(node, function, object, method, args);
        } else if method == "use" || method == "register" {
            self.mount_call(node, object, method, args);
        } else if method == "route" {
            self.fastify_route(node, object, args);
        } else if method == "create" && self.src(object).ends_with("NestFactory") {
            self.nest_bootstrap(node, function, args);
        }
    }

    /// `r.post('/p', ...)`, Koa's named `r.post('name', '/p', ...)`, and
    /// `r.route('/p').post(...).get(...)`.
    fn method_route(
        &mut self,
        node: TsNode<'s>,
        function: TsNode<'s>,
        object: TsNode<'s>,
        method: &str,
        args: &[TsNode<'s>],
    ) {
        let function_end = function.end_byte();
        let (router, path, rest, end) = match self.route_chain_root(object) {
            Some((router, path)) => (router, path, args, function_end),
            None => {
                let Some(router) = self.member_path(object) else {
                    return;
                };
                let strings: Vec<Option<String>> =
                    args.iter().take(2).map(|a| self.path_literal(*a)).collect();
                match strings.as_slice() {
                    [Some(first), ..] if first.starts_with('/') || first == "*" => {
                        (router, first.clone(), &args[1..], args[0].end_byte())
                    }
                    [Some(_), Some(second)] if second.starts_with('/') => {
                        (router, second.clone(), &args[2..], args[1].end_byte())
                    }
                    _ => return,
                }
            }
        };
        // The last argument is the handler, not middleware.
        let before_handler = &rest[..rest.len().saturating_sub(1)];
        let middleware = before_handler
            .iter()
            .map(|a| self.node_value(*a, 0))
            .collect();
        self.facts.push(Fact::Route(Route {
            router,
            method: method.to_string(),
            path,
            middleware,
            // The registration up to its path: one line, whatever the handler.
            span: crate::facts::Span::new(node.start_byte(), end),
        }));
    }

    /// For `r.route('/p').post(h)` (possibly with more methods chained
    /// before), the router and the path.
    fn route_chain_root(&mut self, mut object: TsNode<'s>) -> Option<(String, String)> {
        let fields = &self.tables.fields;
        for _ in 0..super::MAX_DEPTH {
            if self.kind(object) != Kind::CallExpression {
                return None;
            }
            let function = self.field(object, fields.function)?;
            if self.kind(function) != Kind::MemberExpression {
                return None;
            }
            let receiver = self.field(function, fields.object)?;
            let name = self.src(self.field(function, fields.property)?);
            if name == "route" {
                let list = self.field(object, fields.arguments)?;
                let first = *self.named_kids(list).first()?;
                let path = self.path_literal(first)?;
                return Some((self.member_path(receiver)?, path));
            }
            if !HTTP_METHODS.contains(&name) {
                return None;
            }
            object = receiver;
        }
        None
    }

    /// `app.use([prefix,] ...items)`, `fastify.register(plugin, { prefix })`.
    fn mount_call(
        &mut self,
        node: TsNode<'s>,
        object: TsNode<'s>,
        method: &str,
        args: &[TsNode<'s>],
    ) {
        let Some(router) = self.member_path(object) else {
            return;
        };
        let mut prefix = args.first().and_then(|a| self.path_literal(*a));
        let rest = if prefix.is_some() { &args[1..] } else { args };
        let items: Vec<Node> = rest.iter().map(|a| self.node_value(*a, 0)).collect();
        if method == "register" {
            prefix = items
                .get(1)
                .and_then(|opts| object_str(&opts.value, "prefix"));
        }
        self.facts.push(Fact::Mount(Mount {
            router,
            prefix,
            items,
            scope: MountScope::Following,
            span: span_of(node),
        }));
    }

    /// fastify's `fastify.route({ method: 'POST', url: '/login', handler })`.
    fn fastify_route(&mut self, node: TsNode<'s>, object: TsNode<'s>, args: &[TsNode<'s>]) {
        let [options] = args else { return };
        let Some(router) = self.member_path(object) else {
            return;
        };
        let options = self.node_value(*options, 0);
        let Some(path) =
            object_str(&options.value, "url").or_else(|| object_str(&options.value, "path"))
        else {
            return;
        };
        let methods = match object_get(&options.value, "method") {
            Some(Value::Str(m)) => vec![m.to_lowercase()],
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|i| i.value.as_str().map(str::to_lowercase))
                .collect(),
            _ => vec!["any".to_string()],
        };
        for method in methods {
            self.facts.push(Fact::Route(Route {
                router: router.clone(),
                method,
                path: path.clone(),
                middleware: vec![options.clone()],
                span: span_of(node),
            }));
        }
    }

    /// A string or template-without-interpolation literal.
    pub(super) fn path_literal(&mut self, node: TsNode<'s>) -> Option<String> {
        match self.kind(node) {
            Kind::String => Some(self.string_content(node)),
            Kind::TemplateString => match self.node_value(node, 0).value {
                Value::Template { text, names } if names.is_empty() => Some(text),
                Value::Str(text) => Some(text),
                _ => None,
            },
            _ => None,
        }
    }
}

pub(super) fn object_get<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    match value {
        Value::Object(properties) => properties
            .iter()
            .find(|p| p.key == key)
            .map(|p| &p.value.value),
        _ => None,
    }
}

pub(super) fn object_str(value: &Value, key: &str) -> Option<String> {
    object_get(value, key)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

#[cfg(test)]
#[path = "routes_tests.rs"]
mod tests;
