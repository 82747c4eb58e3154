//! What must be in a file's text for a structural matcher to match anything
//! in it, in words: the parse gate's requirements before the pre-filter
//! numbers the words. Which words a matcher needs is decided here; looking
//! for them is the keyword automaton's job.

use std::collections::BTreeSet;

use crate::lang::Language;
use crate::rules::chain::Scope;
use crate::rules::glob::PathGlob;
use crate::rules::regex_plan::required_literals;
use crate::rules::value::{Condition, Test};
use crate::rules::{ConfigMatcher, Matcher};

/// Sets of lower-case words; a file passes when every word of at least one
/// set occurs in it. An empty set always passes.
pub(super) type Alternatives = Vec<BTreeSet<String>>;

/// A [`super::Requirement`] in words: parts, each a list of word sets.
pub(super) type RawRequirement = Vec<Alternatives>;

/// What must be in a file of `language` for a structural matcher to match
/// anything in it; none means it never matches there. Config matchers only
/// ever see configuration files and code matchers only code, so a key glob
/// with no literal word does not make every source file worth parsing.
pub(super) fn requirements(matcher: &Matcher, language: Language) -> Vec<RawRequirement> {
    let one = |alternatives: Alternatives| -> Vec<RawRequirement> {
        if alternatives.is_empty() {
            Vec::new()
        } else {
            vec![vec![alternatives]]
        }
    };
    let config = language.is_config();
    match matcher {
        Matcher::Log(_) if config => Vec::new(),
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
        Matcher::Call(c) if !config => {
            scoped(glob_alternatives(&c.callees), &c.scope, &c.conditions)
        }
        Matcher::Chain(c) if !config => {
            scoped(glob_alternatives(&c.roots), &c.scope, &c.conditions)
        }
        Matcher::Config(c) if config => config_requirements(c),
        other => one(alternatives(other, language)),
    }
}

/// The word sets one of which must be present for a structural matcher
/// other than `log`, `any`, `call`, `chain` and `config` (which
/// [`requirements`] works out) to match anything in a file of `language`
/// (an empty set: it can match any file).
fn alternatives(matcher: &Matcher, language: Language) -> Alternatives {
    let config = language.is_config();
    match matcher {
        Matcher::Regex(_)
        | Matcher::Log(_)
        | Matcher::Any(_)
        | Matcher::Call(_)
        | Matcher::Chain(_)
        | Matcher::Config(_) => Vec::new(),
        Matcher::Assign(_) | Matcher::Query(_) if config => Vec::new(),
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

/// The requirement of a `call` or `chain` matcher in code: one of its
/// callee (root) globs' word sets, and beyond them one of the modules its
/// scope imports (an import names its module in the text), and, for each
/// condition that a value match a case-sensitive pattern, one of the
/// literals every such match holds (`'^http://'` needs `http://`). Values are
/// strings written in the file, so a file without the literal has none. A
/// value spelled with escapes (`'http:\/\/'`) or split across concatenated
/// pieces so that no piece holds the literal is not looked for: the price of
/// not parsing every file that calls `get`.
fn scoped(callees: Alternatives, scope: &Scope, conditions: &[Condition]) -> Vec<RawRequirement> {
    if callees.is_empty() {
        return Vec::new();
    }
    let mut parts = vec![callees];
    if !scope.imports.is_empty() {
        let modules: Option<Alternatives> = scope
            .imports
            .iter()
            .map(|glob| module_word(glob).map(|w| BTreeSet::from([w])))
            .collect();
        parts.extend(modules);
    }
    parts.extend(conditions.iter().filter_map(value_literals));
    vec![parts]
}

/// The shortest literal run of a key glob looked for in the text (`url` of
/// `**.*url`).
const MIN_KEY_FRAGMENT: usize = 3;

/// The requirement of a `config` matcher in a configuration file: for one of
/// its key globs, every literal run of its segments (keys are written out in
/// configuration text, so `**.*ssl-protocols` needs `ssl-protocols`) and,
/// when its value must match a pattern, one of the literals every such
/// value holds. As for `call` values, a key or value spelled with escapes
/// (other than JSON's `\/`) is not looked for.
fn config_requirements(c: &ConfigMatcher) -> Vec<RawRequirement> {
    let keys: Alternatives = c
        .keys
        .globs()
        .iter()
        .map(|g| g.literal_fragments(MIN_KEY_FRAGMENT).into_iter().collect())
        .collect();
    if keys.is_empty() {
        return Vec::new();
    }
    let mut parts = vec![keys];
    parts.extend(c.value.iter().filter_map(value_literals));
    vec![parts]
}

/// For a condition that a value match a pattern, the literals one of which
/// every such value holds, each also as JSON may write it (`http:\/\/`).
fn value_literals(condition: &Condition) -> Option<Alternatives> {
    let Test::Matches(pattern) = &condition.test else {
        return None;
    };
    let literals = required_literals(pattern.as_str())?;
    let mut out = Alternatives::new();
    for literal in literals {
        if literal.contains('/') {
            out.push(BTreeSet::from([literal.replace('/', "\\/")]));
        }
        out.push(BTreeSet::from([literal]));
    }
    Some(out)
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
        // The keyword search ignores ASCII case; `s` and `k` have non-ASCII
        // twins that a case-insensitive pattern matches too.
        assert_eq!(
            required_literals("(?i)^mongodb://"),
            Some(vec!["mongodb://".into()])
        );
        assert_eq!(
            required_literals("(?i)^mongodb(\\+srv)?://"),
            Some(vec!["mongodb+".into(), "mongodb://".into()])
        );
        assert_eq!(
            required_literals("(?i)^https://"),
            Some(vec!["http".into()])
        );
        assert_eq!(required_literals("(?i)^(sslv3|tlsv1)$"), None);
        assert_eq!(required_literals("^[0-9]+$"), None);
        assert_eq!(
            module_word("@nestjs/throttler").as_deref(),
            Some("throttler")
        );
        assert_eq!(module_word("reqwest").as_deref(), Some("reqwest"));
    }
}
