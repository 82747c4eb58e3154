//! The words that let a route be reported, for the project pass to look
//! for in string literals before it parses anything (`project::hint`).

use std::collections::BTreeSet;

use crate::rules::route::path_words;
use crate::rules::{Matcher, Rule};

/// The first word of every path a `route` rule reports (`sign` of
/// `sign-in`): a route can only be reported if some piece of its path holds
/// one of them.
#[derive(Debug)]
pub(super) struct RouteWords(BTreeSet<String>);

impl RouteWords {
    /// The words of every `route` matcher of `rules`, nested ones too.
    pub(super) fn of(rules: &[Rule]) -> RouteWords {
        let mut words = BTreeSet::new();
        for rule in rules {
            collect(&rule.matcher, &mut words);
        }
        RouteWords(words)
    }

    /// Whether `piece`, split into words as route paths are
    /// ([`path_words`]), holds one of them.
    pub(super) fn named_in(&self, piece: &str) -> bool {
        !self.0.is_empty() && path_words(piece).iter().any(|w| self.0.contains(w))
    }
}

fn collect(matcher: &Matcher, out: &mut BTreeSet<String>) {
    match matcher {
        Matcher::Route(m) => out.extend(m.paths.iter().filter_map(|words| words.first().cloned())),
        Matcher::Any(parts) => parts.iter().for_each(|p| collect(p, out)),
        _ => {}
    }
}
