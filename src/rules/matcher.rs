//! Applying compiled rules to one file: regex matchers to its text, call and
//! config matchers to its facts, query matchers to its tree.
//!
//! Everything here is sequential, per file, and takes `&` inputs; the scan
//! driver owns parallelism. Matchers produce `Hit`s (rule, span, secret span,
//! values for the message); turning them into findings is `finding`'s job.

use super::glob::live_globs;
use super::prefilter::FoundWords;
use super::regex_plan::{captures_in, Haystack, Places};
use super::value::{Evidence, Strictness};
use super::{CallMatcher, ConfigMatcher, Matcher, RegexMatcher, Rule};
use crate::facts::{Fact, Span};
use crate::lang::{Language, Parsed};

/// One place where a rule matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index of the rule in the rule set.
    pub rule: usize,
    /// The construct that shows the problem.
    pub span: Span,
    /// The secret inside it, to redact everywhere.
    pub secret: Option<Span>,
    /// Values the message may interpolate (`callee`, `key`); `value` and
    /// `secret` come from the spans.
    pub vars: Vec<(&'static str, String)>,
    /// Span whose text is `${value}` (defaults to `span`).
    pub value_span: Option<Span>,
}

/// What a file offers the matchers.
pub struct FileView<'a> {
    /// The file's language.
    pub language: Language,
    /// Its text.
    pub text: &'a str,
    /// Keywords found by the pre-filter.
    pub found: &'a FoundWords,
    /// Its one parse, when it was worth parsing.
    pub parsed: Option<&'a Parsed>,
}

/// Runs every rule that applies to the file's language.
pub fn match_file(rules: &[Rule], view: &FileView<'_>) -> Vec<Hit> {
    let mut hits = Vec::new();
    let haystack = Haystack::new(view.text);
    for (index, rule) in rules.iter().enumerate() {
        if rule.applies_to(view.language) {
            crate::watch::enter_rule(index, rule.id.as_str());
            run_matcher(index, &rule.matcher, view, &haystack, &mut hits);
        }
    }
    hits.sort_by_key(|h| (h.span, h.rule));
    hits.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
    drop_shadowed_fallbacks(rules, &mut hits);
    hits
}

/// Removes hits of fallback (generic) rules whose secret overlaps the secret
/// of a hit from a specific rule.
fn drop_shadowed_fallbacks(rules: &[Rule], hits: &mut Vec<Hit>) {
    let is_fallback = |h: &Hit| is_fallback_matcher(&rules[h.rule].matcher);
    let specific: Vec<Span> = hits
        .iter()
        .filter(|h| !is_fallback(h))
        .filter_map(|h| h.secret)
        .collect();
    if specific.is_empty() {
        return;
    }
    hits.retain(|h| {
        !is_fallback(h)
            || h.secret
                .is_none_or(|s| !specific.iter().any(|o| o.start < s.end && s.start < o.end))
    });
}

fn is_fallback_matcher(matcher: &Matcher) -> bool {
    match matcher {
        Matcher::Regex(m) => m.fallback,
        Matcher::Any(parts) => !parts.is_empty() && parts.iter().all(is_fallback_matcher),
        _ => false,
    }
}

fn run_matcher(
    rule: usize,
    matcher: &Matcher,
    view: &FileView<'_>,
    haystack: &Haystack<'_>,
    out: &mut Vec<Hit>,
) {
    match matcher {
        Matcher::Regex(m) => {
            if view.found.may_match(m) {
                match_regex(rule, m, haystack, view.text, out);
            }
        }
        Matcher::Call(m) => {
            if let Some(parsed) = view.parsed {
                match_calls(rule, m, &parsed.extraction.facts, view, out);
            }
        }
        Matcher::Chain(m) => {
            if let Some(parsed) = view.parsed {
                super::chain::match_chains(rule, m, &parsed.extraction.facts, view.found, out);
            }
        }
        Matcher::Assign(m) => {
            if let Some(parsed) = view.parsed {
                super::assign::match_assigns(rule, m, &parsed.extraction.facts, view.found, out);
            }
        }
        Matcher::Config(m) => {
            if let Some(parsed) = view.parsed {
                match_entries(rule, m, &parsed.extraction.facts, view.text, out);
            }
        }
        Matcher::Query(m) => super::query::match_query(rule, m, view, out),
        Matcher::Log(m) => {
            if let (Some(parsed), true) = (view.parsed, view.found.any_of(m.keywords())) {
                super::log::match_logs(rule, m, &parsed.extraction.facts, view.text, out);
            }
        }
        Matcher::Any(parts) => parts
            .iter()
            .for_each(|p| run_matcher(rule, p, view, haystack, out)),
        // Routes need every file's facts: the project pass runs them.
        Matcher::Route(_) => {}
    }
}

