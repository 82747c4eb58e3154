//! The configuration keys any rule asks about, per language: the union of
//! the key globs of every `config:` matcher. The scan hands it to the
//! configuration front ends, which then store only the entries some rule
//! could match: a 2 MB JSON fixture yields tens of thousands of entries and
//! no rule reads more than a few of them.

use super::key_globs::KeyGlobs;
use super::{Matcher, Rule};
use crate::lang::Language;

/// Per language, the keys some rule's `config:` matcher may match.
#[derive(Debug)]
pub struct EntryKeys {
    by_language: Vec<(Language, KeyGlobs)>,
}

impl EntryKeys {
    /// Collects the key globs of the rules' `config:` matchers.
    pub fn build(rules: &[Rule]) -> EntryKeys {
        let mut globs: Vec<(Language, Vec<_>)> = Vec::new();
        for rule in rules {
            let mut own = Vec::new();
            collect(&rule.matcher, &mut own);
            if own.is_empty() {
                continue;
            }
            for &language in &rule.languages {
                match globs.iter_mut().find(|(l, _)| *l == language) {
                    Some((_, list)) => list.extend(own.iter().cloned()),
                    None => globs.push((language, own.clone())),
                }
            }
        }
        EntryKeys {
            by_language: globs
                .into_iter()
                .map(|(language, list)| (language, KeyGlobs::new(list)))
                .collect(),
        }
    }

    /// The keys some rule for `language` may match, looked up once per
    /// file; `None` when no rule asks about any key of that language.
    pub fn of_language(&self, language: Language) -> Option<&KeyGlobs> {
        self.by_language
            .iter()
            .find(|(l, _)| *l == language)
            .map(|(_, keys)| keys)
    }
}

fn collect(matcher: &Matcher, out: &mut Vec<super::glob::PathGlob>) {
    match matcher {
        Matcher::Config(config) => out.extend(config.keys.globs().iter().cloned()),
        Matcher::Any(parts) => parts.iter().for_each(|part| collect(part, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{load_engine, EngineOptions};
    use crate::lang::Language;

    #[test]
    fn only_keys_a_rule_asks_about_are_wanted() {
        let engine = load_engine(&EngineOptions::default()).expect("built-in packs load");
        let keys = engine.rules.entry_keys();
        let wanted = |language, segments: &[&str]| {
            keys.of_language(language)
                .is_some_and(|k| k.any_matches(segments))
        };
        let env = [
            "spec",
            "containers",
            "0",
            "env",
            "NODE_TLS_REJECT_UNAUTHORIZED",
        ];
        assert!(wanted(Language::Yaml, &env));
        assert!(wanted(Language::Json, &env));
        let fixture = ["items", "412", "customer", "displayName"];
        assert!(!wanted(Language::Json, &fixture));
    }
}
