//! The `chain` matcher: a builder chain rooted at a callee glob that has, or
//! lacks, a step (`Cookie::build(..).same_site(SameSite::None)` lacking
//! `.secure(..)`; `crypto.createHash('md5').update(password)`), plus the
//! `imports` / `not_imports` scope that `call` and `chain` matchers share.
//!
//! Design choice: chains are read from the `Call` facts the front ends
//! already emit, not from a separate `Chain` fact. Every step of
//! `a.b(x).c(y)` is a `Call` whose receiver is written `()` (`a.b().c`), and
//! all calls of one chain start at the same byte (the chain's first
//! character), so a chain is the set of calls sharing the root's start whose
//! callee extends the root's. This needs no front-end change, costs no second
//! conversion of argument values, and works for every language that writes
//! call receivers as `()`.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::glob::{live_globs, wildcard_match, PathGlob};
use super::load::PackContext;
use super::matcher::Hit;
use super::prefilter::FoundWords;
use super::raw::{OneOrMany, RawCondition};
use super::value::{Condition, Evidence, Scalar, Strictness, Target, Test};
use crate::error::InputError;
use crate::facts::{Call, Fact, Node, Value};

/// `chain:` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChain {
    root: Spanned<OneOrMany>,
    #[serde(default, rename = "where")]
    conditions: Vec<Spanned<RawCondition>>,
    #[serde(default)]
    has: Vec<Spanned<RawStep>>,
    #[serde(default)]
    lacks: Vec<Spanned<RawStep>>,
    #[serde(flatten)]
    scope: RawScope,
}

/// A step: `secure(true)` / `secure` shorthand, or a name with conditions.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawStep {
    /// `name` or `name(literal)`.
    Short(String),
    /// `{ step: name, where: [...] }`.
    Full {
        /// The step's method name (a glob within one segment).
        step: String,
        /// Conditions on the step's arguments.
        #[serde(default, rename = "where")]
        conditions: Vec<Spanned<RawCondition>>,
    },
}

/// `imports:` / `not_imports:` of a `call` or `chain` matcher.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScope {
    #[serde(default)]
    imports: Option<OneOrMany>,
    #[serde(default)]
    not_imports: Option<OneOrMany>,
}

impl RawScope {
    pub(super) fn compile(&self) -> Scope {
        let list = |v: &Option<OneOrMany>| v.as_ref().map(OneOrMany::to_vec).unwrap_or_default();
        Scope {
            imports: list(&self.imports),
            not_imports: list(&self.not_imports),
        }
    }
}

/// Which files a matcher applies to, by the modules they import
/// (`Params::new` is argon2's only where the file uses argon2).
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// The file must import one of these modules (globs); empty: any file.
    pub imports: Vec<String>,
    /// The file must import none of these.
    pub not_imports: Vec<String>,
}

impl Scope {
    /// Whether a file with these facts is in scope.
    pub fn admits(&self, facts: &[Fact]) -> bool {
        if self.imports.is_empty() && self.not_imports.is_empty() {
            return true;
        }
        let imported = |globs: &[String]| {
            facts.iter().any(|f| match f {
                Fact::Import(i) => globs.iter().any(|g| module_matches(g, &i.module)),
                _ => false,
            })
        };
        (self.imports.is_empty() || imported(&self.imports)) && !imported(&self.not_imports)
    }
}

