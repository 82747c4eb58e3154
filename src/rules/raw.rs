//! The raw shapes of a rule pack as serde reads it from YAML, kept apart
//! from the compiled rules (`load` turns one into the other and owns every
//! check), plus the mapping of YAML errors to diagnostics at their line.
//!
//! Nothing here validates beyond what serde's types and `deny_unknown_fields`
//! enforce.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::value::Scalar;
use crate::error::InputError;

/// A pack file: a list of rules.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPack {
    pub(super) rules: Vec<RawRule>,
}

/// One rule as written, keys in the documented order.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    pub(super) id: Spanned<String>,
    pub(super) title: String,
    pub(super) family: Spanned<String>,
    pub(super) likelihood: Spanned<u8>,
    pub(super) impact: Spanned<u8>,
    pub(super) controls: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) cwe: Vec<u32>,
    #[serde(default)]
    pub(super) languages: Vec<Spanned<String>>,
    #[serde(rename = "match")]
    pub(super) matcher: Spanned<RawMatch>,
    pub(super) message: Spanned<String>,
    pub(super) fix: Spanned<String>,
    pub(super) docs: RawDocs,
    #[serde(default)]
    pub(super) references: Vec<String>,
}

/// The `docs:` block.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDocs {
    pub(super) why: String,
    #[serde(default)]
    pub(super) example: String,
}

/// The `match:` block: one matcher kind, or `any` of several.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(super) enum RawMatch {
    Regex(RawRegex),
    Call(Box<RawCall>),
    Config(Box<RawConfig>),
    Query(RawQuery),
    Log(RawLog),
    Route(RawRoute),
    Chain(Box<super::chain::RawChain>),
    Assign(Box<super::assign::RawAssign>),
    Any(Vec<Spanned<RawMatch>>),
}

/// `regex:` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRegex {
    pub(super) pattern: Spanned<String>,
    #[serde(default)]
    pub(super) keywords: Vec<String>,
    pub(super) capture: Option<Spanned<String>>,
    pub(super) entropy: Option<f64>,
    #[serde(default)]
    pub(super) allow: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    pub(super) redact: bool,
    /// A checksum scheme the capture must satisfy (`checksum.rs`).
    pub(super) checksum: Option<Spanned<String>>,
    /// Report only where no other rule found a secret overlapping this one.
    #[serde(default)]
    pub(super) fallback: bool,
}

fn yes() -> bool {
    true
}

/// A string or a list of strings (`callee: a` or `callee: [a, b]`).
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// `call:` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCall {
    pub(super) callee: Spanned<OneOrMany>,
    #[serde(default, rename = "where")]
    pub(super) conditions: Vec<Spanned<RawCondition>>,
    /// The evidence is a literal credential: redact it, skip placeholders.
    pub(super) secret: Option<RawLiteralSecret>,
    #[serde(flatten)]
    pub(super) scope: super::chain::RawScope,
}

/// `secret:` of a `call` matcher as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLiteralSecret {
    #[serde(default)]
    pub(super) allow: Vec<Spanned<String>>,
    pub(super) entropy: Option<f64>,
}

/// `config:` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub(super) key: Spanned<OneOrMany>,
    pub(super) value: Option<Spanned<RawCondition>>,
    pub(super) unless: Option<Spanned<RawCondition>>,
}

/// `query:` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuery {
    pub(super) pattern: Spanned<String>,
    #[serde(default)]
    pub(super) keywords: Vec<String>,
}

/// `log:` as written (compiled by `super::log`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLog {
    pub(super) callee: Spanned<OneOrMany>,
    #[serde(default)]
    pub(super) keywords: Vec<String>,
    #[serde(default)]
    pub(super) factories: Vec<String>,
    #[serde(default)]
    pub(super) names: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) objects: Vec<String>,
    #[serde(default)]
    pub(super) safe: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) transparent: Vec<String>,
    #[serde(default)]
    pub(super) serializers: Vec<String>,
    #[serde(default)]
    pub(super) getters: Vec<String>,
    #[serde(default = "yes")]
    pub(super) interpolated: bool,
}

/// `route:` as written (the vocabulary of the project pass's route rules).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRoute {
    pub(super) paths: Vec<String>,
    #[serde(default)]
    pub(super) methods: Vec<String>,
    #[serde(default)]
    pub(super) limiters: Vec<String>,
    #[serde(default)]
    pub(super) callees: Vec<String>,
    pub(super) names: Option<String>,
    #[serde(default)]
    pub(super) options: Vec<String>,
    #[serde(default)]
    pub(super) inert: Vec<String>,
    #[serde(default)]
    pub(super) opt_in: Vec<String>,
    #[serde(default)]
    pub(super) exempt: Vec<String>,
    #[serde(default)]
    pub(super) apps: Vec<String>,
    #[serde(default)]
    pub(super) routers: Vec<String>,
    #[serde(default)]
    pub(super) keywords: Vec<String>,
}

/// A literal in a condition (`equals: false`).
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawScalar {
    Bool(bool),
    Num(f64),
    Str(String),
}

/// A numeric bound: a number or `${policy.NAME}`.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawBound {
    Num(f64),
    Policy(String),
}

/// One condition: a target (`arg`, `property`) and tests.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCondition {
    pub(super) arg: Option<usize>,
    pub(super) item: Option<usize>,
    pub(super) property: Option<String>,
    pub(super) present: Option<bool>,
    pub(super) absent: Option<bool>,
    pub(super) equals: Option<RawScalar>,
    #[serde(rename = "in")]
    pub(super) one_of: Option<Vec<RawScalar>>,
    pub(super) matches: Option<String>,
    pub(super) lt: Option<RawBound>,
    pub(super) le: Option<RawBound>,
    pub(super) gt: Option<RawBound>,
    pub(super) ge: Option<RawBound>,
    pub(super) names: Option<String>,
    pub(super) not_matches: Option<String>,
    pub(super) longer_than: Option<RawBound>,
}

/// Parses YAML into `T`, turning any error into a diagnostic at its line.
pub fn parse_yaml<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, InputError> {
    serde_saphyr::from_str(text).map_err(|err| yaml_error(name, text, err))
}

/// A serde-saphyr error as a diagnostic pointing at its location.
pub fn yaml_error(name: &str, text: &str, err: serde_saphyr::Error) -> InputError {
    let offset = err.location().and_then(|loc| location_offset(text, &loc));
    let message = err.without_snippet().to_string();
    let message = message.lines().next().unwrap_or("invalid YAML").to_string();
    InputError::at(name, text, offset, 1, format!("invalid YAML: {message}"))
}

/// Byte offset of a serde-saphyr location in `text`.
pub fn location_offset(text: &str, loc: &serde_saphyr::Location) -> Option<usize> {
    if let Some(offset) = loc.span().byte_offset() {
        return Some(offset as usize);
    }
    // Fall back to line/column (1-based, in characters).
    let line_start = text
        .split_inclusive('\n')
        .take((loc.line() as usize).saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let column: usize = text[line_start..]
        .chars()
        .take((loc.column() as usize).saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    Some(line_start + column)
}

impl OneOrMany {
    pub(super) fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

pub(super) fn scalar(raw: &RawScalar) -> Scalar {
    match raw {
        RawScalar::Bool(b) => Scalar::Bool(*b),
        RawScalar::Num(n) => Scalar::Num(*n),
        RawScalar::Str(s) => Scalar::Str(s.clone()),
    }
}
