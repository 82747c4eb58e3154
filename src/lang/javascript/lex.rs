//! A lexer for JS/TS text that needs no parse: comments, strings, templates
//! (with nested interpolations), regular expressions, words, brackets and
//! punctuators. Two readers stand on it: `string_scan` (what a file's
//! string literals say, for the project pass) and `log_slice` (which pieces
//! of a file the logging rules need parsed).
//!
//! It answers for the whole file or not at all. Text it cannot read for
//! certain (a string running into a line break, a comment or template left
//! open, a `/` that may start a regular expression holding a quote) makes
//! it give up, and the caller then falls back to what a parse would say.

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

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok {
    /// An identifier, keyword or private name (`#field`).
    Word,
    /// A numeric literal.
    Number,
    /// A string literal; `specifier` when it names a module (`require('…')`,
    /// `import(…)`, `from '…'`, `import '…'`).
    Str { specifier: bool },
    /// A piece of template text: from a backtick or an interpolation's `}`
    /// to the next `${` or closing backtick. `opens` when it starts with
    /// the template's backtick, `closes` when it ends with the closing one.
    Template { opens: bool, closes: bool },
    /// A regular expression literal.
    Regex,
    /// `<` where an operand is expected: JSX, or a TypeScript `<T>x` cast.
    AngleOperand,
    /// `?.`
    OptionalDot,
    /// `=>`
    Arrow,
    /// `=` alone: an assignment or an initialiser.
    Assign,
    /// Any other punctuator of one byte: brackets, `.`, `,`, `;`, `:`, `?`,
    /// `!`, `<`, `>`, `@`, `*`, `/`, ….
    Punct(u8),
    /// A punctuator of several bytes (`===`, `&&`, `+=`, `...`, …).
    Op,
}

/// One token: what it is and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub(super) tok: Tok,
    pub(super) start: usize,
    pub(super) end: usize,
}

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

/// The tokens of a file, lexed once for every reader of them (the route
/// hint's string literals, the logging slicer).
#[derive(Debug)]
pub struct Lexed {
    pub(super) tokens: Vec<Token>,
    /// Whether the whole text was read for certain; when not, `tokens`
    /// holds what was read before the lexer gave up.
    pub(super) complete: bool,
}

/// Lexes `text` into a [`Lexed`].
pub fn lex_all(text: &str) -> Lexed {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let complete = lex(text, |t| tokens.push(t));
    Lexed { tokens, complete }
}

/// Calls `each` with every token of `text`, in order. Returns `false` when
/// the text could not be read for certain (see the module doc); `each` may
/// have been called for part of the file then.
pub(super) fn lex(text: &str, mut each: impl FnMut(Token)) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    if text.starts_with("#!") {
        at = text.find('\n').unwrap_or(text.len());
    }
    let mut last = Last::Operator;
    let mut braces = Braces::default();
    let mut emit = |tok: Tok, start: usize, end: usize| each(Token { tok, start, end });
    while at < bytes.len() {
        let b = bytes[at];
        let start = at;
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
                    emit(Tok::Regex, start, at);
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
                    if bytes.get(at) == Some(&b'=') {
                        at += 1;
                        emit(Tok::Op, start, at);
                    } else {
                        emit(Tok::Punct(b'/'), start, at);
                    }
                    last = Last::Operator;
                }
            }
            b'\'' | b'"' => {
                let Some(end) = string_end(bytes, at, b) else {
                    return false;
                };
                let specifier = is_specifier_position(last);
                emit(Tok::Str { specifier }, start, end);
                at = end;
                last = Last::Operand;
            }
            b'`' => match braces.template(text, at + 1, true, &mut emit) {
                Some((end, after)) => (at, last) = (end, after),
                None => return false,
            },
            b'{' => {
                braces.depth += 1;
                at += 1;
                emit(Tok::Punct(b'{'), start, at);
                last = Last::Operator;
            }
            b'}' => {
                braces.depth = braces.depth.saturating_sub(1);
                if braces.interpolations.last() == Some(&braces.depth) {
                    braces.interpolations.pop();
                    match braces.template(text, at, false, &mut emit) {
                        Some((end, after)) => (at, last) = (end, after),
                        None => return false,
                    }
                } else {
                    at += 1;
                    emit(Tok::Punct(b'}'), start, at);
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
                emit(Tok::Punct(b'('), start, at);
                last = Last::OpenParen { callee };
            }
            b')' | b']' => {
                at += 1;
                emit(Tok::Punct(b), start, at);
                last = Last::Operand;
            }
            b'0'..=b'9' => {
                at = word_end(bytes, at);
                emit(Tok::Number, start, at);
                last = Last::Operand;
            }
            b'.' if bytes.get(at + 1).is_some_and(u8::is_ascii_digit) => {
                at = word_end(bytes, at + 1);
                emit(Tok::Number, start, at);
                last = Last::Operand;
            }
            b'#' if bytes.get(at + 1).copied().is_some_and(is_word_byte) => {
                at = word_end(bytes, at + 1);
                emit(Tok::Word, start, at);
                last = Last::Word(&text[start..at]);
            }
            _ if is_word_byte(b) => {
                at = word_end(bytes, at);
                emit(Tok::Word, start, at);
                last = Last::Word(&text[start..at]);
            }
            _ => {
                let (tok, len) = punctuator(bytes, at, regex_may_start(last));
                at += len;
                emit(tok, start, at);
                last = Last::Operator;
            }
        }
    }
    braces.interpolations.is_empty()
}