/// `argon2` matches `argon2` and `argon2/lib`; `@fastify/*` any scoped package.
fn module_matches(glob: &str, module: &str) -> bool {
    wildcard_match(glob, module)
        || module
            .strip_prefix(glob)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// One step of a chain to look for.
#[derive(Debug)]
pub struct Step {
    /// The method name, `*` allowed.
    pub name: String,
    /// Conditions on its arguments.
    pub conditions: Vec<Condition>,
}

/// `chain:` compiled.
#[derive(Debug)]
pub struct ChainMatcher {
    /// Globs for the chain's first call.
    pub roots: Vec<PathGlob>,
    /// Conditions on the root call's arguments.
    pub conditions: Vec<Condition>,
    /// Steps that must all be there.
    pub has: Vec<Step>,
    /// Steps none of which may be there. A step whose arguments syntax
    /// cannot judge (`.secure(is_prod)`) counts as there: unknown is not a finding.
    pub lacks: Vec<Step>,
    /// Which files the matcher applies to.
    pub scope: Scope,
}

impl PackContext<'_> {
    pub(super) fn compile_chain(&self, raw: &RawChain) -> Result<ChainMatcher, InputError> {
        let steps = |list: &[Spanned<RawStep>]| -> Result<Vec<Step>, InputError> {
            list.iter().map(|s| self.compile_step(s)).collect()
        };
        Ok(ChainMatcher {
            roots: raw
                .root
                .value
                .to_vec()
                .iter()
                .map(|g| PathGlob::new(g, false))
                .collect(),
            conditions: self.compile_conditions(&raw.conditions)?,
            has: steps(&raw.has)?,
            lacks: steps(&raw.lacks)?,
            scope: raw.scope.compile(),
        })
    }

    fn compile_step(&self, raw: &Spanned<RawStep>) -> Result<Step, InputError> {
        match &raw.value {
            RawStep::Full { step, conditions } => Ok(Step {
                name: step.clone(),
                conditions: self.compile_conditions(conditions)?,
            }),
            RawStep::Short(text) => parse_short_step(text).ok_or_else(|| {
                self.error_at(raw, text.len(), format!("`{text}` is not a step: write `name` or `name(literal)`"))
                    .with_help("a literal is true, false, a number, a quoted string or a path such as SameSite::None")
            }),
        }
    }
}

/// `secure`, `secure(true)`, `max_age(0)`, `same_site(SameSite::None)`.
fn parse_short_step(text: &str) -> Option<Step> {
    let text = text.trim();
    let is_name = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '*' || c == '$')
    };
    let Some(open) = text.find('(') else {
        return is_name(text).then(|| Step {
            name: text.to_string(),
            conditions: Vec::new(),
        });
    };
    let name = &text[..open];
    let arg = text[open + 1..].strip_suffix(')')?.trim();
    if !is_name(name) {
        return None;
    }
    let test = match arg {
        "true" => Test::Equals(Scalar::Bool(true)),
        "false" => Test::Equals(Scalar::Bool(false)),
        _ if arg.len() >= 2 && (arg.starts_with('\'') || arg.starts_with('"')) => {
            Test::Equals(Scalar::Str(arg[1..arg.len() - 1].to_string()))
        }
        _ => match arg.parse::<f64>() {
            Ok(n) => Test::Equals(Scalar::Num(n)),
            Err(_) => {
                let path = arg.replace("::", ".");
                if !path.split('.').all(is_name) {
                    return None;
                }
                let pattern = format!("(^|\\.){}$", regex::escape(&path));
                Test::Names(regex::Regex::new(&pattern).ok()?.into())
            }
        },
    };
    Some(Step {
        name: name.to_string(),
        conditions: vec![Condition {
            target: Target::Arg(0),
            test,
        }],
    })
}

/// Every condition holds; the first place one points at.
fn all_hold(conditions: &[Condition], args: &[Node]) -> Option<Option<crate::facts::Span>> {
    let mut at = None;
    for cond in conditions {
        match cond.eval_args(args, Strictness::Strict)? {
            Evidence::At(span) => {
                at.get_or_insert(span);
            }
            Evidence::Missing => {}
        }
    }
    Some(at)
}

/// Whether a failed condition failed on a value syntax knows (a literal or a
/// constant path such as `SameSite::Lax`), rather than on an unknown one.
fn decided(conditions: &[Condition], args: &[Node]) -> bool {
    conditions.iter().all(|cond| match &cond.target {
        Target::Arg(n) => args.get(*n).is_some_and(|a| {
            matches!(
                a.value,
                Value::Str(_) | Value::Num(_) | Value::Bool(_) | Value::Null | Value::Member(_)
            )
        }),
        _ => false,
    })
}

