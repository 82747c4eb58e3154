//! Linking the per-file summaries into one graph of routers: which names
//! are routers, which router mounts which (across files, through
//! `require`/`import` and Rust module paths), and what each piece of
//! middleware is — a limiter, an exemption, something else, or unknown.

use std::collections::{BTreeSet, HashMap};

use super::modules::{js_candidates, rust_module};
use super::FileRoutes;
use crate::facts::{MountScope, Value};
use crate::rules::route::RouteMatcher;
use crate::rules::Matcher;

/// How deep name resolution follows bindings, exports and imports; past it
/// the answer is unknown, which also ends cycles between files.
const MAX_RESOLVE_DEPTH: usize = 16;

/// The call a local was made by, through aliases (`const app = server`).
fn local_origin<'f>(file: &'f FileRoutes, value: &'f Value) -> Option<&'f String> {
    let mut value = value;
    for _ in 0..MAX_RESOLVE_DEPTH {
        match value {
            Value::Call { callee } => return Some(callee),
            Value::Ident(name) => value = &file.locals.iter().find(|(n, _)| n == name)?.1.value,
            _ => return None,
        }
    }
    None
}

/// The first `route` matcher of a rule, if it has one.
pub fn route_matcher(matcher: &Matcher) -> Option<&RouteMatcher> {
    match matcher {
        Matcher::Route(r) => Some(r),
        Matcher::Any(parts) => parts.iter().find_map(route_matcher),
        _ => None,
    }
}

/// What a piece of middleware is, as far as the scan shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// Nothing to do with rate limiting.
    Plain,
    /// Cannot be followed (outside the scan, dynamic).
    Unknown,
    /// Takes routes out of the limiter (`@SkipThrottle()`).
    Exempt,
    /// A rate limiter.
    Limiter,
}

/// The strongest of several classes: a limiter wins, then an exemption,
/// then unknown.
pub fn combine(classes: impl IntoIterator<Item = Class>) -> Class {
    classes.into_iter().max().unwrap_or(Class::Plain)
}

/// What a mounted item or middleware name turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// A router of the graph.
    Router(usize),
    /// Middleware of this class.
    Middleware(Class),
}

/// Middleware attached to a router.
#[derive(Debug, Clone)]
pub struct Step {
    /// Where it is attached (byte offset in the router's file).
    pub offset: usize,
    /// How far it reaches.
    pub scope: MountScope,
    /// What it is.
    pub class: Class,
}

/// A router mounted by another.
#[derive(Debug, Clone)]
pub struct Edge {
    /// The mounting router.
    pub parent: usize,
    /// Where the mount is (byte offset in the parent's file).
    pub offset: usize,
    /// The mount's path prefix.
    pub prefix: Option<String>,
    /// Middleware given alongside the router in the same mount.
    pub class: Class,
}

/// One router: a JS/TS router object, a NestJS class, a Rust function.
#[derive(Debug, Clone, Default)]
pub struct RouterNode {
    /// The file it is in.
    pub file: usize,
    /// Its name there.
    pub key: String,
    /// The call that made it, when known.
    pub origin: Option<String>,
    /// Whether code outside its file may use it.
    pub exported: bool,
    /// A prefix it was made with (`new Router({ prefix })`).
    pub prefix: Option<String>,
    /// Middleware attached to it.
    pub steps: Vec<Step>,
    /// Who mounts it.
    pub parents: Vec<Edge>,
    /// What it mounts.
    pub children: Vec<usize>,
}

/// Every router of the scan, linked.
pub struct Graph<'a> {
    /// The summaries, as given.
    pub files: &'a [FileRoutes],
    /// The rule's vocabulary.
    pub matcher: &'a RouteMatcher,
    /// The routers.
    pub nodes: Vec<RouterNode>,
    index: HashMap<(usize, String), usize>,
    by_path: HashMap<&'a str, usize>,
    scanned: &'a BTreeSet<String>,
    /// Rust routers by crate root and qualified name.
    rust_names: Vec<(String, String, usize)>,
}

