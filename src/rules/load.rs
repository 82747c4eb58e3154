//! Compiling rule packs: the raw serde shapes (`raw`) become `Rule`s here,
//! which is where every check and every error message lives: a rule's own
//! fields in this file, its `match:` block in `matchers`, the conditions on
//! values in `conditions`.
//!
//! Errors are `InputError`s pointing at the offending line of the pack. This
//! module never matches files; it only builds what the matchers use.

mod conditions;
mod matchers;

use std::cell::Cell;
use std::collections::BTreeSet;

use serde_saphyr::Spanned;

use super::catalog::{format_number, ControlCatalog, Policy};
use super::raw::{location_offset, parse_yaml, RawPack, RawRule};
use super::{PackHash, PackInfo, Rule, RuleDocs, RuleId, RuleSet, FAMILIES};
use crate::error::InputError;
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
        entry_keys: std::sync::OnceLock::new(),
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::rules::lazy_regex::LazyRegex;
    use crate::rules::Matcher;

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
