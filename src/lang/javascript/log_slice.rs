//! The pieces of a JS/TS file that the logging rules need parsed, found
//! with the `lex` lexer instead of a parse.
//!
//! A logging finding is a sensitive name in the arguments of a logging
//! call. So where only the logging rules want a file parsed, the parser
//! need not read the rest of it: it reads the calls that may log
//! (their callee holds a logger's word, or a name bound to a logger) and
//! whose argument text holds a sensitive name, together with everything
//! that decides how those calls read: the import statements and `require`
//! declarations (aliases rewrite callees) and the bindings of a logger
//! factory's result (`const debug = util.debuglog('auth')`). Each piece is
//! parsed where it stands, through tree-sitter's included ranges, so every
//! fact keeps its offsets.
//!
//! The pieces must read in isolation as they read in the file. Wherever
//! the lexer cannot be sure of that (JSX, a call that may be a method
//! definition, a binding whose value runs on past the call, a tagged
//! template), it gives up and the whole file is parsed, as it was before.
//! A file with no such call needs no parse at all.

mod bindings;
mod judged;

use std::ops::Range;

use super::lex::{lex_all, Lexed, Tok, Token};
use crate::lang::log_words::{ArgumentJudge, LogWords, WordSet};

/// What the logging rules need parsed of a file.
#[derive(Debug, PartialEq, Eq)]
pub enum LogSlice {
    /// Nothing: no call that may log has a sensitive name in its arguments.
    Nothing,
    /// These byte ranges, in order, none touching the next; the byte right
    /// after each (or the end of text) is where a `;` is put to end it.
    Pieces(Vec<Range<usize>>),
}

/// The pieces of `text` the logging rules need parsed; `None` when the
/// lexer cannot be sure and the whole file must be parsed. `typescript`
/// says whether `<` may open type arguments.
pub fn log_slice(text: &str, words: &LogWords, typescript: bool) -> Option<LogSlice> {
    log_slice_lexed(text, &lex_all(text), words, typescript)
}

/// [`log_slice`] over tokens already lexed from `text`.
pub fn log_slice_lexed(
    text: &str,
    lexed: &Lexed,
    words: &LogWords,
    typescript: bool,
) -> Option<LogSlice> {
    let tokens = &lexed.tokens;
    if !lexed.complete || tokens.iter().any(|t| t.tok == Tok::AngleOperand) {
        return None;
    }
    let partner = partners(tokens)?;
    let file = File {
        text,
        tokens,
        partner: &partner,
        words,
        typescript,
    };
    file.slice()
}

/// Each bracket token's partner; `None` when brackets do not pair up.
fn partners(tokens: &[Token]) -> Option<Vec<usize>> {
    crate::lang::brackets::partners(tokens.iter().map(|t| match t.tok {
        Tok::Punct(b) => Some(b),
        _ => None,
    }))
}

/// Words that are no callee, however they are followed.
fn is_keyword_word(word: &str) -> bool {
    matches!(
        word,
        "if" | "for"
            | "while"
            | "switch"
            | "catch"
            | "with"
            | "return"
            | "typeof"
            | "void"
            | "delete"
            | "await"
            | "yield"
            | "in"
            | "of"
            | "instanceof"
            | "new"
            | "case"
            | "do"
            | "else"
            | "throw"
            | "function"
            | "class"
            | "extends"
            | "import"
            | "export"
            | "const"
            | "let"
            | "var"
            | "as"
            | "satisfies"
            | "keyof"
    )
}

/// Words after which an expression ending a line may go on (`a = b()\n in c`).
const CONTINUING: &[&str] = &["in", "of", "instanceof", "as", "satisfies"];

/// The names a file's imports and factory bindings make worth noting.
struct Names<'s> {
    /// Bound by an import whose text holds a logger's or a factory's word:
    /// a callee starting with one may log.
    notable: &'s WordSet<&'s str>,
    /// Bound by an import whose text holds a sensitive word: resolution
    /// may turn a call of one into a call the rules judge sensitive.
    carrying: &'s WordSet<&'s str>,
    /// Every word of every import: a call through one may be a serialiser.
    imported: &'s WordSet<&'s str>,
    /// Bound to a logger factory's result.
    bound: &'s WordSet<&'s str>,
}

