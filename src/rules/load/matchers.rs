//! Compiling a rule's `match:` block into a [`Matcher`]: each kind's checks
//! and error messages, and when a pattern or query is compiled (now for a
//! user pack, on first use for a built-in one).

use std::collections::BTreeSet;

use serde_saphyr::Spanned;

use super::PackContext;
use crate::error::InputError;
use crate::lang::javascript::JsDialect;
use crate::lang::Language;
use crate::rules::checksum::{Checksum, CHECKSUM_NAMES};
use crate::rules::glob::PathGlob;
use crate::rules::key_globs::KeyGlobs;
use crate::rules::lazy_regex::LazyRegex;
use crate::rules::literal_secret::LiteralSecret;
use crate::rules::raw::{location_offset, RawMatch, RawQuery, RawRegex};
use crate::rules::route::RouteMatcher;
use crate::rules::{CallMatcher, ConfigMatcher, Matcher, QueryMatcher, RegexMatcher};

impl PackContext<'_> {
    /// The matcher a `match:` block describes; `languages` are the rule's,
    /// which decide the dialects a `query` is compiled for.
    pub(super) fn compile_matcher(
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
                crate::rules::log::LogMatcher::compile(l).map_err(|e| {
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
}
