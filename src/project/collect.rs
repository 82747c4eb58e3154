//! The per-file step of the project pass: from one file's facts, keep what
//! routing needs and build the candidate findings while the text is at hand.

use std::collections::BTreeSet;

use super::graph::route_matcher;
use super::{Candidate, FileRoutes};
use crate::facts::{Fact, Value};
use crate::finding::build_placed;
use crate::lang::Language;
use crate::rules::matcher::Hit;
use crate::rules::route::PathMatch;
use crate::rules::RuleSet;
use crate::source::SourceFile;

/// The routing summary of one file, or `None` when it holds nothing the
/// project pass could use.
pub fn summarize(
    file: &SourceFile,
    language: Language,
    facts: &[Fact],
    rules: &RuleSet,
) -> Option<FileRoutes> {
    let rust = language == Language::Rust;
    if !rust && language.js_dialect().is_none() {
        return None;
    }
    let mut out = FileRoutes {
        path: file.display_path.clone(),
        rust,
        ..FileRoutes::default()
    };
    let mut packages = BTreeSet::new();
    for fact in facts {
        match fact {
            Fact::Route(r) => out.routes.push(r.clone()),
            Fact::Mount(m) => out.mounts.push(m.clone()),
            Fact::RouterDef(d) => out.defs.push(d.clone()),
            Fact::Export(e) => out.exports.push(e.clone()),
            Fact::Binding(b) => out.bindings.push(b.clone()),
            Fact::Import(i) if !i.module.starts_with('.') => {
                packages.insert(i.module.clone());
            }
            _ => {}
        }
    }
    if out.routes.is_empty()
        && out.mounts.is_empty()
        && out.defs.is_empty()
        && out.exports.is_empty()
    {
        return None;
    }
    out.packages = packages.into_iter().collect();
    if !rust {
        keep_locals(&mut out, facts);
    }
    out.candidates = candidates(file, language, &out, rules);
    keep_candidate_routes(&mut out);
    keep_limiter_packages(&mut out, rules);
    shrink(&mut out);
    Some(out)
}

/// Drops the routes no candidate points at (most of a tree's routes: reads,
/// health checks, non-authentication paths), keeping what the project pass
/// still asks of them: that the file registers routes, and on which routers.
fn keep_candidate_routes(out: &mut FileRoutes) {
    out.registers_routes = !out.routes.is_empty();
    out.route_routers = out.routes.iter().map(|r| r.router.clone()).collect();
    out.route_routers.dedup();
    let mut kept = vec![false; out.routes.len()];
    for candidate in &out.candidates {
        kept[candidate.route] = true;
    }
    // A kept route's new index is the number of kept routes before it.
    let new_index: Vec<usize> = kept
        .iter()
        .scan(0, |before, &keep| {
            let index = *before;
            *before += usize::from(keep);
            Some(index)
        })
        .collect();
    let mut keep = kept.iter();
    out.routes.retain(|_| keep.next().copied().unwrap_or(false));
    for candidate in &mut out.candidates {
        candidate.route = new_index[candidate.route];
    }
}

/// Keeps only what the project pass asks of the imported packages: whether
/// a file that registers no routes imports a limiter package.
fn keep_limiter_packages(out: &mut FileRoutes, rules: &RuleSet) {
    if out.registers_routes {
        out.packages = Vec::new();
        return;
    }
    out.packages.retain(|package| {
        rules
            .rules
            .iter()
            .filter_map(|rule| route_matcher(&rule.matcher))
            .any(|matcher| matcher.from_limiter_package(package))
    });
}

/// Gives back the growth room of every list: the summary is held until the
/// whole tree is read.
fn shrink(out: &mut FileRoutes) {
    out.routes.shrink_to_fit();
    out.route_routers.shrink_to_fit();
    out.mounts.shrink_to_fit();
    out.defs.shrink_to_fit();
    out.exports.shrink_to_fit();
    out.bindings.shrink_to_fit();
    out.locals.shrink_to_fit();
    out.prefixes.shrink_to_fit();
    out.packages.shrink_to_fit();
    out.candidates.shrink_to_fit();
}

/// The first head segment of a name (`limits.login` → `limits`).
fn head(name: &str) -> &str {
    name.split(['.', '(']).next().unwrap_or(name)
}

fn value_heads(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Ident(n) | Value::Member(n) => {
            out.insert(head(n).to_string());
        }
        Value::Call { callee } => {
            out.insert(head(callee).to_string());
        }
        Value::Array(items) => items.iter().for_each(|i| value_heads(&i.value, out)),
        _ => {}
    }
}

