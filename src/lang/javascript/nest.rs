//! NestJS route facts from decorators: `@Controller('auth')` classes and
//! their `@Post('login')` methods (with the method's other decorators as
//! middleware), `@Module({ controllers, imports, providers })` with
//! `APP_GUARD` providers, and `NestFactory.create(AppModule)`.

use tree_sitter::Node as TsNode;

use crate::facts::{join_route_paths, Fact, Mount, MountScope, Node, Route, RouterDef, Value};

use super::extractor::{span_of, Extractor};
use super::routes::{object_get, object_str};
use super::tables::Kind;

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
    /// `NestFactory.create(AppModule)`: an application rooted at a module.
    pub(super) fn nest_bootstrap(
        &mut self,
        node: TsNode<'s>,
        function: TsNode<'s>,
        args: &[TsNode<'s>],
    ) {
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

    /// NestJS `@Controller` / `@Module` classes.
    pub(super) fn nest_class(&mut self, node: TsNode<'s>) {
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
    fn nest_module(&mut self, name: &str, options: Option<TsNode<'s>>, decorator: TsNode<'s>) {
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
    fn nest_methods(&mut self, class: TsNode<'s>, name: &str, prefix: &str) {
        let Some(body) = class.child_by_field_name("body") else {
            return;
        };
        let mut pending: Vec<TsNode<'s>> = Vec::new();
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

    fn nest_method(&mut self, class: &str, prefix: &str, decorators: &[TsNode<'s>]) {
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

    fn decorators_of(&self, node: TsNode<'s>) -> Vec<TsNode<'s>> {
        let mut cursor = node.walk();
        let found = node
            .children(&mut cursor)
            .filter(|kid| kid.kind() == "decorator")
            .collect();
        found
    }

    /// A decorator's callee (unresolved) and its argument nodes.
    fn decorator_call(&mut self, decorator: TsNode<'s>) -> (String, Vec<TsNode<'s>>) {
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
    fn decorator_nodes(&mut self, decorator: TsNode<'s>) -> Vec<Node> {
        let span = span_of(decorator);
        let (head, args) = self.decorator_call(decorator);
        let mut nodes = vec![Node {
            value: Value::Call { callee: head },
            span,
        }];
        nodes.extend(args.iter().map(|a| self.node_value(*a, 0)));
        nodes
    }
}
