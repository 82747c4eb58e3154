//! Route-structure facts for the project pass: Express / Koa / fastify route
//! registrations (`app.post('/login', limiter, h)`, `router.route('/x').post(h)`,
//! `fastify.route({...})`), mounts and middleware (`app.use('/auth', r)`,
//! `fastify.register(p, { prefix })`), NestJS controllers and modules
//! (decorators), exports (`module.exports`, `export`) and the import
//! bindings the extractor's alias table learnt.
//!
//! Only syntax is read here: which receiver is really a router, and whether
//! a middleware limits anything, is decided across files by `project`.

use tree_sitter::Node as TsNode;

use crate::facts::{
    join_route_paths, Binding, Export, Fact, Mount, MountScope, Node, Route, RouterDef, Value,
};

use super::extractor::{span_of, Extractor};
use super::tables::Kind;

/// Methods that register a route on an Express / Koa / fastify router.
const HTTP_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "del", "all", "options", "head",
];

/// NestJS method decorators and the HTTP method they stand for.
const NEST_METHODS: &[(&str, &str)] = &[
    ("Get", "get"),
    ("Post", "post"),
    ("Put", "put"),
    ("Patch", "patch"),
    ("Delete", "delete"),
    ("All", "all"),
    ("Options", "options"),
    ("Head", "head"),
];

impl<'s> Extractor<'s> {
    /// The one hook the walk calls for every node.
    pub(super) fn note_routes(&mut self, node: TsNode<'_>, kind: Kind) {
        match kind {
            Kind::CallExpression => self.route_call(node),
            Kind::Class => self.nest_class(node),
            Kind::ExportStatement => self.export_statement(node),
            Kind::AssignmentExpression => self.commonjs_export(node),
            _ => {}
        }
    }

    fn route_call(&mut self, node: TsNode<'_>) {
        let fields = &self.tables.fields;
        let Some(function) = self.field(node, fields.function) else {
            return;
        };
        let args = match self.field(node, fields.arguments) {
            Some(list) if self.kind(list) == Kind::Arguments => self.named_kids(list),
            _ => return,
        };
        if self.kind(function) != Kind::MemberExpression {
            return;
        }
        let (Some(object), Some(property)) = (
            self.field(function, fields.object),
            self.field(function, fields.property),
        ) else {
            return;
        };
        let method = self.src(property);
        if HTTP_METHODS.contains(&method) {
            self.method_route(node, object, method, &args);
        } else if method == "use" || method == "register" {
            self.mount_call(node, object, method, &args);
        } else if method == "route" {
            self.fastify_route(node, object, &args);
        } else if method == "create" && self.src(object).ends_with("NestFactory") {
            self.nest_bootstrap(node, function, &args);
        }
    }

