//! Rules and rule sets: the compiled, validated form of the YAML rule packs.
//!
//! `load` turns YAML into these types (all validation and error reporting
//! happens there); `matcher` applies them to a file's text, facts and tree;
//! `prefilter` decides cheaply which rules could match a file at all. Nothing
//! here reads files from disk or prints.

pub mod assign;
pub mod bound;
pub mod catalog;
pub mod chain;
pub mod checksum;
pub mod entry_keys;
pub mod glob;
pub mod key_globs;
pub mod lazy_regex;
pub mod literal_secret;
pub mod load;
pub mod log;
pub mod matcher;
pub mod names;
pub mod prefilter;
pub mod query;
pub mod raw;
pub mod regex_plan;
pub mod route;
pub mod value;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::lang::javascript::JsDialect;
use crate::lang::Language;
use crate::risk::{Risk, Severity};
use catalog::{ControlCatalog, Policy};
use glob::PathGlob;
use lazy_regex::LazyRegex;
use value::Condition;

/// The families a rule may belong to (CONTROLS.md); never renamed.
pub const FAMILIES: [&str; 7] = [
    "secrets",
    "hashing",
    "cookies",
    "sessions",
    "rate-limiting",
    "logging",
    "transport",
];

/// A rule id: `<family>/<name>`, lower-case and hyphenated, stable once released.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct RuleId(String);

