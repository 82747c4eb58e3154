//! A rule's regular expression, compiled the first time a file needs it.
//!
//! Compiling every built-in pattern costs far more than a small scan (most
//! of `comply scan FILE`'s time before this existed), and most files never
//! reach most patterns: the keyword pre-filter rules them out. So built-in
//! patterns wait until first use. User packs are compiled in full when
//! loaded, so their mistakes are diagnostics pointing at the pack's line;
//! built-in packs are compiled in full by the test suite
//! (`load::tests::every_builtin_pattern_compiles_within_the_size_limit`).
//! This module compiles; it never decides what a match means.

use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

/// Compiled regex programs above this size are refused, so a pathological
/// pattern in a user pack cannot make every file slow.
pub const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// Compiles `pattern` the way every rule pattern is compiled (size limit
/// included), so the eager check at load and the lazy compile agree.
pub fn build_regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// A pattern and, once something asked for it, its compiled program.
///
/// Dereferences to the compiled [`Regex`]; it is `Sync`, and the first of
/// several threads to need it compiles it while the others wait.
#[derive(Clone)]
pub struct LazyRegex {
    source: Box<str>,
    compiled: OnceLock<Regex>,
}

impl LazyRegex {
    /// A pattern compiled on first use: only for patterns already known to
    /// compile (the built-in packs, which the test suite compiles in full).
    pub fn deferred(source: &str) -> LazyRegex {
        LazyRegex {
            source: source.into(),
            compiled: OnceLock::new(),
        }
    }

    /// A pattern compiled now, for input whose errors must be reported at load.
    pub fn compile_now(source: &str) -> Result<LazyRegex, regex::Error> {
        Ok(LazyRegex::from(build_regex(source)?))
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The compiled program, compiling it on first use.
    pub fn regex(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            build_regex(&self.source)
                .expect("built-in patterns are compiled by the test suite, user patterns at load")
        })
    }

    /// Whether the pattern was compiled already (for tests of laziness).
    pub fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }
}

impl From<Regex> for LazyRegex {
    fn from(regex: Regex) -> LazyRegex {
        LazyRegex {
            source: regex.as_str().into(),
            compiled: OnceLock::from(regex),
        }
    }
}

impl Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.regex()
    }
}

impl fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LazyRegex").field(&self.source).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deferred_pattern_compiles_on_first_use_only() {
        let lazy = LazyRegex::deferred("AKIA[A-Z0-9]{16}");
        assert!(!lazy.is_compiled());
        assert_eq!(lazy.as_str(), "AKIA[A-Z0-9]{16}");
        assert!(lazy.is_match("id AKIAABCDEFGHIJKLMNOP"));
        assert!(lazy.is_compiled());
    }

    #[test]
    fn an_eager_pattern_is_checked_at_once() {
        assert!(LazyRegex::compile_now("(unclosed").is_err());
        assert!(
            LazyRegex::compile_now("a{1000}{1000}").is_err(),
            "size limit"
        );
        assert!(LazyRegex::compile_now("ok").unwrap().is_compiled());
    }
}
