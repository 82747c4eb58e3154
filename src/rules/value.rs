//! Conditions on values: which argument or property a rule looks at, and the
//! test it applies (`present`, `absent`, `equals`, `in`, `matches`, `lt`…).
//!
//! Unknown is never a finding: a value syntax cannot know (an identifier, a
//! call) fails every test except `present`. This module evaluates; it does not
//! walk files or build findings.

use super::lazy_regex::LazyRegex;

use crate::facts::{Node, Property, Span, Value};

/// A literal a rule compares against.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Num(f64),
    /// A string.
    Str(String),
}

/// Numeric comparisons against a number or a policy parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// `lt`
    Less,
    /// `le`
    LessOrEqual,
    /// `gt`
    Greater,
    /// `ge`
    GreaterOrEqual,
}

impl Comparison {
    fn holds(self, left: f64, right: f64) -> bool {
        match self {
            Comparison::Less => left < right,
            Comparison::LessOrEqual => left <= right,
            Comparison::Greater => left > right,
            Comparison::GreaterOrEqual => left >= right,
        }
    }
}

/// The test a condition applies to its target.
#[derive(Debug, Clone)]
pub enum Test {
    /// The target exists.
    Present,
    /// The target is missing (and syntax shows enough to know it).
    Absent,
    /// The target is this literal.
    Equals(Scalar),
    /// The target is one of these literals.
    OneOf(Vec<Scalar>),
    /// The target is a string (or template text) matching this regex; an
    /// array holds when one of its strings does (`algorithms: ['none']`).
    Matches(LazyRegex),
    /// The target is a string (or template text) not matching this regex.
    NotMatches(LazyRegex),
    /// The target is a number comparing so against the bound.
    Compare(Comparison, f64),
    /// The target is a name (identifier, member path, or a call on one,
    /// `password.as_bytes()`) whose dotted text matches this regex.
    Names(LazyRegex),
    /// The target is a duration longer than this many seconds: a number of
    /// seconds or a string such as `'365d'` (see `duration`).
    LongerThan(f64),
}

/// Where a condition looks.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// The value itself (configuration entries).
    Itself,
    /// Positional argument `n` (0-based).
    Arg(usize),
    /// Element `index` of argument `arg` when that is an array or tuple
    /// (`Cookie::build(("sid", value))`).
    Item {
        /// Which argument.
        arg: usize,
        /// Which element of it.
        index: usize,
    },
    /// A (dotted) property of an object argument: of argument `arg` when
    /// given, else of any object-literal argument.
    Property {
        /// Which argument, if fixed.
        arg: Option<usize>,
        /// The key path inside the object.
        path: Vec<String>,
    },
}

/// One condition of a `call` or `config` matcher.
#[derive(Debug, Clone)]
pub struct Condition {
    /// Where to look.
    pub target: Target,
    /// What must hold there.
    pub test: Test,
}

/// How literal comparison treats types: code is strict (`"false"` is not
/// `false`), configuration is loose (`.env` values are all strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// Types must agree.
    Strict,
    /// Scalars compare by their text.
    Loose,
}

/// What a satisfied condition points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A value or property that is there.
    At(Span),
    /// Something is missing: point at the construct that lacks it.
    Missing,
}

impl Condition {
    /// Evaluates the condition against call arguments; `None` when it does not hold
    /// (or cannot be decided).
    pub fn eval_args(&self, args: &[Node], strictness: Strictness) -> Option<Evidence> {
        match &self.target {
            Target::Itself => None,
            Target::Arg(n) => self.eval_found(args.get(*n).map(|a| (a, a.span)), strictness),
            Target::Item { arg, index } => {
                let item = match args.get(*arg).map(|a| &a.value) {
                    Some(Value::Array(items)) => items.get(*index),
                    _ => return None,
                };
                self.eval_found(item.map(|i| (i, i.span)), strictness)
            }
            Target::Property { arg: Some(n), .. } if *n >= args.len() => {
                // No options argument at all: nothing under it is set.
                self.eval_found(None, strictness)
            }
            Target::Property { arg, path } => {
                let objects: Vec<&Vec<Property>> = match arg {
                    Some(n) => args.get(*n).and_then(as_object).into_iter().collect(),
                    None => args.iter().filter_map(as_object).collect(),
                };
                if objects.is_empty() {
                    // No literal options object: syntax cannot tell what is set.
                    return None;
                }
                let mut missing = true;
                for props in objects {
                    match find_path(props, path, 0) {
                        Lookup::Found(p) => {
                            return self.eval_found(Some((&p.value, p.span)), strictness)
                        }
                        Lookup::Unknown => missing = false,
                        Lookup::Missing => {}
                    }
                }
                if missing {
                    self.eval_found(None, strictness)
                } else {
                    None
                }
            }
        }
    }