/// The step name of a chain call: what follows the root's `().`, provided
/// every link in between is a call.
fn step_name<'c>(root: &str, callee: &'c str) -> Option<&'c str> {
    let rest = callee.strip_prefix(root)?.strip_prefix("().")?;
    let name = rest.rsplit("().").next()?;
    (!name.contains('.') && rest.split("().").all(|s| !s.is_empty() && !s.contains('.')))
        .then_some(name)
}

/// Applies a chain matcher to one file's facts.
/// Roots whose words the pre-filter did not find are skipped (see
/// [`PathGlob::may_occur_in`]).
pub fn match_chains(
    rule: usize,
    m: &ChainMatcher,
    facts: &[Fact],
    found: &FoundWords,
    out: &mut Vec<Hit>,
) {
    let roots = live_globs(&m.roots, found);
    if roots.is_empty() || !m.scope.admits(facts) {
        return;
    }
    for (index, fact) in facts.iter().enumerate() {
        let Fact::Call(root) = fact else { continue };
        if !roots.iter().any(|g| g.matches(&root.callee)) {
            continue;
        }
        let Some(root_at) = all_hold(&m.conditions, &root.args) else {
            continue;
        };
        let steps = chain_steps(facts, index, root);
        if let Some(hit) = judge(rule, m, root, root_at, &steps) {
            out.push(hit);
        }
    }
}

/// The calls chained onto `root` (facts are sorted by start).
fn chain_steps<'f>(facts: &'f [Fact], index: usize, root: &Call) -> Vec<(&'f str, &'f Call)> {
    let start = root.span.start;
    let same_start = |f: &&'f Fact| match f {
        Fact::Call(c) => c.span.start == start,
        _ => true,
    };
    let before = facts[..index]
        .iter()
        .rev()
        .take_while(|f| f.start() == start)
        .filter(same_start);
    let after = facts[index + 1..]
        .iter()
        .take_while(|f| f.start() == start)
        .filter(same_start);
    before
        .chain(after)
        .filter_map(|f| match f {
            Fact::Call(c) => step_name(&root.callee, &c.callee).map(|name| (name, c)),
            _ => None,
        })
        .collect()
}

fn judge(
    rule: usize,
    m: &ChainMatcher,
    root: &Call,
    root_at: Option<crate::facts::Span>,
    steps: &[(&str, &Call)],
) -> Option<Hit> {
    let mut shown = None;
    for wanted in &m.has {
        let found = steps.iter().find_map(|(name, call)| {
            if !wildcard_match(&wanted.name, name) {
                return None;
            }
            all_hold(&wanted.conditions, &call.args).map(|at| at.unwrap_or(call.callee_span))
        })?;
        shown.get_or_insert(found);
    }
    for unwanted in &m.lacks {
        let present = steps.iter().any(|(name, call)| {
            wildcard_match(&unwanted.name, name)
                && (all_hold(&unwanted.conditions, &call.args).is_some()
                    || !decided(&unwanted.conditions, &call.args))
        });
        if present {
            return None;
        }
    }
    Some(Hit {
        rule,
        span: shown.or(root_at).unwrap_or(root.callee_span),
        secret: None,
        vars: vec![("callee", root.callee.clone())],
        value_span: root_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_names_follow_the_root() {
        assert_eq!(
            step_name("Cookie.build", "Cookie.build().secure"),
            Some("secure")
        );
        assert_eq!(
            step_name("Cookie.build", "Cookie.build().path().secure"),
            Some("secure")
        );
        assert_eq!(step_name("Cookie.build", "Cookie.builder().secure"), None);
        assert_eq!(step_name("Cookie.build", "Cookie.build().x.secure"), None);
    }

    #[test]
    fn short_steps_parse_literals_and_paths() {
        let step = parse_short_step("secure(true)").unwrap();
        assert_eq!(step.name, "secure");
        assert!(matches!(
            step.conditions[0].test,
            Test::Equals(Scalar::Bool(true))
        ));
        let step = parse_short_step("same_site(SameSite::None)").unwrap();
        assert!(
            matches!(&step.conditions[0].test, Test::Names(r) if r.is_match("cookie.SameSite.None"))
        );
        assert!(parse_short_step("secure").unwrap().conditions.is_empty());
        assert!(parse_short_step("secure(a b)").is_none());
    }
}
