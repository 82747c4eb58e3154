//! What must be in a file's text for a structural matcher to match anything
//! in it, in words: the parse gate's requirements before the pre-filter
//! numbers the words. Which words a matcher needs is decided here; looking
//! for them is the keyword automaton's job.

use std::collections::BTreeSet;

use crate::lang::Language;
use crate::rules::glob::PathGlob;
use crate::rules::regex_plan::required_literals;
use crate::rules::value::Test;
use crate::rules::{CallMatcher, Matcher};

/// Sets of lower-case words; a file passes when every word of at least one
/// set occurs in it. An empty set always passes.
pub(super) type Alternatives = Vec<BTreeSet<String>>;

/// A [`super::Requirement`] in words: parts, each a list of word sets.
pub(super) type RawRequirement = Vec<Alternatives>;

/// What must be in a file of `language` for a structural matcher to match
/// anything in it; none means it never matches there. Config matchers only
/// ever see configuration files and code matchers only code, so a key glob
/// with no literal word does not make every source file worth parsing.
pub(super) fn requirements(matcher: &Matcher, language: Option<Language>) -> Vec<RawRequirement> {
    let one = |alternatives: Alternatives| -> Vec<RawRequirement> {
        if alternatives.is_empty() {
            Vec::new()
        } else {
            vec![vec![alternatives]]
        }
    };
    let config = language.map(Language::is_config);
    match matcher {
        Matcher::Log(_) if config == Some(true) => Vec::new(),
        Matcher::Log(l) => {
            let (loggers, sensitive) = l.gate();
            if loggers.is_empty() || sensitive.is_empty() {
                Vec::new()
            } else {
                vec![vec![loggers, sensitive]]
            }
        }
        Matcher::Any(parts) => parts
            .iter()
            .flat_map(|p| requirements(p, language))
            .collect(),
        Matcher::Call(c) if config == Some(false) => {
            let callees = glob_alternatives(&c.callees);
            if callees.is_empty() {
                return Vec::new();
            }
            let mut parts = vec![callees];
            parts.extend(call_scope_words(c));
            vec![parts]
        }
        other => one(alternatives(other, language)),
    }
}

/// The word sets one of which must be present for a structural matcher
/// other than `log` and `any` to match anything in a file of `language`
/// (an empty set: it can match any file).
fn alternatives(matcher: &Matcher, language: Option<Language>) -> Alternatives {
    let config = language.map(Language::is_config);
    match matcher {
        Matcher::Regex(_) | Matcher::Log(_) | Matcher::Any(_) => Vec::new(),
        Matcher::Config(_) if config == Some(false) => Vec::new(),
        Matcher::Call(_) | Matcher::Chain(_) | Matcher::Assign(_) | Matcher::Query(_)
            if config == Some(true) =>
        {
            Vec::new()
        }
        Matcher::Call(c) => glob_alternatives(&c.callees),
        Matcher::Config(c) => glob_alternatives(c.keys.globs()),
        Matcher::Chain(c) => glob_alternatives(&c.roots),
        Matcher::Assign(a) => glob_alternatives(&a.targets),
        Matcher::Query(q) if q.keywords.is_empty() => vec![BTreeSet::new()],
        Matcher::Query(q) => q
            .keywords
            .iter()
            .map(|k| BTreeSet::from([k.clone()]))
            .collect(),
        Matcher::Route(r) if r.keywords.is_empty() => vec![BTreeSet::new()],
        Matcher::Route(r) => r
            .keywords
            .iter()
            .map(|k| BTreeSet::from([k.clone()]))
            .collect(),
    }
}

/// One word set per glob: its literal segments, lower-cased.
fn glob_alternatives(globs: &[PathGlob]) -> Alternatives {
    globs
        .iter()
        .map(|g| g.literal_words().iter().map(|w| w.to_lowercase()).collect())
        .collect()
}

/// Words a call matcher needs beyond its callees: one of the modules its
/// scope imports (an import names its module in the text), and, for each
/// condition that a value match a case-sensitive pattern, one of the
/// literals every such match holds (`'^http://'` needs `http://`). Values are
/// strings written in the file, so a file without the literal has none. A
/// value spelled with escapes (`'http:\/\/'`) or split across concatenated
/// pieces so that no piece holds the literal is not looked for: the price of
/// not parsing every file that calls `get`.
fn call_scope_words(call: &CallMatcher) -> Vec<Alternatives> {
    let mut parts = Vec::new();
    if !call.scope.imports.is_empty() {
        let modules: Option<Alternatives> = call
            .scope
            .imports
            .iter()
            .map(|glob| module_word(glob).map(|w| BTreeSet::from([w])))
            .collect();
        parts.extend(modules);
    }
    for condition in &call.conditions {
        if let Test::Matches(pattern) = &condition.test {
            if let Some(literals) = required_literals(pattern.as_str()) {
                parts.push(literals.into_iter().map(|l| BTreeSet::from([l])).collect());
            }
        }
    }
    parts
}

/// The longest run of word characters in an import glob, lower-cased: a file
/// importing a module the glob matches has it in its text (`@nestjs/throttler`
/// gives `throttler`).
fn module_word(glob: &str) -> Option<String> {
    glob.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .max_by_key(|piece| piece.len())
        .filter(|piece| piece.len() >= 3)
        .map(str::to_ascii_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_sensitive_value_pattern_needs_its_literal() {
        assert_eq!(required_literals("^http://"), Some(vec!["http://".into()]));
        assert_eq!(required_literals("(?i)^http://"), None);
        assert_eq!(required_literals("^[0-9]+$"), None);
        assert_eq!(
            module_word("@nestjs/throttler").as_deref(),
            Some("throttler")
        );
        assert_eq!(module_word("reqwest").as_deref(), Some("reqwest"));
    }
}
