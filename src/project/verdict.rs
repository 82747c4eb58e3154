//! Judging one route: is a limiter applied on the route, on its router (in
//! the order the framework applies middleware), on a router that mounts it
//! (any ancestor), or on the application? Only a route that some root
//! reaches with none of them, and with nothing unknown on the way, is
//! reported.

use std::collections::HashMap;

use super::graph::{combine, Class, Graph, Resolved};
use super::Candidate;
use crate::facts::join_route_paths;
use crate::facts::MountScope;
use crate::rules::route::PathMatch;

/// How far up a mount chain the judge climbs; deeper chains are unknown.
const MAX_CHAIN: usize = 64;

/// What the scan shows about a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// A limiter applies on every way in.
    Protected,
    /// Some part of the way cannot be followed.
    Unknown,
    /// Some way in has no limiter.
    Exposed,
}

/// Judges routes against one graph, remembering what it learnt of roots.
pub struct Judge<'g> {
    graph: &'g Graph<'g>,
    app_limited: HashMap<usize, bool>,
}

impl<'g> Judge<'g> {
    /// A judge for this graph.
    pub fn new(graph: &'g Graph<'g>) -> Self {
        Judge {
            graph,
            app_limited: HashMap::new(),
        }
    }

    /// Whether the candidate's route is reachable with no limiter.
    pub fn reports(&mut self, file: usize, candidate: &Candidate) -> bool {
        let route = &self.graph.files[file].routes[candidate.route];
        let Some(node) = self.graph.node_of(file, &route.router) else {
            return false;
        };
        if candidate.needs_full_path {
            let full = self.full_path(node, &route.path);
            if self.graph.matcher.path_matches(&full) != PathMatch::Yes {
                return false;
            }
        }
        let own =
            combine(
                route
                    .middleware
                    .iter()
                    .map(|m| match self.graph.resolve(file, &m.value, 0) {
                        Resolved::Router(_) => Class::Plain,
                        Resolved::Middleware(class) => class,
                    }),
            );
        let verdict = match own {
            Class::Limiter => Verdict::Protected,
            Class::Exempt => Verdict::Exposed,
            Class::Unknown => Verdict::Unknown,
            Class::Plain => self.node_verdict(node, route.span.start, &mut Vec::new()),
        };
        verdict == Verdict::Exposed
    }

    /// The verdict for something at `offset` inside router `node`.
    fn node_verdict(&mut self, node: usize, offset: usize, stack: &mut Vec<usize>) -> Verdict {
        let graph = self.graph;
        let router = &graph.nodes[node];
        let applying = router.steps.iter().filter(|s| match s.scope {
            MountScope::Following => s.offset < offset,
            MountScope::Preceding => s.offset > offset,
            MountScope::Whole => true,
            MountScope::App => false,
        });
        let local = combine(applying.map(|s| s.class));
        match local {
            Class::Limiter => return Verdict::Protected,
            Class::Exempt => return Verdict::Exposed,
            _ => {}
        }
        let above = if router.parents.is_empty() {
            self.root_verdict(node)
        } else if stack.len() >= MAX_CHAIN || stack.contains(&node) {
            Verdict::Unknown
        } else {
            stack.push(node);
            let mut verdicts = Vec::new();
            for edge in &router.parents {
                verdicts.push(match edge.class {
                    Class::Limiter => Verdict::Protected,
                    Class::Exempt => Verdict::Exposed,
                    Class::Unknown => Verdict::Unknown,
                    Class::Plain => self.node_verdict(edge.parent, edge.offset, stack),
                });
            }
            stack.pop();
            verdicts.into_iter().max().unwrap_or(Verdict::Unknown)
        };
        if local == Class::Unknown && above == Verdict::Exposed {
            Verdict::Unknown
        } else {
            above
        }
    }

    /// A router nobody mounts: an application is where requests arrive
    /// (exposed unless an application-wide limiter is set anywhere in it);
    /// anything else is mounted somewhere the scan does not show.
    fn root_verdict(&mut self, node: usize) -> Verdict {
        let router = &self.graph.nodes[node];
        let matcher = self.graph.matcher;
        let origin = router.origin.as_deref().unwrap_or("");
        let rust_router =
            self.graph.files[router.file].rust && matcher.is_router(origin) && !router.exported;
        if !(matcher.is_app(origin) || rust_router) {
            return Verdict::Unknown;
        }
        if self.app_limited(node) {
            Verdict::Protected
        } else {
            Verdict::Exposed
        }
    }

    /// Whether an application-wide limiter (`APP_GUARD`) is registered
    /// anywhere under the root.
    fn app_limited(&mut self, root: usize) -> bool {
        if let Some(&known) = self.app_limited.get(&root) {
            return known;
        }
        let nodes = &self.graph.nodes;
        let mut seen = vec![false; nodes.len()];
        let mut todo = vec![root];
        let mut limited = false;
        while let Some(n) = todo.pop() {
            if std::mem::replace(&mut seen[n], true) {
                continue;
            }
            limited |= nodes[n]
                .steps
                .iter()
                .any(|s| s.scope == MountScope::App && s.class == Class::Limiter);
            todo.extend(nodes[n].children.iter().copied());
        }
        self.app_limited.insert(root, limited);
        limited
    }

    /// The route's path with the prefixes of its first chain of mounts.
    fn full_path(&self, node: usize, path: &str) -> String {
        let mut full = path.to_string();
        let mut current = node;
        for _ in 0..MAX_CHAIN {
            let router = &self.graph.nodes[current];
            if let Some(prefix) = &router.prefix {
                full = join_route_paths(prefix, &full);
            }
            let Some(edge) = router.parents.first() else {
                break;
            };
            if let Some(prefix) = &edge.prefix {
                full = join_route_paths(prefix, &full);
            }
            current = edge.parent;
        }
        full
    }
}