impl RuleId {
    /// Validates the shape of an id; the family part is checked by the loader.
    pub fn parse(id: &str) -> Result<RuleId, String> {
        let (family, name) = id
            .split_once('/')
            .ok_or_else(|| format!("rule id `{id}` must be `<family>/<name>`"))?;
        let well_formed = |s: &str| {
            !s.is_empty()
                && !s.starts_with('-')
                && !s.ends_with('-')
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        if !well_formed(family) || !well_formed(name) {
            return Err(format!(
                "rule id `{id}` must be lower-case letters, digits and hyphens: `<family>/<name>`"
            ));
        }
        Ok(RuleId(id.to_string()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The family part of the id.
    pub fn family(&self) -> &str {
        self.0.split_once('/').map(|(f, _)| f).unwrap_or(&self.0)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A rule's documentation, from which `comply rules` and the docs are made.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RuleDocs {
    /// Why the problem matters.
    pub why: String,
    /// A flagged and a fixed example.
    pub example: String,
}

/// One compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// `<family>/<name>`.
    pub id: RuleId,
    /// One-line title.
    pub title: String,
    /// The family (first part of the id).
    pub family: String,
    /// Likelihood and impact, after any project override.
    pub risk: Risk,
    /// Controls this rule's findings put at risk.
    pub controls: Vec<String>,
    /// CWE numbers.
    pub cwe: Vec<u32>,
    /// Languages the rule applies to (all when the pack lists none).
    pub languages: Vec<Language>,
    /// How the rule finds problems.
    pub matcher: Matcher,
    /// Message template; `${value}`, `${secret}`, `${callee}`, `${key}` are
    /// filled per finding (policy references were filled at compile time).
    pub message: String,
    /// How to fix it (policy references filled).
    pub fix: String,
    /// Documentation.
    pub docs: RuleDocs,
    /// Links to the standards and provider docs behind the rule.
    pub references: Vec<String>,
    /// Where the rule was loaded from (`builtin:hashing.yaml` or a path).
    pub origin: String,
}

impl Rule {
    /// Severity from the risk matrix.
    pub fn severity(&self) -> Severity {
        self.risk.severity()
    }

    /// Whether the rule runs on files of this language.
    pub fn applies_to(&self, language: Language) -> bool {
        self.languages.contains(&language)
    }
}

/// How a rule finds problems: the `match:` block.
#[derive(Debug)]
pub enum Matcher {
    /// A regular expression over raw text.
    Regex(RegexMatcher),
    /// Calls with conditions on their arguments.
    Call(CallMatcher),
    /// Configuration entries with a value condition.
    Config(ConfigMatcher),
    /// A raw tree-sitter query over JS/TS.
    Query(QueryMatcher),
    /// Logging calls whose arguments carry sensitive data by name.
    Log(Box<log::LogMatcher>),
    /// Authentication routes without a limiter (run by the project pass).
    Route(route::RouteMatcher),
    /// A builder chain that has, or lacks, a step.
    Chain(chain::ChainMatcher),
    /// Bindings in code (`validation.validate_exp = false`) with a value test.
    Assign(assign::AssignMatcher),
    /// Any of several matchers.
    Any(Vec<Matcher>),
}

impl Matcher {
    /// Whether any part of the matcher needs parsed facts or a tree.
    pub fn is_structural(&self) -> bool {
        match self {
            Matcher::Regex(_) => false,
            Matcher::Any(parts) => parts.iter().any(Matcher::is_structural),
            _ => true,
        }
    }
}

/// `regex:` — a pattern over raw text, with its pre-filter and false-positive guards.
#[derive(Debug)]
pub struct RegexMatcher {
    /// The pattern, compiled on first use for built-in packs.
    pub regex: LazyRegex,
    /// Words one of which must occur in the file (case-insensitive) for the
    /// regex to run at all; empty means always run.
    pub keywords: Vec<String>,
    /// The capture group holding the secret (whole match when `None`).
    pub capture: Option<String>,
    /// Minimum Shannon entropy (bits per character) of the capture.
    pub min_entropy: Option<f64>,
    /// Patterns that make a match a non-finding when they match the capture
    /// or the whole match (placeholders, environment lookups).
    pub allow: Vec<LazyRegex>,
    /// Whether the capture is a secret to redact in every output (default yes).
    pub redact: bool,
    /// A checksum the capture must carry to count (`checksum:`).
    pub checksum: Option<checksum::Checksum>,
    /// A generic rule: it yields to any other rule whose secret overlaps its
    /// own, so `STRIPE_KEY=sk_live_…` is one finding, not two.
    pub fallback: bool,
    /// This matcher's place among the rule set's regex matchers, by which
    /// the pre-filter keeps its keywords.
    slot: usize,
    /// Where the pattern can match, worked out from its syntax.
    plan: OnceLock<regex_plan::RegexPlan>,
    /// Files the keywords let it through in, until the plan is made.
    uses: AtomicU32,
}

/// Files a regex runs on before its plan is worth working out: a plan
/// costs about as much as searching a few files, so small scans skip it.
const PLAN_AFTER_FILES: u32 = 8;

impl RegexMatcher {
    /// The literals every match contains and how many lines a match spans,
    /// so the regex runs only where it can match.
    pub fn plan(&self) -> &regex_plan::RegexPlan {
        self.plan
            .get_or_init(|| regex_plan::RegexPlan::new(self.regex.as_str()))
    }

    /// [`RegexMatcher::plan`] once the matcher has run on enough files for
    /// it to pay off; plans are exact, so findings never depend on when.
    pub(crate) fn plan_when_worth_it(&self) -> Option<&regex_plan::RegexPlan> {
        if let Some(plan) = self.plan.get() {
            return Some(plan);
        }
        (self.uses.fetch_add(1, Ordering::Relaxed) + 1 >= PLAN_AFTER_FILES).then(|| self.plan())
    }
}

/// `call:` — calls whose callee matches one of the globs and whose arguments
/// satisfy every condition.
#[derive(Debug)]
pub struct CallMatcher {
    /// Callee globs.
    pub callees: Vec<PathGlob>,
    /// Conditions, all of which must hold.
    pub conditions: Vec<Condition>,
    /// Set when the evidence is a literal credential (`secret:`).
    pub secret: Option<literal_secret::LiteralSecret>,
    /// Which files it applies to, by their imports.
    pub scope: chain::Scope,
}

/// `config:` — entries whose key path matches and whose value passes the test.
#[derive(Debug)]
pub struct ConfigMatcher {
    /// Key-path globs (case-insensitive).
    pub keys: key_globs::KeyGlobs,
    /// The value condition (`None`: the key's presence is the finding).
    pub value: Option<Condition>,
    /// A value condition that makes a match a non-finding (`unless:`).
    pub unless: Option<Condition>,
}

/// A compiled tree-sitter query and the index of its `@finding` capture.
pub type CompiledQuery = (tree_sitter::Query, u32);

/// `query:` — a tree-sitter query for each JS/TS dialect the rule covers;
/// the `@finding` capture is what gets reported.
///
/// Compiling a query costs far more than most small scans (tens of
/// milliseconds for the built-in ones), so each dialect's query is compiled
/// on first use. User packs are compiled in full when loaded, so their
/// mistakes are reported up front; built-in packs are compiled in full by the
/// test suite.
pub struct QueryMatcher {
    /// The query as written.
    pub source: String,
    /// Words that must occur in the file for the query to be worth running.
    pub keywords: Vec<String>,
    compiled: BTreeMap<JsDialect, OnceLock<Result<CompiledQuery, String>>>,
}

impl QueryMatcher {
    /// A matcher for `source` over these dialects, compiled lazily.
    pub fn new(source: String, keywords: Vec<String>, dialects: BTreeSet<JsDialect>) -> Self {
        QueryMatcher {
            source,
            keywords,
            compiled: dialects.into_iter().map(|d| (d, OnceLock::new())).collect(),
        }
    }

    /// The compiled query for a dialect (compiling it the first time), or
    /// `None` when the rule does not cover that dialect.
    pub fn for_dialect(&self, dialect: JsDialect) -> Option<&Result<CompiledQuery, String>> {
        let slot = self.compiled.get(&dialect)?;
        Some(slot.get_or_init(|| compile_query(&self.source, dialect)))
    }

    /// Compiles every dialect now; the first failure, with its dialect.
    pub fn compile_all(&self) -> Result<(), (JsDialect, String)> {
        for &dialect in self.compiled.keys() {
            if let Some(Err(message)) = self.for_dialect(dialect) {
                return Err((dialect, message.clone()));
            }
        }
        Ok(())
    }
}

fn compile_query(source: &str, dialect: JsDialect) -> Result<CompiledQuery, String> {
    let query = tree_sitter::Query::new(&crate::lang::javascript::grammar(dialect), source)
        .map_err(|err| format!("invalid tree-sitter query for {dialect:?}: {err}"))?;
    let index = query
        .capture_index_for_name("finding")
        .ok_or("a tree-sitter query needs a capture named `@finding`")?;
    Ok((query, index))
}

impl fmt::Debug for QueryMatcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QueryMatcher")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

/// Every loaded rule, with the catalog and policy they were checked against.
#[derive(Debug)]
pub struct RuleSet {
    /// Rules sorted by id.
    pub rules: Vec<Rule>,
    /// The control catalog.
    pub catalog: ControlCatalog,
    /// The effective policy.
    pub policy: Policy,
    /// Which rules could match a file, decided cheaply; built on first use,
    /// as `explain`, `rules` and a failed load never need it.
    prefilter: OnceLock<prefilter::Prefilter>,
    /// The configuration keys the rules ask about, built on first use.
    entry_keys: OnceLock<entry_keys::EntryKeys>,
    /// Each loaded pack: origin and the SHA-256 of its text.
    pub packs: Vec<PackInfo>,
}

/// A loaded rule pack, for the scope register and `comply rules`.
#[derive(Debug, Clone, Serialize)]
pub struct PackInfo {
    /// `builtin:secrets.yaml` or the path given.
    pub origin: String,
    /// SHA-256 of the pack's text.
    pub sha256: PackHash,
    /// How many rules it holds.
    pub rules: usize,
}

/// The SHA-256 of a pack's text, hashed the first time it is read: only the
/// evidence bundle needs it, and hashing every pack cost each run more than
/// scanning a few files.
#[derive(Clone)]
pub struct PackHash {
    text: Arc<str>,
    hex: OnceLock<String>,
}

impl PackHash {
    /// The hash of `text`, computed on first use.
    pub fn of(text: &str) -> PackHash {
        PackHash {
            text: text.into(),
            hex: OnceLock::new(),
        }
    }

    /// Lower-case hex of the digest.
    pub fn hex(&self) -> &str {
        self.hex
            .get_or_init(|| load::hex(&Sha256::digest(self.text.as_bytes())))
    }
}

impl Serialize for PackHash {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.hex())
    }
}

impl fmt::Debug for PackHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.hex())
    }
}

impl RuleSet {
    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id.as_str() == id)
    }

    /// Which rules could match a file, built for the current rules the
    /// first time a file needs it.
    pub fn prefilter(&self) -> &prefilter::Prefilter {
        self.prefilter
            .get_or_init(|| prefilter::Prefilter::build(&self.rules))
    }

    /// The configuration keys some rule may match, per language: the
    /// front ends store no other entry.
    pub fn entry_keys(&self) -> &entry_keys::EntryKeys {
        self.entry_keys
            .get_or_init(|| entry_keys::EntryKeys::build(&self.rules))
    }

    /// Drops the rules with these ids (the pre-filter and the entry keys
    /// follow).
    pub fn disable(&mut self, ids: &[String]) {
        if ids.is_empty() {
            return;
        }
        self.rules
            .retain(|r| !ids.iter().any(|id| id == r.id.as_str()));
        self.prefilter = OnceLock::new();
        self.entry_keys = OnceLock::new();
    }
}