fn match_regex(
    rule: usize,
    m: &RegexMatcher,
    haystack: &Haystack<'_>,
    text: &str,
    out: &mut Vec<Hit>,
) {
    let places = match m.plan_when_worth_it() {
        Some(plan) => plan.places(haystack),
        None => Places::Everywhere,
    };
    captures_in(&m.regex, text, &places, |caps| {
        push_regex_hit(rule, m, caps, out)
    });
}

fn push_regex_hit(rule: usize, m: &RegexMatcher, caps: &regex::Captures<'_>, out: &mut Vec<Hit>) {
    let whole = caps.get(0).expect("group 0 always participates in a match");
    let secret = match &m.capture {
        Some(name) => match caps.name(name) {
            Some(g) => g,
            None => return,
        },
        None => whole,
    };
    let allowed = m
        .allow
        .iter()
        .any(|a| a.is_match(secret.as_str()) || a.is_match(whole.as_str()));
    if allowed {
        return;
    }
    if m.min_entropy
        .is_some_and(|min| shannon_entropy(secret.as_str()) < min)
    {
        return;
    }
    if m.checksum.is_some_and(|c| !c.verify(secret.as_str())) {
        return;
    }
    let secret_span = Span::new(secret.start(), secret.end());
    // A group named `finding` narrows what the finding points at (a PEM
    // block's BEGIN line) without narrowing what is redacted.
    let shown = caps.name("finding").unwrap_or(whole);
    out.push(Hit {
        rule,
        span: Span::new(shown.start(), shown.end()),
        secret: m.redact.then_some(secret_span),
        vars: Vec::new(),
        value_span: Some(secret_span),
    });
}

fn match_calls(rule: usize, m: &CallMatcher, facts: &[Fact], view: &FileView, out: &mut Vec<Hit>) {
    let callees = live_globs(&m.callees, view.found);
    if callees.is_empty() || !m.scope.admits(facts) {
        return;
    }
    let text = view.text;
    for fact in facts {
        let Fact::Call(call) = fact else { continue };
        if !callees.iter().any(|g| g.matches(&call.callee)) {
            continue;
        }
        let mut evidence = None;
        let holds =
            m.conditions.iter().all(
                |cond| match cond.eval_args(&call.args, Strictness::Strict) {
                    Some(Evidence::At(span)) => {
                        evidence.get_or_insert(span);
                        true
                    }
                    Some(Evidence::Missing) => true,
                    None => false,
                },
            );
        if !holds {
            continue;
        }
        let span = evidence.unwrap_or(call.callee_span);
        // A literal credential is redacted like a regex capture; without a
        // literal (or with a placeholder) there is nothing to report.
        let secret = match &m.secret {
            Some(guard) => match guard.secret_in(text, span) {
                Some(inner) => Some(inner),
                None => continue,
            },
            None => None,
        };
        out.push(Hit {
            rule,
            span,
            secret,
            vars: vec![("callee", call.callee.clone())],
            value_span: secret,
        });
    }
}

fn match_entries(rule: usize, m: &ConfigMatcher, facts: &[Fact], text: &str, out: &mut Vec<Hit>) {
    for fact in facts {
        let Fact::Entry(entry) = fact else { continue };
        if !m.keys.any_matches(&entry.key_path) {
            continue;
        }
        let holds = match &m.value {
            Some(cond) => cond.eval_value(&entry.value, Strictness::Loose).is_some(),
            None => true,
        } && m
            .unless
            .as_ref()
            .is_none_or(|cond| cond.eval_value(&entry.value, Strictness::Loose).is_none());
        if holds {
            out.push(Hit {
                rule,
                span: entry_span(entry, text),
                secret: None,
                vars: vec![("key", entry.key_path.join("."))],
                value_span: Some(entry.value.span),
            });
        }
    }
}

/// A configuration finding points at its key, and runs to the end of the
/// value when the value is on the same line (`KEY=value`, `key: value`).
fn entry_span(entry: &crate::facts::Entry, text: &str) -> Span {
    let key = entry.key_span;
    let value = entry.value.span;
    let same_line = value.start >= key.end
        && text
            .get(key.end..value.start)
            .is_some_and(|between| !between.contains(['\n', '\r']));
    if same_line {
        Span::new(key.start, value.end.max(key.end))
    } else {
        key
    }
}

/// Shannon entropy of `s` in bits per character: how random a candidate
/// secret looks (`aaaa` is 0, random base64 is close to 6).
pub fn shannon_entropy(s: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    let mut total = 0usize;
    for c in s.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
        total += 1;
    }
    if total == 0 {
        return 0.0;
    }
    counts
        .values()
        .map(|&n| {
            let p = n as f64 / total as f64;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_separates_repetition_from_randomness() {
        assert_eq!(shannon_entropy(""), 0.0);
        assert_eq!(shannon_entropy("aaaaaaaa"), 0.0);
        assert!((shannon_entropy("abcd") - 2.0).abs() < 1e-9);
        assert!(shannon_entropy("AKIAQ7ZLMX4R2KPV6TNB") > 3.5);
    }
}
