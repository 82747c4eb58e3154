//! The `assign` matcher: bindings in code — assignments, declarations,
//! object-literal properties, struct-literal fields — whose target matches a
//! glob and whose value passes a test (`validation.validate_exp = false`,
//! `Validation { validate_exp: false, .. }`).
//!
//! It is the code counterpart of `config`: targets are case-sensitive and
//! comparisons type-strict.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::glob::{live_globs, PathGlob};
use super::load::PackContext;
use super::matcher::Hit;
use super::prefilter::FoundWords;
use super::raw::{OneOrMany, RawCondition};
use super::value::{Condition, Strictness};
use crate::error::InputError;
use crate::facts::Fact;

/// `assign:` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAssign {
    target: Spanned<OneOrMany>,
    value: Spanned<RawCondition>,
}

/// `assign:` compiled.
#[derive(Debug)]
pub struct AssignMatcher {
    /// Target globs (`**.validate_exp`).
    pub targets: Vec<PathGlob>,
    /// The test on the bound value.
    pub value: Condition,
}

impl PackContext<'_> {
    pub(super) fn compile_assign(&self, raw: &RawAssign) -> Result<AssignMatcher, InputError> {
        Ok(AssignMatcher {
            targets: raw
                .target
                .value
                .to_vec()
                .iter()
                .map(|g| PathGlob::new(g, false))
                .collect(),
            value: self.compile_condition(&raw.value, true)?,
        })
    }
}

/// Applies an assign matcher to one file's facts; the finding points at the
/// whole binding. Targets whose words the pre-filter did not find are
/// skipped (see [`PathGlob::may_occur_in`]).
pub fn match_assigns(
    rule: usize,
    m: &AssignMatcher,
    facts: &[Fact],
    found: &FoundWords,
    out: &mut Vec<Hit>,
) {
    let targets = live_globs(&m.targets, found);
    if targets.is_empty() {
        return;
    }
    for fact in facts {
        let Fact::Assign(assign) = fact else { continue };
        if !targets.iter().any(|g| g.matches(&assign.target)) {
            continue;
        }
        if m.value
            .eval_value(&assign.value, Strictness::Strict)
            .is_some()
        {
            out.push(Hit {
                rule,
                span: assign.span,
                secret: None,
                vars: vec![("key", assign.target.clone())],
                value_span: Some(assign.value.span),
            });
        }
    }
}