    /// `r.post('/p', ...)`, Koa's named `r.post('name', '/p', ...)`, and
    /// `r.route('/p').post(...).get(...)`.
    fn method_route(
        &mut self,
        node: TsNode<'_>,
        object: TsNode<'_>,
        method: &str,
        args: &[TsNode<'_>],
    ) {
        let function_end = self
            .field(node, self.tables.fields.function)
            .map_or(node.end_byte(), |f| f.end_byte());
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
    fn route_chain_root(&mut self, mut object: TsNode<'_>) -> Option<(String, String)> {
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
        node: TsNode<'_>,
        object: TsNode<'_>,
        method: &str,
        args: &[TsNode<'_>],
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
    fn fastify_route(&mut self, node: TsNode<'_>, object: TsNode<'_>, args: &[TsNode<'_>]) {
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

    /// `NestFactory.create(AppModule)`: an application rooted at a module.
    fn nest_bootstrap(&mut self, node: TsNode<'_>, function: TsNode<'_>, args: &[TsNode<'_>]) {
        let Some(module) = args.first() else { return };
        let name = format!("NestFactory.create@{}", node.start_byte());
        let callee = self.callee_of(function);
        let span = span_of(node);
        self.facts.push(Fact::RouterDef(RouterDef {
            name: name.clone(),
            origin: Node {
                value: Value::Call { callee },
                span,
            },
            exported: false,
            span,
        }));
        let items = vec![self.node_value(*module, 0)];
        self.facts.push(Fact::Mount(Mount {
            router: name,
            prefix: None,
            items,
            scope: MountScope::Whole,
            span,
        }));
    }

    /// A string or template-without-interpolation literal.
    fn path_literal(&mut self, node: TsNode<'_>) -> Option<String> {
        match self.kind(node) {
            Kind::String => Some(self.string_content(node)),
            Kind::TemplateString => match self.node_value(node, 0).value {
                Value::Template { text, names } if names.is_empty() => Some(text),
                _ => None,
            },
            _ => None,
        }
    }

    /// NestJS `@Controller` / `@Module` classes.
    fn nest_class(&mut self, node: TsNode<'_>) {
        let Some(name) = self.field(node, self.tables.fields.name) else {
            return;
        };
        let name = self.src(name).to_string();
        let parent = node
            .parent()
            .filter(|p| self.kind(*p) == Kind::ExportStatement);
        let mut decorators = parent.map(|p| self.decorators_of(p)).unwrap_or_default();
        decorators.extend(self.decorators_of(node));
        if decorators.is_empty() {
            return;
        }
        let exported = parent.is_some();
        let mut role = None;
        let mut class_items = Vec::new();
        for decorator in &decorators {
            let (head, args) = self.decorator_call(*decorator);
            let last = head.rsplit('.').next().unwrap_or("");
            match last {
                "Controller" if role.is_none() => role = Some((*decorator, head, args)),
                "Module" if role.is_none() => role = Some((*decorator, head, args)),
                _ => class_items.extend(self.decorator_nodes(*decorator)),
            }
        }
        let Some((decorator, head, args)) = role else {
            return;
        };
        let span = span_of(decorator);
        self.facts.push(Fact::RouterDef(RouterDef {
            name: name.clone(),
            origin: Node {
                value: Value::Call {
                    callee: head.clone(),
                },
                span,
            },
            exported,
            span,
        }));
        if !class_items.is_empty() {
            self.facts.push(Fact::Mount(Mount {
                router: name.clone(),
                prefix: None,
                items: class_items,
                scope: MountScope::Whole,
                span,
            }));
        }
        if head.ends_with("Module") {
            self.nest_module(&name, args.first().copied(), decorator);
        } else {
            let prefix = match args.first() {
                Some(arg) => {
                    let value = self.node_value(*arg, 0).value;
                    value
                        .as_str()
                        .map(str::to_string)
                        .or_else(|| object_str(&value, "path"))
                }
                None => None,
            };
            self.nest_methods(node, &name, prefix.as_deref().unwrap_or(""));
        }
    }

    /// `@Module({ controllers, imports, providers: [{ provide: APP_GUARD, useClass }] })`.
    fn nest_module(&mut self, name: &str, options: Option<TsNode<'_>>, decorator: TsNode<'_>) {
        let Some(options) = options else { return };
        let options = self.node_value(options, 0);
        let span = span_of(decorator);
        let mut children = Vec::new();
        for key in ["controllers", "imports"] {
            if let Some(Value::Array(items)) = object_get(&options.value, key) {
                children.extend(items.iter().cloned());
            }
        }
        let mut guards = Vec::new();
        if let Some(Value::Array(providers)) = object_get(&options.value, "providers") {
            for provider in providers {
                let is_app_guard = matches!(
                    object_get(&provider.value, "provide"),
                    Some(Value::Ident(id) | Value::Member(id)) if id.ends_with("APP_GUARD")
                );
                let class = object_get(&provider.value, "useClass")
                    .or_else(|| object_get(&provider.value, "useExisting"));
                if let (true, Some(class)) = (is_app_guard, class) {
                    guards.push(Node {
                        value: class.clone(),
                        span: provider.span,
                    });
                }
            }
        }
        for (items, scope) in [(children, MountScope::Whole), (guards, MountScope::App)] {
            if !items.is_empty() {
                self.facts.push(Fact::Mount(Mount {
                    router: name.to_string(),
                    prefix: None,
                    items,
                    scope,
                    span,
                }));
            }
        }
    }

    /// Routes of a controller: each method's HTTP decorator, with the
    /// method's other decorators as its middleware.
    fn nest_methods(&mut self, class: TsNode<'_>, name: &str, prefix: &str) {
        let Some(body) = class.child_by_field_name("body") else {
            return;
        };
        let mut pending: Vec<TsNode<'_>> = Vec::new();
        for member in self.named_kids(body) {
            match member.kind() {
                "decorator" => pending.push(member),
                "method_definition" => {
                    let mut decorators = std::mem::take(&mut pending);
                    decorators.extend(self.decorators_of(member));
                    self.nest_method(name, prefix, &decorators);
                }
                _ => pending.clear(),
            }
        }
    }

    fn nest_method(&mut self, class: &str, prefix: &str, decorators: &[TsNode<'_>]) {
        let mut route = None;
        let mut middleware = Vec::new();
        for decorator in decorators {
            let (head, args) = self.decorator_call(*decorator);
            let last = head.rsplit('.').next().unwrap_or("");
            match NEST_METHODS.iter().find(|(d, _)| *d == last) {
                Some((_, method)) if route.is_none() => {
                    let path = match args.first() {
                        Some(arg) => self.path_literal(*arg).unwrap_or_default(),
                        None => String::new(),
                    };
                    route = Some((*decorator, *method, path));
                }
                _ => middleware.extend(self.decorator_nodes(*decorator)),
            }
        }
        let Some((decorator, method, path)) = route else {
            return;
        };
        self.facts.push(Fact::Route(Route {
            router: class.to_string(),
            method: method.to_string(),
            path: join_route_paths(prefix, &path),
            middleware,
            span: span_of(decorator),
        }));
    }

    fn decorators_of<'t>(&self, node: TsNode<'t>) -> Vec<TsNode<'t>> {
        let mut cursor = node.walk();
        let found = node
            .children(&mut cursor)
            .filter(|kid| kid.kind() == "decorator")
            .collect();
        found
    }

    /// A decorator's callee (unresolved) and its argument nodes.
    fn decorator_call<'t>(&mut self, decorator: TsNode<'t>) -> (String, Vec<TsNode<'t>>) {
        let Some(inner) = self.named_kids(decorator).into_iter().next() else {
            return (String::new(), Vec::new());
        };
        let fields = &self.tables.fields;
        if self.kind(inner) == Kind::CallExpression {
            let head = self
                .field(inner, fields.function)
                .map(|f| self.callee_of(f))
                .unwrap_or_default();
            let args = self
                .field(inner, fields.arguments)
                .map(|a| self.named_kids(a))
                .unwrap_or_default();
            return (head, args);
        }
        (self.callee_of(inner), Vec::new())
    }

    /// A decorator as middleware nodes: the decorator itself (as a call)
    /// and each of its arguments (`@UseGuards(ThrottlerGuard)`).
    fn decorator_nodes(&mut self, decorator: TsNode<'_>) -> Vec<Node> {
        let span = span_of(decorator);
        let (head, args) = self.decorator_call(decorator);
        let mut nodes = vec![Node {
            value: Value::Call { callee: head },
            span,
        }];
        nodes.extend(args.iter().map(|a| self.node_value(*a, 0)));
        nodes
    }

    /// `export const x = …`, `export class X`, `export default x`,
    /// `export { a, b as c }`, `export { x } from './m'`.
    fn export_statement(&mut self, node: TsNode<'_>) {
        let span = span_of(node);
        let is_default = {
            let mut cursor = node.walk();
            let found = node.children(&mut cursor).any(|k| k.kind() == "default");
            found
        };
        if let Some(value) = self.field(node, self.tables.fields.value) {
            let value = self.node_value(value, 0);
            self.push_export("default".to_string(), value, span);
            return;
        }
        if let Some(declaration) = node.child_by_field_name("declaration") {
            for name in self.declared_names(declaration) {
                let value = Node {
                    value: Value::Ident(name.clone()),
                    span,
                };
                if is_default {
                    self.push_export("default".to_string(), value.clone(), span);
                }
                self.push_export(name, value, span);
            }
            return;
        }
        let source = self
            .field(node, self.tables.fields.source)
            .map(|s| self.string_content(s));
        let Some(clause) = self
            .named_kids(node)
            .into_iter()
            .find(|k| k.kind() == "export_clause")
        else {
            return;
        };
        for spec in self.named_kids(clause) {
            let fields = &self.tables.fields;
            let Some(name) = self.field(spec, fields.name) else {
                continue;
            };
            let name = self.export_name(name);
            let exported = match self.field(spec, fields.alias) {
                Some(alias) => self.export_name(alias),
                None => name.clone(),
            };
            if let Some(module) = &source {
                self.facts.push(Fact::Binding(Binding {
                    local: exported.clone(),
                    module: module.clone(),
                    member: (name != "default").then_some(name),
                    span,
                }));
            }
            let value = Node {
                value: Value::Ident(exported.clone()),
                span,
            };
            self.push_export(exported, value, span);
        }
    }

    fn export_name(&self, node: TsNode<'_>) -> String {
        match self.kind(node) {
            Kind::String => self.string_content(node),
            _ => self.src(node).to_string(),
        }
    }

    fn declared_names(&self, declaration: TsNode<'_>) -> Vec<String> {
        if let Some(name) = declaration.child_by_field_name("name") {
            return vec![self.src(name).to_string()];
        }
        self.named_kids(declaration)
            .into_iter()
            .filter(|k| self.kind(*k) == Kind::VariableDeclarator)
            .filter_map(|k| self.field(k, self.tables.fields.name))
            .filter(|n| self.kind(*n) == Kind::Identifier)
            .map(|n| self.src(n).to_string())
            .collect()
    }

    /// `module.exports = x`, `module.exports = { a, b }`, `exports.a = x`.
    fn commonjs_export(&mut self, node: TsNode<'_>) {
        let fields = &self.tables.fields;
        let (Some(left), Some(right)) = (
            self.field(node, fields.left),
            self.field(node, fields.right),
        ) else {
            return;
        };
        let Some(target) = self.member_path(left) else {
            return;
        };
        let name = match target.as_str() {
            "module.exports" => "default",
            other => match other
                .strip_prefix("module.exports.")
                .or_else(|| other.strip_prefix("exports."))
            {
                Some(name) if !name.contains('.') => name,
                _ => return,
            },
        };
        let span = span_of(node);
        let value = self.node_value(right, 0);
        if let (Value::Object(properties), "default") = (&value.value, name) {
            for property in properties {
                self.push_export(property.key.clone(), property.value.clone(), span);
            }
        }
        self.push_export(name.to_string(), value, span);
    }

    fn push_export(&mut self, name: String, value: Node, span: crate::facts::Span) {
        self.facts.push(Fact::Export(Export { name, value, span }));
    }

    /// The alias table as `Binding` facts (module and member kept apart,
    /// which the dotted alias paths cannot do once module names hold dots).
    pub(super) fn emit_bindings(&mut self) {
        let mut modules: Vec<(String, crate::facts::Span)> = self
            .facts
            .iter()
            .filter_map(|f| match f {
                Fact::Import(i) => Some((i.module.clone(), i.span)),
                _ => None,
            })
            .collect();
        if modules.is_empty() {
            return;
        }
        modules.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        let mut aliases: Vec<(&String, &String)> = self.aliases.iter().collect();
        aliases.sort();
        let mut bindings = Vec::new();
        for (local, path) in aliases {
            let found = modules.iter().find(|(m, _)| {
                path == m || (path.starts_with(m.as_str()) && path[m.len()..].starts_with('.'))
            });
            if let Some((module, span)) = found {
                let member = path.get(module.len() + 1..).map(str::to_string);
                bindings.push(Fact::Binding(Binding {
                    local: local.clone(),
                    module: module.clone(),
                    member,
                    span: *span,
                }));
            }
        }
        self.facts.extend(bindings);
    }
}

fn object_get<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    match value {
        Value::Object(properties) => properties
            .iter()
            .find(|p| p.key == key)
            .map(|p| &p.value.value),
        _ => None,
    }
}

fn object_str(value: &Value, key: &str) -> Option<String> {
    object_get(value, key)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}