    /// Evaluates the condition against one value (configuration entries).
    pub fn eval_value(&self, value: &Node, strictness: Strictness) -> Option<Evidence> {
        self.eval_found(Some((value, value.span)), strictness)
    }

    fn eval_found(&self, found: Option<(&Node, Span)>, strictness: Strictness) -> Option<Evidence> {
        match (&self.test, found) {
            (Test::Absent, None) => Some(Evidence::Missing),
            (Test::Absent, Some(_)) | (_, None) => None,
            (Test::Present, Some((_, span))) => Some(Evidence::At(span)),
            (test, Some((node, span))) => {
                test_value(test, &node.value, strictness).then_some(Evidence::At(span))
            }
        }
    }
}

fn as_object(node: &Node) -> Option<&Vec<Property>> {
    match &node.value {
        Value::Object(props) => Some(props),
        _ => None,
    }
}

/// What a key path leads to in an object literal.
enum Lookup<'a> {
    /// The property is written there.
    Found(&'a Property),
    /// The literal shows the key is not set.
    Missing,
    /// A spread (`...defaults`) or a non-literal value on the way hides it.
    Unknown,
}

/// Follows a dotted key path through nested object literals; the last
/// property with a key wins, as at run time, and a spread after it (or an
/// options value that is not a literal) makes the answer unknown.
fn find_path<'a>(props: &'a [Property], path: &[String], depth: usize) -> Lookup<'a> {
    let Some((first, rest)) = path.split_first() else {
        return Lookup::Unknown;
    };
    let mut found = None;
    for prop in props.iter().rev() {
        if prop.key == SPREAD_KEY {
            return Lookup::Unknown;
        }
        if &prop.key == first {
            found = Some(prop);
            break;
        }
    }
    let Some(prop) = found else {
        return Lookup::Missing;
    };
    if rest.is_empty() {
        return Lookup::Found(prop);
    }
    match as_object(&prop.value) {
        Some(inner) if depth < 32 => find_path(inner, rest, depth + 1),
        _ => Lookup::Unknown,
    }
}

/// The key the front ends give a spread element of an object literal
/// (`{ ...defaults }`), whose value is what is spread.
pub const SPREAD_KEY: &str = "...";

fn test_value(test: &Test, value: &Value, strictness: Strictness) -> bool {
    match test {
        Test::Equals(expected) => scalar_eq(value, expected, strictness),
        Test::OneOf(options) => options.iter().any(|o| scalar_eq(value, o, strictness)),
        Test::Matches(regex) => match value {
            Value::Str(s) => regex.is_match(s),
            Value::Template { text, .. } => regex.is_match(text),
            Value::Array(items) => items
                .iter()
                .any(|i| matches!(&i.value, Value::Str(s) if regex.is_match(s))),
            _ => false,
        },
        Test::NotMatches(regex) => match value {
            Value::Str(s) => !regex.is_match(s),
            Value::Template { text, .. } => !regex.is_match(text),
            _ => false,
        },
        Test::Compare(op, bound) => numeric(value, strictness).is_some_and(|n| op.holds(n, *bound)),
        Test::Names(regex) => super::names::name_text(value).is_some_and(|t| regex.is_match(t)),
        Test::LongerThan(bound) => {
            super::names::duration_seconds(value).is_some_and(|secs| secs > *bound)
        }
        Test::Present | Test::Absent => false,
    }
}

fn numeric(value: &Value, strictness: Strictness) -> Option<f64> {
    match (value, strictness) {
        (Value::Num(n), _) => Some(*n),
        (Value::Str(s), Strictness::Loose) => s.trim().parse().ok(),
        _ => None,
    }
}

