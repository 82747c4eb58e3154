//! Linking the per-file summaries into one graph of routers: which names
//! are routers, which router mounts which (across files, through
//! `require`/`import` and Rust module paths), and what each piece of
//! middleware is — a limiter, an exemption, something else, or unknown.

use std::collections::{BTreeSet, HashMap};

use super::modules::rust_module;
use super::FileRoutes;
use crate::facts::{MountScope, Value};
use crate::rules::route::RouteMatcher;
use crate::rules::Matcher;

/// How deep name resolution follows bindings, exports and imports; past it
/// the answer is unknown, which also ends cycles between files.
pub(super) const MAX_RESOLVE_DEPTH: usize = 16;

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
    pub(super) index: HashMap<(usize, String), usize>,
    pub(super) by_path: HashMap<&'a str, usize>,
    pub(super) scanned: &'a BTreeSet<&'a str>,
    /// Rust routers by crate root and qualified name.
    /// Keyed by function name, so a lookup reads only same-named candidates.
    pub(super) rust_names: HashMap<String, Vec<(String, String, usize)>>,
}

impl<'a> Graph<'a> {
    /// Builds the graph for one route rule.
    pub fn build(
        files: &'a [FileRoutes],
        scanned: &'a BTreeSet<&'a str>,
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
            rust_names: HashMap::new(),
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
            for router in &file.route_routers {
                self.ensure(f, router);
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
                self.rust_names
                    .entry(node.key.clone())
                    .or_default()
                    .push((root, qualified, id));
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

    /// Registration options that leave the limiter to routes that opt in.
    fn is_opt_in(&self, value: &Value) -> bool {
        let Value::Object(props) = value else {
            return false;
        };
        props
            .iter()
            .any(|p| self.matcher.opt_in.contains(&p.key) && p.value.value == Value::Bool(false))
    }
}
