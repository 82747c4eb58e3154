//! Compiling rule packs: the raw serde shapes (`raw`) become `Rule`s here,
//! which is where every check and every error message lives.
//!
//! Errors are `InputError`s pointing at the offending line of the pack. This
//! module never matches files; it only builds what the matchers use.

use std::cell::Cell;
use std::collections::BTreeSet;

use serde_saphyr::Spanned;

use super::bound::{eval_bound, BoundError};
use super::catalog::{format_number, ControlCatalog, Policy};
use super::checksum::{Checksum, CHECKSUM_NAMES};
use super::glob::PathGlob;
use super::key_globs::KeyGlobs;
use super::lazy_regex::{build_regex, LazyRegex};
use super::literal_secret::LiteralSecret;
use super::raw::{
    location_offset, parse_yaml, scalar, RawBound, RawCondition, RawMatch, RawPack, RawQuery,
    RawRegex, RawRule,
};
use super::route::RouteMatcher;
use super::value::{Comparison, Condition, Target, Test};
use super::{
    CallMatcher, ConfigMatcher, Matcher, PackHash, PackInfo, QueryMatcher, RegexMatcher, Rule,
    RuleDocs, RuleId, RuleSet, FAMILIES,
};
use crate::error::InputError;
use crate::lang::javascript::JsDialect;
use crate::lang::{Language, ALL_LANGUAGES};
use crate::risk::Risk;

pub use super::lazy_regex::REGEX_SIZE_LIMIT;

/// A rule pack's text and where it came from.
#[derive(Debug, Clone)]
pub struct PackSource {
    /// `builtin:secrets.yaml` or the path as given.
    pub origin: String,
    /// Built into the binary (and so already checked by the test suite).
    pub builtin: bool,
    /// The YAML text.
    pub text: String,
    /// The same pack as JSON, converted at build time (`build.rs`): read
    /// instead of the YAML when it parses, as it does in a fraction of the time.
    pub json: Option<&'static str>,
}

/// Compiles packs into a rule set checked against the catalog and policy.
pub fn compile_rule_set(
    packs: &[PackSource],
    catalog: ControlCatalog,
    policy: Policy,
) -> Result<RuleSet, InputError> {
    let mut rules: Vec<Rule> = Vec::new();
    let mut infos = Vec::new();
    let regex_slots = Cell::new(0);
    for pack in packs {
        let raw: RawPack = match pack.json.and_then(|json| serde_json::from_str(json).ok()) {
            Some(raw) => raw,
            None => parse_yaml(&pack.origin, &pack.text)?,
        };
        let ctx = PackContext {
            pack,
            catalog: &catalog,
            policy: &policy,
            regex_slots: &regex_slots,
        };
        let count = raw.rules.len();
        for raw_rule in raw.rules {
            let rule = ctx.compile_rule(raw_rule, &rules)?;
            rules.push(rule);
        }
        infos.push(PackInfo {
            origin: pack.origin.clone(),
            sha256: PackHash::of(&pack.text),
            rules: count,
        });
    }
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(RuleSet {
        rules,
        catalog,
        policy,
        prefilter: std::sync::OnceLock::new(),
        packs: infos,
    })
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) struct PackContext<'a> {
    pack: &'a PackSource,
    catalog: &'a ControlCatalog,
    policy: &'a Policy,
    /// Regex matchers compiled so far, in every pack: the next one's slot.
    regex_slots: &'a Cell<usize>,
}

