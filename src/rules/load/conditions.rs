//! Compiling conditions on values (`where:` in code matchers, `value:` and
//! `unless:` in config ones) and the bounds they compare against, which may
//! name policy parameters.

use serde_saphyr::Spanned;

use super::PackContext;
use crate::error::InputError;
use crate::rules::bound::{eval_bound, BoundError};
use crate::rules::lazy_regex::{build_regex, LazyRegex};
use crate::rules::raw::{scalar, RawBound, RawCondition};
use crate::rules::value::{Comparison, Condition, Target, Test};

impl PackContext<'_> {
    /// One condition: a target (`arg`, `property`, `item`, or the config
    /// value itself when `config`) and exactly one test.
    pub(in crate::rules) fn compile_condition(
        &self,
        raw: &Spanned<RawCondition>,
        config: bool,
    ) -> Result<Condition, InputError> {
        let c = &raw.value;
        if c.item.is_some() && (c.arg.is_none() || c.property.is_some()) {
            return Err(self.error_at(raw, 1, "`item` needs `arg` and no `property`"));
        }
        let target = match (config, c.arg, &c.property) {
            (true, None, None) => Target::Itself,
            (true, _, _) => {
                return Err(self.error_at(
                    raw,
                    1,
                    "a `config` value condition takes no `arg` or `property`",
                ))
            }
            (false, Some(arg), None) => match c.item {
                Some(index) => Target::Item { arg, index },
                None => Target::Arg(arg),
            },
            (false, arg, Some(path)) => Target::Property {
                arg,
                path: path.split('.').map(str::to_string).collect(),
            },
            (false, None, None) => {
                return Err(self.error_at(raw, 1, "a condition needs `arg`, `property` or both"))
            }
        };
        let mut tests = Vec::new();
        if c.present == Some(true) {
            tests.push(Test::Present);
        }
        if c.absent == Some(true) {
            tests.push(Test::Absent);
        }
        if let Some(v) = &c.equals {
            tests.push(Test::Equals(scalar(v)));
        }
        if let Some(vs) = &c.one_of {
            tests.push(Test::OneOf(vs.iter().map(scalar).collect()));
        }
        if let Some(pattern) = &c.matches {
            tests.push(Test::Matches(self.condition_regex(raw, pattern)?));
        }
        if let Some(pattern) = &c.not_matches {
            tests.push(Test::NotMatches(self.condition_regex(raw, pattern)?));
        }
        if let Some(pattern) = &c.names {
            tests.push(Test::Names(self.condition_regex(raw, pattern)?));
        }
        if let Some(bound) = &c.longer_than {
            tests.push(Test::LongerThan(self.bound_value(raw, bound)?));
        }
        let bounds = [
            (&c.lt, Comparison::Less),
            (&c.le, Comparison::LessOrEqual),
            (&c.gt, Comparison::Greater),
            (&c.ge, Comparison::GreaterOrEqual),
        ];
        for (bound, op) in bounds {
            if let Some(bound) = bound {
                tests.push(Test::Compare(op, self.bound_value(raw, bound)?));
            }
        }
        if tests.len() != 1 {
            return Err(self
                .error_at(raw, 1, "a condition needs exactly one test")
                .with_help("tests are: present, absent, equals, in, matches, not_matches, names, lt, le, gt, ge, longer_than (write two conditions to combine them)"));
        }
        Ok(Condition {
            target,
            test: tests.remove(0),
        })
    }

    fn condition_regex(
        &self,
        raw: &Spanned<RawCondition>,
        pattern: &str,
    ) -> Result<LazyRegex, InputError> {
        if self.pack.builtin {
            return Ok(LazyRegex::deferred(pattern));
        }
        build_regex(pattern)
            .map(LazyRegex::from)
            .map_err(|err| self.error_at(raw, 1, format!("invalid regex in condition: {err}")))
    }

    /// Compiles a `where:` list of code conditions.
    pub(in crate::rules) fn compile_conditions(
        &self,
        raw: &[Spanned<RawCondition>],
    ) -> Result<Vec<Condition>, InputError> {
        raw.iter()
            .map(|cond| self.compile_condition(cond, false))
            .collect()
    }

    fn bound_value(&self, at: &Spanned<RawCondition>, bound: &RawBound) -> Result<f64, InputError> {
        match bound {
            RawBound::Num(n) => Ok(*n),
            RawBound::Policy(text) => {
                eval_bound(text, |name| self.policy.value(name)).map_err(|err| match err {
                    BoundError::UnknownPolicy(name) => self
                        .policy_value(at, &name)
                        .err()
                        .unwrap_or_else(|| self.error_at(at, 1, "invalid policy reference")),
                    BoundError::Malformed => self.error_at(
                        at,
                        1,
                        format!("`{text}` is neither a number nor `${{policy.NAME}}` (optionally `* N` or `2^…`)"),
                    ),
                })
            }
        }
    }
}