fn scalar_eq(value: &Value, expected: &Scalar, strictness: Strictness) -> bool {
    match (value, expected) {
        (Value::Bool(a), Scalar::Bool(b)) => a == b,
        (Value::Num(a), Scalar::Num(b)) => a == b,
        (Value::Str(a), Scalar::Str(b)) => a == b,
        _ if strictness == Strictness::Loose => loose_text(value).is_some_and(|text| {
            let want = match expected {
                Scalar::Bool(b) => b.to_string(),
                Scalar::Num(n) => crate::rules::catalog::format_number(*n),
                Scalar::Str(s) => s.clone(),
            };
            text.eq_ignore_ascii_case(&want)
        }),
        _ => false,
    }
}

fn loose_text(value: &Value) -> Option<String> {
    match value {
        Value::Str(s) => Some(s.trim().to_string()),
        Value::Num(n) => Some(crate::rules::catalog::format_number(*n)),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(value: Value, start: usize, end: usize) -> Node {
        Node {
            value,
            span: Span::new(start, end),
        }
    }

    fn options(props: Vec<(&str, Value)>) -> Node {
        let props = props
            .into_iter()
            .enumerate()
            .map(|(i, (k, v))| Property {
                key: k.into(),
                value: node(v, i * 10 + 5, i * 10 + 8),
                span: Span::new(i * 10, i * 10 + 8),
            })
            .collect();
        node(Value::Object(props), 0, 100)
    }

    #[test]
    fn numeric_comparison_on_an_argument_points_at_it() {
        let cond = Condition {
            target: Target::Arg(1),
            test: Test::Compare(Comparison::Less, 12.0),
        };
        let args = [
            node(Value::Ident("pw".into()), 0, 2),
            node(Value::Num(8.0), 4, 5),
        ];
        assert_eq!(
            cond.eval_args(&args, Strictness::Strict),
            Some(Evidence::At(Span::new(4, 5)))
        );
        let strong = [args[0].clone(), node(Value::Num(12.0), 4, 6)];
        assert_eq!(cond.eval_args(&strong, Strictness::Strict), None);
    }

    #[test]
    fn unknown_values_never_fire() {
        let cond = Condition {
            target: Target::Arg(0),
            test: Test::Compare(Comparison::Less, 12.0),
        };
        let args = [node(Value::Member("config.rounds".into()), 0, 13)];
        assert_eq!(cond.eval_args(&args, Strictness::Strict), None);
        let absent = Condition {
            target: Target::Property {
                arg: None,
                path: vec!["secure".into()],
            },
            test: Test::Absent,
        };
        // An options variable, not a literal: we cannot know what it sets.
        assert_eq!(
            absent.eval_args(
                &[node(Value::Ident("opts".into()), 0, 4)],
                Strictness::Strict
            ),
            None
        );
    }

    #[test]
    fn property_paths_and_absence() {
        let cookie = options(vec![("httpOnly", Value::Bool(false))]);
        let session = node(
            Value::Object(vec![Property {
                key: "cookie".into(),
                value: cookie.clone(),
                span: Span::new(0, 100),
            }]),
            0,
            100,
        );
        let nested = Condition {
            target: Target::Property {
                arg: Some(0),
                path: vec!["cookie".into(), "httpOnly".into()],
            },
            test: Test::Equals(Scalar::Bool(false)),
        };
        assert_eq!(
            nested.eval_args(&[session], Strictness::Strict),
            Some(Evidence::At(Span::new(0, 8)))
        );
        let absent = Condition {
            target: Target::Property {
                arg: None,
                path: vec!["secure".into()],
            },
            test: Test::Absent,
        };
        assert_eq!(
            absent.eval_args(&[cookie], Strictness::Strict),
            Some(Evidence::Missing)
        );
    }

    #[test]
    fn strict_and_loose_equality() {
        let zero = node(Value::Str("0".into()), 0, 1);
        let cond = Condition {
            target: Target::Itself,
            test: Test::Equals(Scalar::Num(0.0)),
        };
        assert_eq!(cond.eval_value(&zero, Strictness::Strict), None);
        assert!(cond.eval_value(&zero, Strictness::Loose).is_some());
        let text_false = node(Value::Str("false".into()), 0, 7);
        let is_false = Condition {
            target: Target::Itself,
            test: Test::Equals(Scalar::Bool(false)),
        };
        assert_eq!(is_false.eval_value(&text_false, Strictness::Strict), None);
        assert!(is_false
            .eval_value(&text_false, Strictness::Loose)
            .is_some());
    }
}
