//! What the project pass can learn of a JS/TS or Rust file from its
//! string literals alone, before (or instead of) parsing it.
//!
//! A `route` rule reports a route only if its full path holds one of the
//! rule's path words, and every piece of that path (route, mount and router
//! prefix) is a string literal in a file of the same package or of a
//! package linked to it (by a relative import, or a Rust crate root). So a
//! package none of whose literals names a route word, and whose files
//! reach no other package, can hold no finding, and a file that only the
//! project pass would parse need not be parsed there. The pass asks for
//! those files again, parsed, once their package turns out to matter
//! (`stream`).
//!
//! What this cannot see is a word split across pieces (`'/log' + 'in'`,
//! `concat!`): the same price the pre-filter pays for values split that
//! way.

use crate::lang::{javascript, rust, Language};
use crate::rules::prefilter::Prefilter;

/// What a JS/TS or Rust file's literals tell the project pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RouteHint {
    /// A literal that is not a module specifier holds a route word, or the
    /// literals could not be read for certain.
    pub names_route: bool,
    /// Set when the project pass alone wanted the file parsed and it was
    /// not: every relative specifier among its literals, which covers every
    /// file its imports may name (none for Rust, linked by its crate root).
    pub deferred: Option<Vec<String>>,
}

impl RouteHint {
    /// Reads the literals of `text`, a file of `language` (JS/TS or Rust);
    /// `defer` says whether the file's parse is put off (when it names no
    /// route word).
    pub fn of(text: &str, language: Language, prefilter: &Prefilter, defer: bool) -> RouteHint {
        RouteHint::of_lexed(text, language, None, prefilter, defer)
    }

    /// [`RouteHint::of`], reading a JS/TS file's literals from its tokens
    /// when they were lexed already.
    pub fn of_lexed(
        text: &str,
        language: Language,
        lexed: Option<&javascript::Lexed>,
        prefilter: &Prefilter,
        defer: bool,
    ) -> RouteHint {
        let mut names_route = false;
        let mut specifiers: Vec<String> = Vec::new();
        let read = if language == Language::Rust {
            rust::string_literals(text, |literal| {
                names_route = names_route || prefilter.names_route_word(&literal);
            })
        } else {
            let each = |literal: javascript::StringLiteral<'_>| {
                if literal.text.starts_with('.') {
                    specifiers.push(literal.text.to_string());
                }
                if !literal.specifier && !names_route && prefilter.names_route_word(&literal.text) {
                    names_route = true;
                }
            };
            match lexed {
                Some(lexed) => javascript::string_literals_in(text, lexed, each),
                None => javascript::string_literals(text, each),
            }
        };
        let names_route = names_route || !read;
        let deferred = (defer && !names_route).then(|| {
            specifiers.sort();
            specifiers.dedup();
            specifiers
        });
        RouteHint {
            names_route,
            deferred,
        }
    }

    /// Whether the file was left unparsed for the project pass.
    pub fn is_deferred(&self) -> bool {
        self.deferred.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{load_engine, EngineOptions};

    #[test]
    fn route_words_in_literals_other_than_specifiers() {
        let engine = load_engine(&EngineOptions::default()).unwrap();
        let prefilter = engine.rules.prefilter();
        let hint = |text: &str| RouteHint::of(text, Language::JavaScript, prefilter, true);
        // `auth` in a module specifier and in identifiers names no route.
        let routes = "const { requireAuth } = require('../middleware/auth');\n\
                      const { list } = require('./store');\n\
                      router.get('/', requireAuth, list);\n";
        assert_eq!(
            hint(routes),
            RouteHint {
                names_route: false,
                deferred: Some(vec!["../middleware/auth".into(), "./store".into()]),
            }
        );
        for named in [
            "router.post('/password/forgot', h);",
            "app.use(`/v1/${v}/signIn`, r);",
            "@Controller('auth') class A {}",
            "const p = '/log\\u0069n';",
        ] {
            let found = hint(named);
            assert!(found.names_route, "{named}");
            assert!(!found.is_deferred(), "{named}");
        }
        // `:token` is a parameter, `catalog` is not `log`.
        assert!(!hint("router.post('/catalog/:token', h);").names_route);
        // Unreadable literals: anything may be there.
        assert!(hint("const a = b / c + 'x';").names_route);
        let js = Language::JavaScript;
        assert!(!RouteHint::of("router.get('/', h);", js, prefilter, false).is_deferred());
        // Tokens lexed once for the logging slicer read the same.
        for text in [
            routes,
            "router.post('/password/forgot', h);",
            "const a = b / c + 'x';",
        ] {
            let lexed = javascript::lex_all(text);
            let hint_lexed = RouteHint::of_lexed(text, js, Some(&lexed), prefilter, true);
            assert_eq!(hint_lexed, hint(text), "{text}");
        }
        let rust = |text: &str| RouteHint::of(text, Language::Rust, prefilter, true);
        let app = "fn app() -> Router { Router::new().route(\"/orders\", post(create)) }";
        assert_eq!(rust(app).deferred, Some(Vec::new()));
        assert!(rust("#[post(\"/auth/token\")] async fn t() {}").names_route);
        // `'a` is a lifetime, not a string: the literal after it is read.
        assert!(rust("fn f<'a>(r: &'a R) { r.route(\"/sign-in\", h) }").names_route);
    }
}