impl<'a> Graph<'a> {
    /// Builds the graph for one route rule.
    pub fn build(
        files: &'a [FileRoutes],
        scanned: &'a BTreeSet<String>,
        matcher: &'a RouteMatcher,
    ) -> Self {
        let mut graph = Graph {
            files,
            matcher,
            nodes: Vec::new(),
            index: HashMap::new(),
            by_path: files
                .iter()
                .enumerate()
                .map(|(i, f)| (f.path.as_str(), i))
                .collect(),
            scanned,
            rust_names: Vec::new(),
        };
        graph.add_nodes();
        graph.link();
        graph
    }

    /// The router `key` of file `file`.
    pub fn node_of(&self, file: usize, key: &str) -> Option<usize> {
        self.index.get(&(file, key.to_string())).copied()
    }

    fn ensure(&mut self, file: usize, key: &str) -> usize {
        if let Some(&id) = self.index.get(&(file, key.to_string())) {
            return id;
        }
        let id = self.nodes.len();
        self.nodes.push(RouterNode {
            file,
            key: key.to_string(),
            ..RouterNode::default()
        });
        self.index.insert((file, key.to_string()), id);
        id
    }

    fn add_nodes(&mut self) {
        for (f, file) in self.files.iter().enumerate() {
            for def in &file.defs {
                let id = self.ensure(f, &def.name);
                if let Value::Call { callee } = &def.origin.value {
                    self.nodes[id].origin.get_or_insert_with(|| callee.clone());
                }
                self.nodes[id].exported |= def.exported;
            }
            for (name, value) in &file.locals {
                if let Some(callee) = local_origin(file, &value.value) {
                    if self.matcher.is_app(callee) || self.matcher.is_router(callee) {
                        let id = self.ensure(f, name);
                        self.nodes[id].origin.get_or_insert_with(|| callee.clone());
                    }
                }
            }
            for route in &file.routes {
                self.ensure(f, &route.router);
            }
            for mount in &file.mounts {
                self.ensure(f, &mount.router);
            }
            for (name, prefix) in &file.prefixes {
                if let Some(id) = self.node_of(f, name) {
                    self.nodes[id].prefix = Some(prefix.clone());
                }
            }
            for export in &file.exports {
                if let Value::Ident(name) = &export.value.value {
                    if let Some(id) = self.node_of(f, name) {
                        self.nodes[id].exported = true;
                    }
                }
            }
        }
        for (id, node) in self.nodes.iter().enumerate() {
            let file = &self.files[node.file];
            if file.rust && !node.key.contains('#') {
                let (root, module) = rust_module(&file.path);
                let qualified = if module.is_empty() {
                    node.key.clone()
                } else {
                    format!("{module}.{}", node.key)
                };
                self.rust_names.push((root, qualified, id));
            }
        }
    }

    fn link(&mut self) {
        for f in 0..self.files.len() {
            for mount in &self.files[f].mounts {
                let Some(parent) = self.node_of(f, &mount.router) else {
                    continue;
                };
                let mut children = Vec::new();
                let mut classes = Vec::new();
                for item in &mount.items {
                    match self.resolve(f, &item.value, 0) {
                        Resolved::Router(child) if child != parent => children.push(child),
                        Resolved::Router(_) => {}
                        Resolved::Middleware(class) => classes.push(class),
                    }
                }
                let opt_in = mount.items.iter().any(|i| self.is_opt_in(&i.value));
                let class = if opt_in {
                    Class::Plain
                } else {
                    combine(classes)
                };
                if children.is_empty() {
                    self.nodes[parent].steps.push(Step {
                        offset: mount.span.start,
                        scope: mount.scope,
                        class,
                    });
                }
                for child in children {
                    self.nodes[child].parents.push(Edge {
                        parent,
                        offset: mount.span.start,
                        prefix: mount.prefix.clone(),
                        class,
                    });
                    self.nodes[parent].children.push(child);
                }
            }
        }
    }

