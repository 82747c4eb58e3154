//! The project pass: rules that need facts from several files. Today that is
//! the `route` matcher (rate limiting), which must follow routers across
//! files — a limiter applied in `app.js` to the routes of `routes/auth.js`,
//! a layer added where the axum router is assembled.
//!
//! It runs in two steps. Per file, on the worker threads, `summarize` keeps
//! the few facts routing needs (routes, mounts, router definitions, exports,
//! import bindings and the local bindings they name) and builds every
//! candidate finding while the file's text is at hand. Once a package's
//! files are all in (`packages`, `stream`), `run` links its summaries
//! (`graph`) and keeps the candidates whose route is reachable with no
//! limiter (`verdict`); packages that import each other's files are judged
//! together, so the split changes memory, never findings. Unknown is not a
//! finding: a router or middleware that comes from outside the scan, or that
//! syntax cannot follow, keeps its routes out of the report.
//!
//! This module reads facts and rules; it never parses and never prints.

mod collect;
mod graph;
mod hint;
mod modules;
mod packages;
mod resolve;
mod stream;
mod verdict;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

pub use collect::summarize;
pub use hint::RouteHint;
pub use packages::{FileList, Packages};
pub use stream::{FileResult, PackagePass};

use crate::facts::{Binding, Export, Mount, Node, Route, RouterDef};
use crate::finding::{Finding, PlacedFinding};
use crate::rules::RuleSet;

/// What one file contributes to the project pass.
#[derive(Debug, Clone, Default)]
pub struct FileRoutes {
    /// Display path.
    pub path: String,
    /// Rust (module paths) rather than JS/TS (import specifiers).
    pub rust: bool,
    /// Route registrations some rule reports (its method and path can
    /// match); the rest are dropped once [`FileRoutes::candidates`] are
    /// built, so a large tree's GET routes are not held until the end.
    pub routes: Vec<Route>,
    /// Whether the file registers any route, reported or not: a file that
    /// registers none and imports a limiter package is middleware.
    pub registers_routes: bool,
    /// The routers every route registered on, in order: the graph knows
    /// them as routers whether or not their routes were kept.
    pub route_routers: Vec<String>,
    /// Middleware, layers, guards and child routers attached to routers.
    pub mounts: Vec<Mount>,
    /// Routers with a known origin: JS locals made by a call, NestJS
    /// classes, Rust functions building a router.
    pub defs: Vec<RouterDef>,
    /// Exported names (JS/TS).
    pub exports: Vec<Export>,
    /// Imported names (JS/TS) that the routes, mounts, exports or kept
    /// locals name.
    pub bindings: Vec<Binding>,
    /// Local bindings named by routes, mounts or exports (JS/TS).
    pub locals: Vec<(String, Node)>,
    /// Router prefixes given where a router is made (`new Router({ prefix })`).
    pub prefixes: Vec<(String, String)>,
    /// Limiter packages the file imports, kept only for a file that
    /// registers no routes (the one case the project pass asks about).
    pub packages: Vec<String>,
    /// Findings to keep if their route turns out to be unprotected.
    pub candidates: Vec<Candidate>,
}

/// A finding built per file, kept or dropped by the project pass.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Index of the route in [`FileRoutes::routes`].
    pub route: usize,
    /// Index of the rule in the rule set.
    pub rule: usize,
    /// The route's own path has no words: the full path decides.
    pub needs_full_path: bool,
    /// The file's part of the finding; the rule's part is added only if it
    /// is reported, so a large tree's candidates stay small.
    pub finding: PlacedFinding,
}

/// Links the summaries of a set of files closed under imports (a package,
/// linked packages, a whole tree) and returns the findings of routes
/// reachable with no limiter. `scanned` holds the display path of every
/// file of the set scanned, summarised or not.
pub fn run(files: &[FileRoutes], scanned: &BTreeSet<&str>, rules: &RuleSet) -> Vec<Finding> {
    if files.iter().all(|f| f.candidates.is_empty()) {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for (rule_index, rule) in rules.rules.iter().enumerate() {
        let Some(matcher) = graph::route_matcher(&rule.matcher) else {
            continue;
        };
        let wanted = files
            .iter()
            .any(|f| f.candidates.iter().any(|c| c.rule == rule_index));
        if !wanted {
            continue;
        }
        let graph = graph::Graph::build(files, scanned, matcher);
        let mut judge = verdict::Judge::new(&graph);
        // The limiter list is the point of the message: filled in whole,
        // never shortened.
        let limiters = matcher.limiter_list();
        for (file_index, file) in files.iter().enumerate() {
            for candidate in file.candidates.iter().filter(|c| c.rule == rule_index) {
                if judge.reports(file_index, candidate) {
                    let mut finding = candidate.finding.clone().complete(rule, &file.path);
                    finding.message = finding.message.replace("${limiters}", &limiters);
                    findings.push(finding);
                }
            }
        }
    }
    findings
}