/// Where a walk back from a call's arguments ended.
enum Walk {
    /// The first token of the callee.
    Start(usize),
    /// What precedes the brackets is no callee (a keyword, an operator).
    NotCallee,
    /// The lexer cannot tell.
    Unsure,
}

/// A JS/TS file as the slicer reads it: its text, tokens, each bracket
/// token's partner, and the logging rules' words.
struct File<'a> {
    text: &'a str,
    tokens: &'a [Token],
    partner: &'a [usize],
    words: &'a LogWords,
    typescript: bool,
}

impl File<'_> {
    fn slice(&self) -> Option<LogSlice> {
        let mut imports: Vec<Range<usize>> = Vec::new();
        let mut notable: WordSet<&str> = WordSet::default();
        let mut carrying: WordSet<&str> = WordSet::default();
        self.imports(&mut imports, &mut notable, &mut carrying)?;
        let imported: WordSet<&str> = imports
            .iter()
            .flat_map(|piece| piece.clone().filter_map(|j| self.word(j)))
            .collect();
        let mut bindings: Vec<(Range<usize>, Vec<&str>)> = Vec::new();
        self.factory_bindings(&notable, &mut bindings)?;
        let bound: WordSet<&str> = bindings
            .iter()
            .flat_map(|(_, names)| names.iter().copied())
            .collect();
        let mut pieces = Vec::new();
        for (i, t) in self.tokens.iter().enumerate() {
            match t.tok {
                Tok::Punct(b'(') => {
                    let names = Names {
                        notable: &notable,
                        carrying: &carrying,
                        imported: &imported,
                        bound: &bound,
                    };
                    if let Some(piece) = self.logging_call(i, &names)? {
                        pieces.push(piece);
                    }
                }
                Tok::Template { opens: true, .. } => self.tagged_template(i, &notable, &bound)?,
                _ => {}
            }
        }
        if pieces.is_empty() {
            return Some(LogSlice::Nothing);
        }
        // The bindings and imports that name what the calls use (imports
        // may rewrite a callee's first name), and no others.
        let mut used: WordSet<&str> = WordSet::default();
        let words_of = |piece: &Range<usize>| piece.clone().filter_map(|j| self.word(j));
        for piece in &pieces {
            used.extend(words_of(piece));
        }
        for (piece, names) in &bindings {
            if names.iter().any(|n| used.contains(n)) {
                used.extend(words_of(piece));
                pieces.push(piece.clone());
            }
        }
        for piece in imports {
            if words_of(&piece).any(|w| used.contains(w)) {
                pieces.push(piece);
            }
        }
        let mut bytes: Vec<Range<usize>> = pieces
            .iter()
            .map(|p| self.tokens[p.start].start..self.tokens[p.end - 1].end)
            .collect();
        bytes.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for piece in bytes {
            match merged.last_mut() {
                Some(last) if piece.start <= last.end => last.end = last.end.max(piece.end),
                _ => merged.push(piece),
            }
        }
        // The `;` that ends a piece replaces the byte after it.
        let text = self.text.as_bytes();
        if merged
            .iter()
            .any(|r| text.get(r.end).is_some_and(|b| !b.is_ascii()))
        {
            return None;
        }
        Some(LogSlice::Pieces(merged))
    }

    fn word(&self, i: usize) -> Option<&str> {
        let t = self.tokens.get(i)?;
        (t.tok == Tok::Word).then(|| &self.text[t.start..t.end])
    }

    fn is(&self, i: usize, b: u8) -> bool {
        self.tokens.get(i).is_some_and(|t| t.tok == Tok::Punct(b))
    }

    /// Whether token `i` is a word that cannot be a callee or an object.
    fn is_keyword(&self, i: usize) -> bool {
        self.word(i).is_some_and(is_keyword_word)
    }

    /// Whether token `i` follows a `.` or `?.` (a property name).
    fn after_dot(&self, i: usize) -> bool {
        i > 0 && matches!(self.tokens[i - 1].tok, Tok::Punct(b'.') | Tok::OptionalDot)
    }

    /// The tokens of a call whose arguments open at token `open`, if it
    /// may log a sensitive name; `None` when unsure.
    fn logging_call(&self, open: usize, names: &Names<'_>) -> Option<Option<Range<usize>>> {
        let close = self.partner[open];
        let Some(before) = open.checked_sub(1) else {
            return Some(None);
        };
        let mut chain_words = Vec::new();
        let start = match self.callee_start(before, &mut chain_words) {
            Walk::Start(start) => start,
            Walk::NotCallee => return Some(None),
            Walk::Unsure if self.telling(open, close, names) => return None,
            Walk::Unsure => return Some(None),
        };
        let may_log = chain_words
            .iter()
            .any(|w| self.words.is_callee(w) || names.bound.contains(w))
            || self.word(start).is_some_and(|w| names.notable.contains(w));
        if !may_log || !self.telling(open, close, names) {
            return Some(None);
        }
        // A definition (`debug(token) {`, `info(user): void`, `(x) =>`)
        // rather than a call?
        if let Some(next) = self.tokens.get(close + 1) {
            let same_line = !self.text[self.tokens[close].end..next.start].contains('\n');
            match next.tok {
                Tok::Arrow => return Some(None),
                Tok::Punct(b'{') if same_line => return Some(None),
                Tok::Punct(b'{') => return None,
                Tok::Punct(b':') if !self.in_conditional(start) => return Some(None),
                _ => {}
            }
        }
        let first = match start.checked_sub(1) {
            Some(prev) if self.word(prev) == Some("function") => return Some(None),
            Some(prev)
                if self.is(prev, b'*') && prev >= 1 && self.word(prev - 1) == Some("function") =>
            {
                return Some(None)
            }
            Some(prev) if self.word(prev) == Some("new") => prev,
            _ => start,
        };
        Some(Some(first..close + 1))
    }

    /// A tagged template (`` log`…` ``) that may log a sensitive name is
    /// more than the lexer will slice: `None` then.
    fn tagged_template(
        &self,
        open: usize,
        notable: &WordSet<&str>,
        bound: &WordSet<&str>,
    ) -> Option<()> {
        let Some(before) = open.checked_sub(1) else {
            return Some(());
        };
        if !matches!(self.tokens[before].tok, Tok::Word | Tok::Punct(b')' | b']')) {
            return Some(());
        }
        let mut chain_words = Vec::new();
        let start = match self.callee_start(before, &mut chain_words) {
            Walk::Start(start) => start,
            Walk::NotCallee => return Some(()),
            Walk::Unsure => return None,
        };
        let may_log = chain_words
            .iter()
            .any(|w| self.words.is_callee(w) || bound.contains(w))
            || self.word(start).is_some_and(|w| notable.contains(w));
        if may_log {
            return None;
        }
        Some(())
    }

    /// Walks back over a callee from its last token `last`, collecting its
    /// words (not those inside its own calls' arguments).
    fn callee_start<'s>(&'s self, last: usize, words: &mut Vec<&'s str>) -> Walk {
        // What directly precedes the arguments decides whether this is a call.
        match self.tokens[last].tok {
            Tok::Word if self.is_keyword(last) && !self.after_dot(last) => return Walk::NotCallee,
            Tok::Word | Tok::Punct(b')' | b']') | Tok::OptionalDot => {}
            Tok::Punct(b'!') if self.non_null(last) => {}
            Tok::Punct(b'>') if self.typescript => {}
            Tok::Template { .. } => return Walk::Unsure,
            _ => return Walk::NotCallee,
        }
        let mut i = last;
        for _ in 0..4096 {
            match self.tokens[i].tok {
                Tok::Word => {
                    if self.is_keyword(i) && !self.after_dot(i) {
                        return Walk::Unsure;
                    }
                    words.push(&self.text[self.tokens[i].start..self.tokens[i].end]);
                    if self.after_dot(i) && i >= 2 {
                        i -= 2;
                    } else if self.after_dot(i) {
                        return Walk::Unsure;
                    } else {
                        return Walk::Start(i);
                    }
                }
                Tok::Punct(b')' | b']') => {
                    let open = self.partner[i];
                    let Some(prev) = open.checked_sub(1) else {
                        return Walk::Start(open);
                    };
                    match self.tokens[prev].tok {
                        Tok::Word if !self.is_keyword(prev) || self.after_dot(prev) => i = prev,
                        Tok::Punct(b')' | b']') | Tok::OptionalDot => i = prev,
                        Tok::Punct(b'!') if self.non_null(prev) => i = prev,
                        Tok::Punct(b'>') if self.typescript => i = prev,
                        Tok::Template { .. } => return Walk::Unsure,
                        _ => return Walk::Start(open),
                    }
                }
                Tok::OptionalDot => match i.checked_sub(1) {
                    Some(prev) => i = prev,
                    None => return Walk::Unsure,
                },
                Tok::Punct(b'!') if self.non_null(i) => i -= 1,
                Tok::Str { .. } | Tok::Number | Tok::Regex => return Walk::Start(i),
                Tok::Punct(b'>') => match self.type_arguments_start(i) {
                    Some(lt) if lt >= 1 => i = lt - 1,
                    _ => return Walk::Unsure,
                },
                _ => return Walk::Unsure,
            }
        }
        Walk::Unsure
    }

    /// Whether the `!` at `i` is TypeScript's non-null assertion (`a!.b`,
    /// `f!(x)`): right after an operand, with no space.
    fn non_null(&self, i: usize) -> bool {
        self.typescript
            && i >= 1
            && self.tokens[i - 1].end == self.tokens[i].start
            && matches!(self.tokens[i - 1].tok, Tok::Word | Tok::Punct(b')' | b']'))
    }

    /// The `<` opening the type arguments that the `>` at `gt` closes.
    fn type_arguments_start(&self, gt: usize) -> Option<usize> {
        let mut depth = 0usize;
        let mut j = gt;
        for _ in 0..256 {
            match self.tokens[j].tok {
                Tok::Punct(b'>') => depth += 1,
                Tok::Punct(b'<') => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(j);
                    }
                }
                Tok::Punct(b')' | b']' | b'}') => j = self.partner[j],
                t if is_type_token(t) => {}
                _ => return None,
            }
            j = j.checked_sub(1)?;
        }
        None
    }

    /// The `>` closing the type arguments that the `<` at `lt` opens; `None`
    /// when what follows is no type (a comparison, say).
    fn type_arguments_end(&self, lt: usize) -> Option<usize> {
        let mut depth = 0usize;
        let mut j = lt;
        for _ in 0..256 {
            match self.tokens.get(j)?.tok {
                Tok::Punct(b'<') => depth += 1,
                Tok::Punct(b'>') => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(j);
                    }
                }
                Tok::Punct(b'(' | b'[' | b'{') => j = self.partner[j],
                t if is_type_token(t) => {}
                _ => return None,
            }
            j += 1;
        }
        None
    }

    /// Whether token `start` sits in the branch of a `?:` conditional, so a
    /// `:` after its call ends the branch (rather than starting a type).
    fn in_conditional(&self, start: usize) -> bool {
        let mut balance = 0isize;
        let mut j = start;
        while j > 0 {
            j -= 1;
            match self.tokens[j].tok {
                Tok::Punct(b')' | b']' | b'}') => j = self.partner[j],
                Tok::Punct(b'(' | b'[' | b'{' | b';') => break,
                Tok::Punct(b'?') => balance += 1,
                Tok::Punct(b':') => balance -= 1,
                _ => {}
            }
        }
        balance > 0
    }
}

/// Whether a token may stand inside type arguments (brackets aside).
fn is_type_token(tok: Tok) -> bool {
    matches!(
        tok,
        Tok::Word
            | Tok::Str { .. }
            | Tok::Number
            | Tok::Arrow
            | Tok::Punct(b'.' | b',' | b'|' | b'&' | b'?' | b':' | b';')
    )
}

#[cfg(test)]
mod tests;