    /// What a value named in file `file` is.
    pub fn resolve(&self, file: usize, value: &Value, depth: usize) -> Resolved {
        if depth > MAX_RESOLVE_DEPTH {
            return Resolved::Middleware(Class::Unknown);
        }
        match value {
            Value::Ident(name) | Value::Member(name) => self.resolve_name(file, name, depth),
            Value::Call { callee } => self.resolve_call(file, callee, depth),
            Value::Object(_) => Resolved::Middleware(self.options_class(value)),
            Value::Array(items) => {
                let classes = items
                    .iter()
                    .map(|i| match self.resolve(file, &i.value, depth + 1) {
                        Resolved::Router(_) => Class::Plain,
                        Resolved::Middleware(c) => c,
                    });
                Resolved::Middleware(combine(classes))
            }
            // Inline code (a handler, an arrow-function middleware).
            Value::Unknown => Resolved::Middleware(self.local_code(file, Class::Plain)),
            _ => Resolved::Middleware(Class::Plain),
        }
    }

    /// Registration options that leave the limiter to routes that opt in.
    fn is_opt_in(&self, value: &Value) -> bool {
        let Value::Object(props) = value else {
            return false;
        };
        props
            .iter()
            .any(|p| self.matcher.opt_in.contains(&p.key) && p.value.value == Value::Bool(false))
    }

    /// Route options that set a limit (`config: { rateLimit: {...} }`).
    fn options_class(&self, value: &Value) -> Class {
        for path in &self.matcher.options {
            let mut current = value;
            let mut found = true;
            for key in path {
                match current {
                    Value::Object(props) => match props.iter().find(|p| &p.key == key) {
                        Some(p) => current = &p.value.value,
                        None => {
                            found = false;
                            break;
                        }
                    },
                    _ => {
                        found = false;
                        break;
                    }
                }
            }
            if found {
                return match current {
                    Value::Bool(false) => Class::Exempt,
                    _ => Class::Limiter,
                };
            }
        }
        Class::Plain
    }

    fn by_name(&self, name: &str) -> Class {
        if self.matcher.is_exempt(name) {
            Class::Exempt
        } else if self.matcher.is_limiter(name) {
            Class::Limiter
        } else {
            Class::Plain
        }
    }

    fn resolve_call(&self, file: usize, callee: &str, depth: usize) -> Resolved {
        let name = callee
            .split('(')
            .next()
            .unwrap_or(callee)
            .trim_end_matches('.');
        match self.by_name(name) {
            Class::Plain => {}
            class => return Resolved::Middleware(class),
        }
        if self.files[file].rust {
            return match self.rust_lookup(file, name) {
                Some(found) => found,
                None => Resolved::Middleware(Class::Plain),
            };
        }
        // Koa: `app.use(router.routes())` mounts the router.
        for suffix in [".routes", ".middleware"] {
            if let Some(router) = name.strip_suffix(suffix) {
                if let Some(id) = self.node_of(file, router) {
                    return Resolved::Router(id);
                }
            }
        }
        let head = name.split('.').next().unwrap_or(name);
        let summary = &self.files[file];
        let relative = summary
            .bindings
            .iter()
            .any(|b| b.local == head && b.module.starts_with('.'));
        let local = relative || summary.locals.iter().any(|(n, _)| n == head);
        if !local {
            return Resolved::Middleware(Class::Plain);
        }
        match self.resolve_name(file, name, depth + 1) {
            Resolved::Middleware(Class::Limiter) => Resolved::Middleware(Class::Limiter),
            // A factory from another file of the project (`authRoutes()`):
            // what it returns cannot be followed.
            _ if relative => Resolved::Middleware(Class::Unknown),
            Resolved::Router(_) => Resolved::Middleware(Class::Plain),
            other => other,
        }
    }