/// The punctuator at `at` (not a bracket, quote, `/` or word byte) and its
/// length; `operand_expected` tells a `<` that opens JSX or a cast.
fn punctuator(bytes: &[u8], at: usize, operand_expected: bool) -> (Tok, usize) {
    let b = bytes[at];
    let next = bytes.get(at + 1).copied();
    match (b, next) {
        (b'?', Some(b'.')) if !bytes.get(at + 2).is_some_and(u8::is_ascii_digit) => {
            (Tok::OptionalDot, 2)
        }
        (b'=', Some(b'>')) => (Tok::Arrow, 2),
        (b'=', Some(b'=')) => (
            Tok::Op,
            if bytes.get(at + 2) == Some(&b'=') {
                3
            } else {
                2
            },
        ),
        (b'=', _) => (Tok::Assign, 1),
        (b'!', Some(b'=')) => (
            Tok::Op,
            if bytes.get(at + 2) == Some(&b'=') {
                3
            } else {
                2
            },
        ),
        (b'<', _) if operand_expected => (Tok::AngleOperand, 1),
        (b'<' | b'>', Some(b'=')) => (Tok::Op, 2),
        (b'.', Some(b'.')) if bytes.get(at + 2) == Some(&b'.') => (Tok::Op, 3),
        (b'+' | b'-' | b'*' | b'%' | b'&' | b'|' | b'^' | b'?', _) => {
            let mut len = 1;
            if next == Some(b) {
                len += 1;
            }
            if bytes.get(at + len) == Some(&b'=') {
                len += 1;
            }
            if len == 1 {
                (Tok::Punct(b), 1)
            } else {
                (Tok::Op, len)
            }
        }
        _ => (Tok::Punct(b), 1),
    }
}

/// How deep in `{` the lexer is, and the depths at which the template
/// interpolations being read opened.
#[derive(Default)]
struct Braces {
    depth: usize,
    interpolations: Vec<usize>,
}

impl Braces {
    /// Reads a piece of template text starting at `start` (the backtick
    /// when `opens`, else the `}` closing an interpolation): where lexing
    /// goes on, and what came last.
    fn template<'t>(
        &mut self,
        text: &'t str,
        start: usize,
        opens: bool,
        emit: &mut impl FnMut(Tok, usize, usize),
    ) -> Option<(usize, Last<'t>)> {
        let (from, token_start) = if opens {
            (start, start - 1)
        } else {
            (start + 1, start)
        };
        let piece = template_piece(text.as_bytes(), from)?;
        emit(
            Tok::Template {
                opens,
                closes: !piece.interpolation,
            },
            token_start,
            piece.end,
        );
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
/// `${`; none if the text ends first.
fn template_piece(bytes: &[u8], start: usize) -> Option<TemplatePiece> {
    let mut at = start;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'`' => {
                return Some(TemplatePiece {
                    end: at + 1,
                    interpolation: false,
                })
            }
            b'$' if bytes.get(at + 1) == Some(&b'{') => {
                return Some(TemplatePiece {
                    end: at + 2,
                    interpolation: true,
                })
            }
            _ => at += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Option<Vec<(Tok, &str)>> {
        let mut out = Vec::new();
        lex(text, |t| out.push((t.tok, &text[t.start..t.end]))).then_some(out)
    }

    #[test]
    fn punctuators_that_matter_to_callers_stand_alone() {
        let got = kinds("a?.b(c) => d = e === f; g ?? h; ...i; x!.y; <T>z").unwrap();
        let toks: Vec<Tok> = got.iter().map(|(t, _)| *t).collect();
        assert!(toks.contains(&Tok::OptionalDot));
        assert!(toks.contains(&Tok::Arrow));
        assert_eq!(got.iter().filter(|(t, _)| *t == Tok::Assign).count(), 1);
        assert!(got.contains(&(Tok::Op, "===")));
        assert!(got.contains(&(Tok::Op, "??")));
        assert!(got.contains(&(Tok::Op, "...")));
        assert!(got.contains(&(Tok::Punct(b'!'), "!")));
        assert!(got.contains(&(Tok::AngleOperand, "<")));
        // `a < b` compares: an operand came before it.
        assert!(!kinds("a < b")
            .unwrap()
            .iter()
            .any(|(t, _)| *t == Tok::AngleOperand));
    }

    #[test]
    fn template_pieces_carry_their_ends() {
        let got = kinds("x = `a${ f('in') }b`;").unwrap();
        assert_eq!(
            got[2],
            (
                Tok::Template {
                    opens: true,
                    closes: false
                },
                "`a${"
            )
        );
        assert_eq!(
            got[7],
            (
                Tok::Template {
                    opens: false,
                    closes: true
                },
                "}b`"
            )
        );
        assert_eq!(got[4], (Tok::Punct(b'('), "("));
    }
}
