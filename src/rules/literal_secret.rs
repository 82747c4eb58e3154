//! The `secret:` option of a `call` matcher: the argument or property a call
//! rule points at is itself a credential (a JWT signing key, a session secret
//! written as a literal), so its text must be redacted like a regex rule's
//! capture, and placeholders must not count.
//!
//! This module finds the literal's text inside the evidence span and applies
//! the guards; it does not evaluate conditions or build findings.

use super::lazy_regex::LazyRegex;
use super::matcher::shannon_entropy;
use crate::facts::Span;

/// Guards for a literal secret found by a call rule.
#[derive(Debug)]
pub struct LiteralSecret {
    /// Patterns that make the literal a non-finding (placeholders).
    pub allow: Vec<LazyRegex>,
    /// Minimum Shannon entropy (bits per character) of the literal's text.
    pub min_entropy: Option<f64>,
}

impl LiteralSecret {
    /// The span of the string literal's contents inside `evidence` (the
    /// argument, or a `key: value` property), or `None` when there is no
    /// quoted literal there or a guard rejects it.
    pub fn secret_in(&self, text: &str, evidence: Span) -> Option<Span> {
        let inner = quoted_contents(text, evidence)?;
        let value = &text[inner.start..inner.end];
        if self.allow.iter().any(|a| a.is_match(value)) {
            return None;
        }
        if self
            .min_entropy
            .is_some_and(|min| shannon_entropy(value) < min)
        {
            return None;
        }
        Some(inner)
    }
}

/// The text between the first quote in `span` and the last matching quote
/// (`'…'`, `"…"`, `` `…` ``; Rust `b"…"` and `r#"…"#` included).
fn quoted_contents(text: &str, span: Span) -> Option<Span> {
    let slice = text.get(span.start..span.end)?;
    let open = slice.find(['"', '\'', '`'])?;
    let quote = slice[open..].chars().next()?;
    let close = slice.rfind(quote)?;
    (close > open + 1).then(|| Span::new(span.start + open + 1, span.start + close))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard(allow: &[&str], min_entropy: Option<f64>) -> LiteralSecret {
        LiteralSecret {
            allow: allow.iter().map(|p| LazyRegex::deferred(p)).collect(),
            min_entropy,
        }
    }

    fn contents(text: &str) -> Option<&str> {
        let span = guard(&[], None).secret_in(text, Span::new(0, text.len()))?;
        Some(&text[span.start..span.end])
    }

    #[test]
    fn finds_the_literal_in_arguments_and_properties() {
        assert_eq!(contents("'kitten-42'"), Some("kitten-42"));
        assert_eq!(contents("secret: \"s3ss10n\""), Some("s3ss10n"));
        assert_eq!(contents("b\"cookie-key\""), Some("cookie-key"));
        assert_eq!(contents("r#\"raw\"#"), Some("raw"));
        assert_eq!(contents("`tmpl`"), Some("tmpl"));
        assert_eq!(contents("secret: ''"), None, "empty literal");
        assert_eq!(contents("secret: config.key"), None, "no literal");
    }

    #[test]
    fn placeholders_and_weak_text_are_not_secrets() {
        let g = guard(&["(?i)changeme"], Some(2.5));
        let text = "secret: 'changeme'";
        assert_eq!(g.secret_in(text, Span::new(0, text.len())), None);
        let text = "secret: 'aaaaaaaa'";
        assert_eq!(g.secret_in(text, Span::new(0, text.len())), None);
        let text = "secret: 'Zr8!qL2w#Tn5'";
        assert_eq!(
            g.secret_in(text, Span::new(0, text.len())),
            Some(Span::new(9, 21))
        );
    }
}
