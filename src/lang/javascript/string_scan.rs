//! The string literals of JS/TS text, found without parsing it: a lexer
//! that knows only comments, strings, templates, regular expressions and
//! brackets. It lets the project pass ask what a file's strings say (route
//! words, relative imports) before paying for a tree-sitter parse.
//!
//! It answers for the whole file or not at all. Text it cannot read for
//! certain (a string running into a line break, a comment or template left
//! open, a `/` that may start a regular expression holding a quote) makes
//! it give up, and the caller then treats the file as if any string could
//! be in it.

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

/// Keywords after which a `/` starts a regular expression.
const BEFORE_REGEX: &[&str] = &[
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
    "await",
];

/// What came last, for telling a regular expression from a division and a
/// module specifier from any other string.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last<'t> {
    /// Start of text, or a punctuator after which an operand comes.
    Operator,
    /// `(`; `callee` is the word right before it, if any.
    OpenParen { callee: Option<&'t str> },
    /// A word (identifier or keyword).
    Word(&'t str),
    /// `)`, `]`, a number, a string: a division may follow.
    Operand,
}

/// Calls `each` with every string literal of `text`, in order. Returns
/// `false` when the text could not be read for certain (see the module
/// doc); `each` may have been called for part of the file then.
pub fn string_literals<'t>(text: &'t str, mut each: impl FnMut(StringLiteral<'t>)) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    if text.starts_with("#!") {
        at = text.find('\n').unwrap_or(text.len());
    }
    let mut last = Last::Operator;
    let mut braces = Braces::default();
    while at < bytes.len() {
        let b = bytes[at];
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => at += 1,
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                at = text[at..].find('\n').map_or(bytes.len(), |n| at + n);
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => match text[at + 2..].find("*/") {
                Some(n) => at += n + 4,
                None => return false,
            },
            b'/' => {
                if regex_may_start(last) {
                    match regex_end(bytes, at) {
                        Some(end) => at = end,
                        None => return false,
                    }
                    last = Last::Operand;
                } else {
                    // A division, unless this is a regular expression after
                    // `)` (`if (x) /'/.test(s)`): a quote before the line
                    // ends could open a string that is not one.
                    let line_end = text[at..].find('\n').map_or(bytes.len(), |n| at + n);
                    if text[at + 1..line_end].contains(['\'', '"', '`']) {
                        return false;
                    }
                    at += 1;
                    last = Last::Operator;
                }
            }
            b'\'' | b'"' => {
                let Some(end) = string_end(bytes, at, b) else {
                    return false;
                };
                let specifier = is_specifier_position(last);
                each(StringLiteral {
                    text: decoded(&text[at + 1..end - 1]),
                    specifier,
                });
                at = end;
                last = Last::Operand;
            }
            b'`' => match braces.template(text, at + 1, &mut each) {
                Some((end, after)) => (at, last) = (end, after),
                None => return false,
            },
            b'{' => {
                braces.depth += 1;
                at += 1;
                last = Last::Operator;
            }
            b'}' => {
                braces.depth = braces.depth.saturating_sub(1);
                if braces.interpolations.last() == Some(&braces.depth) {
                    braces.interpolations.pop();
                    match braces.template(text, at + 1, &mut each) {
                        Some((end, after)) => (at, last) = (end, after),
                        None => return false,
                    }
                } else {
                    at += 1;
                    // After a block a `/` starts a regular expression; after
                    // an object literal it divides, which is rare enough
                    // that taking it for a regular expression, and giving
                    // up if it never closes on its line, costs little.
                    last = Last::Operator;
                }
            }
            b'(' => {
                let callee = match last {
                    Last::Word(word) => Some(word),
                    _ => None,
                };
                at += 1;
                last = Last::OpenParen { callee };
            }
            b')' | b']' => {
                at += 1;
                last = Last::Operand;
            }
            b'0'..=b'9' => {
                at = word_end(bytes, at);
                last = Last::Operand;
            }
            b'.' if bytes.get(at + 1).is_some_and(u8::is_ascii_digit) => {
                at = word_end(bytes, at + 1);
                last = Last::Operand;
            }
            _ if is_word_byte(b) => {
                let end = word_end(bytes, at);
                last = Last::Word(&text[at..end]);
                at = end;
            }
            _ => {
                at += 1;
                last = Last::Operator;
            }
        }
    }
    braces.interpolations.is_empty()
}

/// How deep in `{` the lexer is, and the depths at which the template
/// interpolations being read opened.
#[derive(Default)]
struct Braces {
    depth: usize,
    interpolations: Vec<usize>,
}

impl Braces {
    /// Reads template text from `from` (after a backtick, or after the `}`
    /// closing an interpolation): where lexing goes on, and what came last.
    fn template<'t>(
        &mut self,
        text: &'t str,
        from: usize,
        each: &mut impl FnMut(StringLiteral<'t>),
    ) -> Option<(usize, Last<'t>)> {
        let piece = template_piece(text, from, each)?;
        if piece.interpolation {
            self.interpolations.push(self.depth);
            self.depth += 1;
            Some((piece.end, Last::Operator))
        } else {
            Some((piece.end, Last::Operand))
        }
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

fn word_end(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && is_word_byte(bytes[at]) {
        at += 1;
    }
    at
}

fn regex_may_start(last: Last<'_>) -> bool {
    match last {
        Last::Operator | Last::OpenParen { .. } => true,
        Last::Word(word) => BEFORE_REGEX.contains(&word),
        Last::Operand => false,
    }
}

/// A string right after `require(`, `import(`, `from` or `import` names a module.
fn is_specifier_position(last: Last<'_>) -> bool {
    match last {
        Last::OpenParen { callee } => matches!(callee, Some("require" | "import")),
        Last::Word(word) => matches!(word, "from" | "import"),
        _ => false,
    }
}

/// The end (past the closing quote) of the string opening at `start`; none
/// if a line break or the end of text comes first.
fn string_end(bytes: &[u8], start: usize, quote: u8) -> Option<usize> {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'\n' | b'\r' => return None,
            b if b == quote => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

/// The end of the regular expression opening at `start` (flags included);
/// none if the line ends first.
fn regex_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    let mut in_class = false;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'\n' | b'\r' => return None,
            b'[' => {
                in_class = true;
                at += 1;
            }
            b']' => {
                in_class = false;
                at += 1;
            }
            b'/' if !in_class => return Some(word_end(bytes, at + 1)),
            _ => at += 1,
        }
    }
    None
}

/// Where a piece of template text stopped, and how.
struct TemplatePiece {
    /// Past the closing backtick, or past the `${` that opens an interpolation.
    end: usize,
    interpolation: bool,
}

/// Reads template text from `start` up to the closing backtick or the next
/// `${`, handing the text to `each`; none if the text ends first.
fn template_piece<'t>(
    text: &'t str,
    start: usize,
    each: &mut impl FnMut(StringLiteral<'t>),
) -> Option<TemplatePiece> {
    let bytes = text.as_bytes();
    let mut at = start;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'`' => {
                each(literal(&text[start..at]));
                return Some(TemplatePiece {
                    end: at + 1,
                    interpolation: false,
                });
            }
            b'$' if bytes.get(at + 1) == Some(&b'{') => {
                each(literal(&text[start..at]));
                return Some(TemplatePiece {
                    end: at + 2,
                    interpolation: true,
                });
            }
            _ => at += 1,
        }
    }
    None
}

fn literal(raw: &str) -> StringLiteral<'_> {
    StringLiteral {
        text: decoded(raw),
        specifier: false,
    }
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