impl PackContext<'_> {
    pub(super) fn error_at<T>(
        &self,
        spanned: &Spanned<T>,
        len: usize,
        message: impl Into<String>,
    ) -> InputError {
        let text = &self.pack.text;
        let offset = location_offset(text, &spanned.referenced);
        InputError::at(&self.pack.origin, text, offset, len.max(1), message)
    }

    fn compile_rule(&self, raw: RawRule, earlier: &[Rule]) -> Result<Rule, InputError> {
        let id = RuleId::parse(&raw.id.value)
            .map_err(|msg| self.error_at(&raw.id, raw.id.value.len(), msg))?;
        if earlier.iter().any(|r| r.id == id) {
            return Err(self.error_at(
                &raw.id,
                raw.id.value.len(),
                format!("rule `{id}` is defined twice"),
            ));
        }
        if !FAMILIES.contains(&raw.family.value.as_str()) {
            return Err(self
                .error_at(
                    &raw.family,
                    raw.family.value.len(),
                    format!("unknown family `{}`", raw.family.value),
                )
                .with_help(format!("families are: {}", FAMILIES.join(", "))));
        }
        if raw.family.value != id.family() {
            return Err(self.error_at(
                &raw.family,
                raw.family.value.len(),
                format!(
                    "family `{}` does not match the id's prefix `{}`",
                    raw.family.value,
                    id.family()
                ),
            ));
        }
        for score in [&raw.likelihood, &raw.impact] {
            if !(1..=3).contains(&score.value) {
                return Err(self.error_at(score, 1, "likelihood and impact are 1, 2 or 3"));
            }
        }
        let controls = self.compile_controls(&raw.controls)?;
        let languages = self.compile_languages(&raw.languages)?;
        let matcher = self.compile_matcher(&raw.matcher, &languages)?;
        let message = self.fill_policy(&raw.message)?;
        let fix = self.fill_policy(&raw.fix)?;
        Ok(Rule {
            id,
            title: raw.title,
            family: raw.family.value,
            risk: Risk {
                likelihood: raw.likelihood.value,
                impact: raw.impact.value,
            },
            controls,
            cwe: raw.cwe,
            languages,
            matcher,
            message,
            fix,
            docs: RuleDocs {
                why: raw.docs.why.trim().to_string(),
                example: raw.docs.example.trim_end().to_string(),
            },
            references: raw.references,
            origin: self.pack.origin.clone(),
        })
    }

    fn compile_controls(&self, raw: &[Spanned<String>]) -> Result<Vec<String>, InputError> {
        if raw.is_empty() {
            return Err(InputError::at(
                &self.pack.origin,
                &self.pack.text,
                None,
                0,
                "a rule must cite at least one control",
            ));
        }
        raw.iter()
            .map(|c| match self.catalog.get(&c.value) {
                Some(control) => Ok(control.id.clone()),
                None => Err(self
                    .error_at(c, c.value.len(), format!("unknown control `{}`", c.value))
                    .with_label("not in the control catalog")
                    .with_help(format!(
                        "known controls: {}",
                        self.catalog
                            .controls()
                            .iter()
                            .map(|c| c.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))),
            })
            .collect()
    }

    fn compile_languages(&self, raw: &[Spanned<String>]) -> Result<Vec<Language>, InputError> {
        if raw.is_empty() {
            return Ok(ALL_LANGUAGES.to_vec());
        }
        let mut set = BTreeSet::new();
        for name in raw {
            let langs = Language::from_rule_name(&name.value).ok_or_else(|| {
                self.error_at(
                    name,
                    name.value.len(),
                    format!("unknown language `{}`", name.value),
                )
                .with_help(
                    "languages are: javascript, typescript, rust, yaml, json, toml, dotenv, text",
                )
            })?;
            set.extend(langs.iter().copied());
        }
        Ok(set.into_iter().collect())
    }

    /// Replaces `${policy.NAME}` with the effective value; other `${…}` stay
    /// for per-finding interpolation.
    fn fill_policy(&self, raw: &Spanned<String>) -> Result<String, InputError> {
        let mut out = String::with_capacity(raw.value.len());
        let mut rest = raw.value.as_str();
        while let Some(at) = rest.find("${policy.") {
            out.push_str(&rest[..at]);
            let after = &rest[at + "${policy.".len()..];
            let end = after
                .find('}')
                .ok_or_else(|| self.error_at(raw, 1, "unclosed `${policy.`"))?;
            let name = &after[..end];
            out.push_str(&format_number(self.policy_value(raw, name)?));
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn policy_value<T>(&self, at: &Spanned<T>, name: &str) -> Result<f64, InputError> {
        self.policy.value(name).ok_or_else(|| {
            self.error_at(at, name.len(), format!("unknown policy parameter `{name}`"))
                .with_help(format!(
                    "parameters are: {}",
                    self.policy.names().collect::<Vec<_>>().join(", ")
                ))
        })
    }

    fn compile_matcher(
        &self,
        raw: &Spanned<RawMatch>,
        languages: &[Language],
    ) -> Result<Matcher, InputError> {
        Ok(match &raw.value {
            RawMatch::Regex(r) => Matcher::Regex(self.compile_regex(r)?),
            RawMatch::Call(c) => Matcher::Call(CallMatcher {
                callees: c
                    .callee
                    .value
                    .to_vec()
                    .iter()
                    .map(|g| PathGlob::new(g, false))
                    .collect(),
                conditions: self.compile_conditions(&c.conditions)?,
                secret: c
                    .secret
                    .as_ref()
                    .map(|s| -> Result<LiteralSecret, InputError> {
                        Ok(LiteralSecret {
                            allow: s
                                .allow
                                .iter()
                                .map(|p| self.compile_pattern(p))
                                .collect::<Result<_, _>>()?,
                            min_entropy: s.entropy,
                        })
                    })
                    .transpose()?,
                scope: c.scope.compile(),
            }),
            RawMatch::Config(c) => Matcher::Config(ConfigMatcher {
                keys: KeyGlobs::new(
                    c.key
                        .value
                        .to_vec()
                        .iter()
                        .map(|g| PathGlob::new(g, true))
                        .collect(),
                ),
                value: c
                    .value
                    .as_ref()
                    .map(|v| self.compile_condition(v, true))
                    .transpose()?,
                unless: c
                    .unless
                    .as_ref()
                    .map(|v| self.compile_condition(v, true))
                    .transpose()?,
            }),
            RawMatch::Query(q) => Matcher::Query(self.compile_query(q, languages)?),
            RawMatch::Log(l) => Matcher::Log(Box::new(
                super::log::LogMatcher::compile(l).map_err(|e| {
                    let text = &self.pack.text;
                    let offset = location_offset(text, &e.at);
                    InputError::at(&self.pack.origin, text, offset, e.len.max(1), e.message)
                })?,
            )),
            RawMatch::Route(r) => Matcher::Route(
                RouteMatcher::compile(r).map_err(|message| self.error_at(raw, 1, message))?,
            ),
            RawMatch::Chain(c) => Matcher::Chain(self.compile_chain(c)?),
            RawMatch::Assign(a) => Matcher::Assign(self.compile_assign(a)?),
            RawMatch::Any(parts) => {
                if parts.is_empty() {
                    return Err(self.error_at(raw, 1, "`any` needs at least one matcher"));
                }
                Matcher::Any(
                    parts
                        .iter()
                        .map(|p| self.compile_matcher(p, languages))
                        .collect::<Result<_, _>>()?,
                )
            }
        })
    }

    /// A built-in pattern is compiled on first use (the test suite compiles
    /// them all); a user pack's is compiled now, so a mistake is reported at
    /// its line.
    fn compile_pattern(&self, pattern: &Spanned<String>) -> Result<LazyRegex, InputError> {
        if self.pack.builtin {
            return Ok(LazyRegex::deferred(&pattern.value));
        }
        LazyRegex::compile_now(&pattern.value).map_err(|err| {
            let first = err.to_string();
            let first = first
                .lines()
                .last()
                .unwrap_or("invalid regex")
                .trim()
                .to_string();
            self.error_at(
                pattern,
                pattern.value.len(),
                format!("invalid regex: {first}"),
            )
        })
    }

    fn compile_checksum(&self, name: &Spanned<String>) -> Result<Checksum, InputError> {
        Checksum::from_name(&name.value).ok_or_else(|| {
            self.error_at(
                name,
                name.value.len(),
                format!("unknown checksum `{}`", name.value),
            )
            .with_help(format!("checksums are: {}", CHECKSUM_NAMES.join(", ")))
        })
    }

    fn compile_regex(&self, raw: &RawRegex) -> Result<RegexMatcher, InputError> {
        let build = |pattern: &Spanned<String>| self.compile_pattern(pattern);
        let regex = build(&raw.pattern)?;
        if let (Some(capture), false) = (&raw.capture, self.pack.builtin) {
            if !regex.capture_names().flatten().any(|n| n == capture.value) {
                return Err(self.error_at(
                    capture,
                    capture.value.len(),
                    format!("the pattern has no capture group named `{}`", capture.value),
                ));
            }
        }
        Ok(RegexMatcher {
            regex,
            keywords: raw.keywords.iter().map(|k| k.to_lowercase()).collect(),
            capture: raw.capture.as_ref().map(|c| c.value.clone()),
            min_entropy: raw.entropy,
            allow: raw.allow.iter().map(build).collect::<Result<_, _>>()?,
            redact: raw.redact,
            checksum: raw
                .checksum
                .as_ref()
                .map(|c| self.compile_checksum(c))
                .transpose()?,
            fallback: raw.fallback,
            slot: self.regex_slots.replace(self.regex_slots.get() + 1),
            plan: std::sync::OnceLock::new(),
            uses: std::sync::atomic::AtomicU32::new(0),
        })
    }

    fn compile_query(
        &self,
        raw: &RawQuery,
        languages: &[Language],
    ) -> Result<QueryMatcher, InputError> {
        let dialects: BTreeSet<JsDialect> =
            languages.iter().filter_map(|l| l.js_dialect()).collect();
        if dialects.is_empty() {
            return Err(self.error_at(
                &raw.pattern,
                1,
                "a `query` matcher needs javascript or typescript in `languages`",
            ));
        }
        let matcher = QueryMatcher::new(
            raw.pattern.value.clone(),
            raw.keywords.iter().map(|k| k.to_lowercase()).collect(),
            dialects,
        );
        if !self.pack.builtin {
            matcher.compile_all().map_err(|(_, message)| {
                self.error_at(&raw.pattern, raw.pattern.value.len().min(80), message)
            })?;
        }
        Ok(matcher)
    }

    pub(super) fn compile_condition(
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
    pub(super) fn compile_conditions(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;

    fn builtin_packs(builtin: bool) -> Result<RuleSet, InputError> {
        compile_builtin(builtin, false)
    }

    /// The built-in packs, read from their YAML or from the JSON `build.rs`
    /// converted them to.
    fn compile_builtin(builtin: bool, json: bool) -> Result<RuleSet, InputError> {
        let packs: Vec<PackSource> = builtin::PACKS
            .iter()
            .zip(builtin::PACKS_JSON)
            .map(|((name, text), converted)| PackSource {
                origin: format!("builtin:{name}"),
                builtin,
                text: text.to_string(),
                json: json.then_some(converted),
            })
            .collect();
        let catalog = ControlCatalog::parse("controls", builtin::CONTROLS).expect("catalog");
        let policy = Policy::parse("policy", builtin::POLICY).expect("policy");
        compile_rule_set(&packs, catalog, policy)
    }

    /// The loader falls back to the YAML when the JSON does not read, which
    /// would only make every run slower: a plain YAML scalar that is not a
    /// string (`title: 2fa`, `1.0`) where the pack wants one must be quoted.
    #[test]
    fn every_builtin_pack_reads_from_its_json() {
        for ((name, _), json) in builtin::PACKS.iter().zip(builtin::PACKS_JSON) {
            assert!(!json.is_empty(), "{name}: build.rs could not convert it");
            if let Err(err) = serde_json::from_str::<RawPack>(json) {
                panic!("{name}: its JSON does not read as a pack ({err}); quote the scalar");
            }
        }
    }

    #[test]
    fn json_and_yaml_give_the_same_rules() {
        fn has_log(m: &Matcher) -> bool {
            match m {
                Matcher::Log(_) => true,
                Matcher::Any(parts) => parts.iter().any(has_log),
                _ => false,
            }
        }
        let yaml = compile_builtin(true, false).expect("from YAML");
        let json = compile_builtin(true, true).expect("from JSON");
        assert_eq!(yaml.rules.len(), json.rules.len());
        for (a, b) in yaml.rules.iter().zip(&json.rules) {
            match (&a.matcher, &b.matcher) {
                (Matcher::Log(x), Matcher::Log(y)) => {
                    assert_eq!(x.alternatives(), y.alternatives(), "{}", a.id);
                }
                // Log matchers hold hash sets, whose Debug order varies.
                (x, _) if has_log(x) => assert_eq!(a.id, b.id),
                _ => assert_eq!(format!("{a:?}"), format!("{b:?}")),
            }
        }
        assert_eq!(format!("{:?}", yaml.packs), format!("{:?}", json.packs));
    }

    /// Built-in patterns are compiled on first use at scan time, so this is
    /// where a broken one must fail: the built-in packs checked as a user
    /// pack is, every pattern compiled within [`REGEX_SIZE_LIMIT`] and every
    /// `capture` naming a group of its pattern.
    #[test]
    fn every_builtin_pattern_compiles_within_the_size_limit() {
        if let Err(err) = builtin_packs(false) {
            let line = err.span.map(|span| {
                let text = err.source_code.inner();
                text[..span.offset()].lines().count() + 1
            });
            panic!("{} line {line:?}: {}", err.source_code.name(), err.message);
        }
    }

    #[test]
    fn builtin_patterns_wait_until_first_use() {
        let set = builtin_packs(true).expect("built-in packs load");
        let regexes: Vec<&LazyRegex> = set
            .rules
            .iter()
            .filter_map(|r| match &r.matcher {
                Matcher::Regex(m) => Some(&m.regex),
                _ => None,
            })
            .collect();
        assert!(
            regexes.len() > 100,
            "the secrets pack is made of regex rules"
        );
        assert!(regexes.iter().all(|r| !r.is_compiled()));
    }
}
