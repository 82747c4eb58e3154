//! The string literals of JS/TS text, found without parsing it (on the
//! `lex` lexer). It lets the project pass ask what a file's strings say
//! (route words, relative imports) before paying for a tree-sitter parse.
//!
//! Like the lexer, it answers for the whole file or not at all: when the
//! text cannot be read for certain, the caller treats the file as if any
//! string could be in it.

use super::lex::{lex_all, Lexed, Tok};
use super::literals::unescape_into;

/// One string literal, or one piece of template text between
/// interpolations, with its escapes resolved.
#[derive(Debug, PartialEq, Eq)]
pub struct StringLiteral<'t> {
    /// The text of the literal.
    pub text: std::borrow::Cow<'t, str>,
    /// A module specifier (`require('…')`, `import(…)`, `from '…'`,
    /// `import '…'`): consumed where it stands, so never a value anywhere else.
    pub specifier: bool,
}

/// Calls `each` with every string literal of `text`, in order. Returns
/// `false` when the text could not be read for certain (see the module
/// doc); `each` may have been called for part of the file then.
pub fn string_literals<'t>(text: &'t str, each: impl FnMut(StringLiteral<'t>)) -> bool {
    string_literals_in(text, &lex_all(text), each)
}

/// [`string_literals`] over tokens already lexed from `text`.
pub fn string_literals_in<'t>(
    text: &'t str,
    lexed: &Lexed,
    mut each: impl FnMut(StringLiteral<'t>),
) -> bool {
    for token in &lexed.tokens {
        let (inner, specifier) = match token.tok {
            Tok::Str { specifier } => (token.start + 1..token.end - 1, specifier),
            Tok::Template { closes, .. } => {
                let end = token.end - if closes { 1 } else { 2 };
                (token.start + 1..end, false)
            }
            _ => continue,
        };
        each(StringLiteral {
            text: decoded(&text[inner]),
            specifier,
        });
    }
    lexed.complete
}

fn decoded(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.contains('\\') {
        let mut out = String::with_capacity(raw.len());
        unescape_into(raw, &mut out);
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(text: &str) -> Option<Vec<(String, bool)>> {
        let mut out = Vec::new();
        let read = string_literals(text, |s| out.push((s.text.into_owned(), s.specifier)));
        read.then_some(out)
    }

    fn plain(items: &[&str]) -> Vec<(String, bool)> {
        items.iter().map(|s| (s.to_string(), false)).collect()
    }

    #[test]
    fn strings_templates_and_specifiers() {
        let text = "const a = require('./a');\nimport b from \"../b\";\nimport './c';\n\
                    const d = await import('./d');\nrouter.post('/log\\u0069n', x);\n\
                    const t = `/users/${id}/reset`;";
        assert_eq!(
            strings(text).unwrap(),
            vec![
                ("./a".to_string(), true),
                ("../b".to_string(), true),
                ("./c".to_string(), true),
                ("./d".to_string(), true),
                ("/login".to_string(), false),
                ("/users/".to_string(), false),
                ("/reset".to_string(), false),
            ]
        );
    }

    #[test]
    fn comments_and_regular_expressions_hold_no_strings() {
        let text = "// don't\n/* it's */ const r = /'[/']/g; x = a / b / c;\n\
                    if (ok) { return /\"/.test(s) }\nconst s = 'kept';";
        assert_eq!(strings(text).unwrap(), plain(&["kept"]));
    }

    #[test]
    fn interpolations_nest() {
        let text = "const u = `a${ f({ k: 'in' }) }b${`c${d}`}e`;";
        assert_eq!(
            strings(text).unwrap(),
            plain(&["a", "in", "b", "c", "", "e"])
        );
    }

    #[test]
    fn uncertain_text_gives_up() {
        // A string that runs into a line break (JSX text, say).
        assert_eq!(strings("<p>Don't\n</p>"), None);
        // A regular expression after `)` holding a quote.
        assert_eq!(strings("if (x) /'/.test(s); y = 'a';"), None);
        // Left open.
        assert_eq!(strings("/* open"), None);
        assert_eq!(strings("const t = `${a"), None);
        assert_eq!(
            strings("#!/usr/bin/env node\nconst a = 1 / 2;"),
            Some(vec![])
        );
    }
}