    fn resolve_name(&self, file: usize, name: &str, depth: usize) -> Resolved {
        if let Some(id) = self.node_of(file, name) {
            return Resolved::Router(id);
        }
        let summary = &self.files[file];
        if summary.rust {
            return self
                .rust_lookup(file, name)
                .unwrap_or_else(|| Resolved::Middleware(self.by_name(name)));
        }
        let (head, rest) = match name.split_once('.') {
            Some((h, r)) => (h, Some(r)),
            None => (name, None),
        };
        if let Some(binding) = summary.bindings.iter().find(|b| b.local == head) {
            let member = match (&binding.member, rest) {
                (Some(m), Some(r)) => Some(format!("{m}.{r}")),
                (Some(m), None) => Some(m.clone()),
                (None, Some(r)) => Some(r.to_string()),
                (None, None) => None,
            };
            return self.resolve_import(file, &binding.module, member.as_deref(), depth);
        }
        if let Some((_, value)) = summary.locals.iter().find(|(n, _)| n == head) {
            return match (&value.value, rest) {
                (_, None) => self.resolve(file, &value.value, depth + 1),
                (Value::Ident(base) | Value::Member(base), Some(rest)) => {
                    self.resolve_name(file, &format!("{base}.{rest}"), depth + 1)
                }
                (Value::Call { .. }, Some(_)) => self.resolve(file, &value.value, depth + 1),
                _ => Resolved::Middleware(Class::Unknown),
            };
        }
        // A function or parameter of this file: a limiter by its name, or
        // because the file imports a limiter package to write it.
        Resolved::Middleware(self.local_code(file, self.by_name(name)))
    }

    /// Code written in a middleware file — one that registers no routes and
    /// imports a limiter package — counts as a limiter (custom middleware
    /// around `rate-limiter-flexible`, for example).
    fn local_code(&self, file: usize, class: Class) -> Class {
        let summary = &self.files[file];
        let imports_limiter = summary.routes.is_empty()
            && summary
                .packages
                .iter()
                .any(|p| self.matcher.from_limiter_package(p));
        match class {
            Class::Plain if imports_limiter => Class::Limiter,
            class => class,
        }
    }

    fn resolve_import(
        &self,
        file: usize,
        module: &str,
        member: Option<&str>,
        depth: usize,
    ) -> Resolved {
        let candidates = js_candidates(&self.files[file].path, module);
        if candidates.is_empty() {
            let name = match member {
                Some(m) => format!("{module}.{m}"),
                None => module.to_string(),
            };
            return Resolved::Middleware(self.by_name(&name));
        }
        let Some(target) = candidates
            .iter()
            .find_map(|c| self.by_path.get(c.as_str()).copied())
        else {
            let scanned = candidates.iter().any(|c| self.scanned.contains(c));
            // Scanned but with nothing routing could use: plain code.
            return Resolved::Middleware(if scanned {
                Class::Plain
            } else {
                Class::Unknown
            });
        };
        let (export_name, rest) = match member {
            Some(m) => match m.split_once('.') {
                Some((e, r)) => (e, Some(r)),
                None => (m, None),
            },
            None => ("default", None),
        };
        let Some(export) = self.files[target]
            .exports
            .iter()
            .find(|e| e.name == export_name)
        else {
            return Resolved::Middleware(Class::Plain);
        };
        match (&export.value.value, rest) {
            (Value::Ident(base) | Value::Member(base), Some(rest)) => {
                self.resolve_name(target, &format!("{base}.{rest}"), depth + 1)
            }
            (value, _) => self.resolve(target, value, depth + 1),
        }
    }

    /// A Rust path naming a router function: in the same file first, then
    /// by module path within the same crate; ambiguous names are unknown.
    fn rust_lookup(&self, file: usize, path: &str) -> Option<Resolved> {
        if let Some(id) = self.node_of(file, path) {
            return Some(Resolved::Router(id));
        }
        let (root, _) = rust_module(&self.files[file].path);
        let suffix = format!(".{path}");
        let found: Vec<usize> = self
            .rust_names
            .iter()
            .filter(|(r, q, _)| *r == root && (q == path || q.ends_with(&suffix)))
            .map(|(_, _, id)| *id)
            .collect();
        match found.as_slice() {
            [] => None,
            [one] => Some(Resolved::Router(*one)),
            _ => Some(Resolved::Middleware(Class::Unknown)),
        }
    }
}