/// Keeps the local bindings the routing facts name (two levels deep:
/// `const auth = limits.auth` after `const limits = require(...)`), and
/// the prefixes routers are made with.
fn keep_locals(out: &mut FileRoutes, facts: &[Fact]) {
    let mut wanted = BTreeSet::new();
    for route in &out.routes {
        wanted.insert(head(&route.router).to_string());
        route
            .middleware
            .iter()
            .for_each(|m| value_heads(&m.value, &mut wanted));
    }
    for mount in &out.mounts {
        wanted.insert(head(&mount.router).to_string());
        mount
            .items
            .iter()
            .for_each(|m| value_heads(&m.value, &mut wanted));
    }
    for export in &out.exports {
        value_heads(&export.value.value, &mut wanted);
    }
    for _ in 0..2 {
        let mut more = BTreeSet::new();
        for fact in facts {
            if let Fact::Assign(a) = fact {
                // `{ checkLogin }` names itself: it says nothing of what the
                // name is, and kept it would send resolution round in a loop.
                let names_itself = matches!(&a.value.value, Value::Ident(n) if *n == a.target);
                if names_itself {
                    continue;
                }
                if wanted.contains(&a.target) && !out.locals.iter().any(|(n, _)| n == &a.target) {
                    value_heads(&a.value.value, &mut more);
                    let mut value = a.value.clone();
                    required_callee(facts, &mut value);
                    out.locals.push((a.target.clone(), value));
                    if let Some(prefix) = router_prefix(facts, a.value.span) {
                        out.prefixes.push((a.target.clone(), prefix));
                    }
                }
            }
        }
        wanted.extend(more);
    }
    // Resolution looks a binding up only by a head named here, so the rest
    // of a file's imports (most of them: models, helpers) need not be held.
    out.bindings.retain(|b| wanted.contains(&b.local));
}

/// `require('fastify')(opts)` and `require('express').Router()` are calls
/// of the module required: their callee becomes `fastify`, `express.Router`.
fn required_callee(facts: &[Fact], value: &mut crate::facts::Node) {
    let Value::Call { callee } = &mut value.value else {
        return;
    };
    let Some(rest) = callee.strip_prefix("require()") else {
        return;
    };
    let module = facts.iter().find_map(|f| match f {
        Fact::Import(i) if i.span.start == value.span.start => Some(i.module.as_str()),
        _ => None,
    });
    if let Some(module) = module {
        *callee = format!("{module}{rest}");
    }
}

/// `new Router({ prefix: '/auth' })`: the prefix given to the call whose
/// span is `span`.
fn router_prefix(facts: &[Fact], span: crate::facts::Span) -> Option<String> {
    facts.iter().find_map(|f| match f {
        Fact::Call(c) if c.span == span => c.args.first().and_then(|a| match &a.value {
            Value::Object(props) => props
                .iter()
                .find(|p| p.key == "prefix")
                .and_then(|p| p.value.value.as_str().map(str::to_string)),
            _ => None,
        }),
        _ => None,
    })
}

/// One candidate finding per (route, route rule) whose method and path fit.
fn candidates(
    file: &SourceFile,
    language: Language,
    summary: &FileRoutes,
    rules: &RuleSet,
) -> Vec<Candidate> {
    let mut hits = Vec::new();
    let mut meta = Vec::new();
    for (rule_index, rule) in rules.rules.iter().enumerate() {
        let Some(matcher) = route_matcher(&rule.matcher) else {
            continue;
        };
        if !rule.applies_to(language) {
            continue;
        }
        for (route_index, route) in summary.routes.iter().enumerate() {
            if !matcher.method_matches(&route.method) {
                continue;
            }
            let needs_full_path = match matcher.path_matches(&route.path) {
                PathMatch::Yes => false,
                PathMatch::NoWords => true,
                PathMatch::No => continue,
            };
            let shown = if route.path.starts_with('/') || route.path.is_empty() {
                route.path.clone()
            } else {
                format!("/{}", route.path)
            };
            hits.push(Hit {
                rule: rule_index,
                span: route.span,
                secret: None,
                vars: vec![("method", route.method.to_uppercase()), ("route", shown)],
                value_span: None,
            });
            meta.push((route_index, rule_index, needs_full_path));
        }
    }
    build_placed(file, &hits, &rules.rules)
        .into_iter()
        .zip(meta)
        .map(|(finding, (route, rule, needs_full_path))| Candidate {
            route,
            rule,
            needs_full_path,
            finding,
        })
        .collect()
}
