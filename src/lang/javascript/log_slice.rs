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
    let mut partner = vec![usize::MAX; tokens.len()];
    let mut open: Vec<(usize, u8)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        match t.tok {
            Tok::Punct(b @ (b'(' | b'[' | b'{')) => open.push((i, b)),
            Tok::Punct(b @ (b')' | b']' | b'}')) => {
                let (o, opener) = open.pop()?;
                let pairs = matches!((opener, b), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                if !pairs {
                    return None;
                }
                partner[o] = i;
                partner[i] = o;
            }
            _ => {}
        }
    }
    open.is_empty().then_some(partner)
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

    /// Import statements and `require` declarations, as token ranges; the
    /// names they bind become notable when the text holds a logger's or a
    /// factory's word (resolution may rewrite a callee into a logger), and
    /// carrying when it holds a sensitive name's (a called name may
    /// resolve to one).
    fn imports<'s>(
        &'s self,
        pieces: &mut Vec<Range<usize>>,
        notable: &mut WordSet<&'s str>,
        carrying: &mut WordSet<&'s str>,
    ) -> Option<()> {
        for i in 0..self.tokens.len() {
            match self.word(i) {
                Some("import") if !self.after_dot(i) => {
                    let next = self.tokens.get(i + 1)?;
                    if matches!(next.tok, Tok::Punct(b'(' | b'.')) {
                        continue; // `import('m')`, `import.meta`
                    }
                    let end = self.import_end(i)?;
                    self.note_names(i..end + 1, notable, carrying);
                    pieces.push(i..end + 1);
                }
                Some("require") if self.is(i + 1, b'(') && !self.after_dot(i) => {
                    let Some(piece) = self.require_declaration(i)? else {
                        continue;
                    };
                    self.note_names(piece.clone(), notable, carrying);
                    pieces.push(piece);
                }
                _ => {}
            }
        }
        Some(())
    }

    /// The last token of the import statement starting at token `i`.
    fn import_end(&self, i: usize) -> Option<usize> {
        let mut j = i + 1;
        loop {
            let t = self.tokens.get(j)?;
            match t.tok {
                Tok::Str { specifier: true } => break,
                Tok::Punct(b';') => return None,
                _ => j += 1,
            }
        }
        // `import x = require('m')`
        if self.is(j + 1, b')') {
            j += 1;
        }
        if matches!(self.word(j + 1), Some("assert" | "with")) {
            return None;
        }
        Some(j)
    }

    /// The tokens of `const x = require('m')…` around the `require` at `i`:
    /// `Some(None)` when the call binds no alias, `None` when unsure.
    fn require_declaration(&self, i: usize) -> Option<Option<Range<usize>>> {
        if i == 0 || self.tokens[i - 1].tok != Tok::Assign {
            return Some(None);
        }
        let end = self.chain_end(i)?;
        let target_end = i.checked_sub(2)?;
        let target = match self.tokens[target_end].tok {
            Tok::Punct(b'}' | b']') => self.partner[target_end],
            Tok::Word => target_end,
            _ => return None,
        };
        let Some(before) = target.checked_sub(1) else {
            return Some(None);
        };
        let start = match self.tokens[before].tok {
            Tok::Word if matches!(self.word(before), Some("const" | "let" | "var")) => before,
            Tok::Punct(b',') => self.declaration_start(before)?,
            Tok::Punct(b':') => return None,
            // An assignment (`x = require('m')`) binds no alias.
            _ => return Some(None),
        };
        self.ends_expression(end)?;
        Some(Some(start..end + 1))
    }

    /// The `const`/`let`/`var` of the declaration a `,` at `comma` sits in.
    fn declaration_start(&self, comma: usize) -> Option<usize> {
        let mut j = comma;
        while j > 0 {
            j -= 1;
            match self.tokens[j].tok {
                Tok::Punct(b')' | b']' | b'}') => j = self.partner[j],
                Tok::Punct(b'(' | b'[' | b'{' | b';') => return None,
                Tok::Word if matches!(self.word(j), Some("const" | "let" | "var")) => {
                    return Some(j)
                }
                _ => {}
            }
        }
        None
    }

    /// Marks the names among `range`'s tokens notable when its text holds a
    /// logger's or a factory's word, and carrying when it holds a
    /// sensitive name's.
    fn note_names<'s>(
        &'s self,
        range: Range<usize>,
        notable: &mut WordSet<&'s str>,
        carrying: &mut WordSet<&'s str>,
    ) {
        let (from, to) = (
            self.tokens[range.start].start,
            self.tokens[range.end - 1].end,
        );
        let text = &self.text[from..to];
        let lower = text.to_ascii_lowercase();
        let words = self.words;
        let holds = |w: &String| lower.contains(&w.to_ascii_lowercase());
        let logs = words.callees().any(holds) || words.factories().iter().any(holds);
        let sensitive = self.sensitive_in(from, to);
        if logs || sensitive {
            for j in range {
                match self.word(j) {
                    Some("require" | "from" | "type") | None => {}
                    Some(_) if self.is_keyword(j) => {}
                    Some(w) => {
                        if logs {
                            notable.insert(w);
                        }
                        if sensitive {
                            carrying.insert(w);
                        }
                    }
                }
            }
        }
    }

    /// The bindings of a logger factory's result, as token ranges with the
    /// names they bind (the logging rules take calls through those names
    /// for logging calls).
    fn factory_bindings<'s>(
        &'s self,
        notable: &WordSet<&str>,
        bindings: &mut Vec<(Range<usize>, Vec<&'s str>)>,
    ) -> Option<()> {
        for i in 0..self.tokens.len() {
            let Some(word) = self.word(i) else { continue };
            let factory = self.words.factories().iter().any(|f| f == word)
                || (!notable.is_empty() && notable.contains(word) && !self.after_dot(i));
            if !factory {
                continue;
            }
            // The chain the word is part of, and whether it is a call.
            let mut start = i;
            while self.after_dot(start) {
                if start < 2 || self.tokens[start - 2].tok != Tok::Word {
                    return None; // through a call or an index: more than the lexer reads
                }
                start -= 2;
            }
            let end = self.chain_end(i)?;
            let newed = start >= 1 && self.word(start - 1) == Some("new");
            let called = (i + 1..=end).any(|j| self.is(j, b'('));
            if !called && !newed {
                continue;
            }
            let mut before = if newed { start - 1 } else { start };
            if before >= 1 && self.word(before - 1) == Some("await") {
                before -= 1;
            }
            let Some(prev) = before.checked_sub(1) else {
                continue;
            };
            match self.tokens[prev].tok {
                Tok::Assign => {
                    let (piece_start, mut names) = self.assignment_target(prev)?;
                    self.ends_expression(end)?;
                    names.retain(|w| *w != "this");
                    bindings.push((piece_start..end + 1, names));
                }
                Tok::Punct(b':' | b'?') => return None,
                Tok::Punct(b'(') if !self.is_call_paren(prev) => return None,
                _ => {}
            }
        }
        Some(())
    }

    /// Whether the `(` at `i` opens a call's arguments rather than grouping.
    fn is_call_paren(&self, i: usize) -> bool {
        i >= 1
            && match self.tokens[i - 1].tok {
                Tok::Word => !self.is_keyword(i - 1) || self.after_dot(i - 1),
                Tok::Punct(b')' | b']') | Tok::OptionalDot => true,
                _ => false,
            }
    }

    /// The first token of the piece for the assignment whose `=` is at
    /// `assign` (its `const`/`let`/`var` included), and the target's words.
    fn assignment_target(&self, assign: usize) -> Option<(usize, Vec<&str>)> {
        let mut j = assign.checked_sub(1)?;
        let mut names = Vec::new();
        loop {
            match self.tokens[j].tok {
                Tok::Word if !self.is_keyword(j) || self.word(j) == Some("this") => {
                    names.push(self.word(j)?);
                    if j >= 2
                        && matches!(self.tokens[j - 1].tok, Tok::Punct(b'.') | Tok::OptionalDot)
                    {
                        j -= 2;
                    } else {
                        break;
                    }
                }
                _ => return None,
            }
        }
        if j >= 1 {
            match self.tokens[j - 1].tok {
                Tok::Word if matches!(self.word(j - 1), Some("const" | "let" | "var")) => {
                    return Some((j - 1, names))
                }
                Tok::Punct(b':' | b'?' | b'.') | Tok::OptionalDot => return None,
                _ => {}
            }
        }
        Some((j, names))
    }

    /// The last token of the member/call chain whose token `i` is part of.
    fn chain_end(&self, mut i: usize) -> Option<usize> {
        loop {
            let Some(next) = self.tokens.get(i + 1) else {
                return Some(i);
            };
            match next.tok {
                Tok::Punct(b'.') | Tok::OptionalDot if self.tokens.get(i + 2)?.tok == Tok::Word => {
                    i += 2
                }
                Tok::OptionalDot if self.is(i + 2, b'(') || self.is(i + 2, b'[') => {
                    i = self.partner[i + 2]
                }
                Tok::Punct(b'(' | b'[') => i = self.partner[i + 1],
                Tok::Punct(b'!') if next.start == self.tokens[i].end && self.typescript => i += 1,
                Tok::Template { opens: true, .. } => return None,
                Tok::Punct(b'<') if self.typescript => match self.type_arguments_end(i + 1) {
                    Some(gt) if self.is(gt + 1, b'(') => i = gt,
                    Some(_) => return Some(i),
                    None => return None,
                },
                _ => return Some(i),
            }
        }
    }

    /// Whether the expression whose last token is `end` ends there: what
    /// follows cannot go on with it. `None` when it may.
    fn ends_expression(&self, end: usize) -> Option<()> {
        let Some(next) = self.tokens.get(end + 1) else {
            return Some(());
        };
        if matches!(next.tok, Tok::Punct(b';' | b',' | b')' | b']' | b'}')) {
            return Some(());
        }
        let new_line = self.text[self.tokens[end].end..next.start].contains('\n');
        let starts_statement = match next.tok {
            Tok::Word => !self.word(end + 1).is_some_and(|w| CONTINUING.contains(&w)),
            Tok::Str { .. } | Tok::Number | Tok::Punct(b'{' | b'@') => true,
            _ => false,
        };
        (new_line && starts_statement).then_some(())
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

    /// Whether a call's arguments, tokens `open..=close`, may carry a
    /// sensitive name: the rules may judge one of their names sensitive,
    /// or they call a carrying name (resolution rewrites callees, and the
    /// rules judge a getter's callee by its name).
    fn telling(&self, open: usize, close: usize, names: &Names<'_>) -> bool {
        let carrying = names.carrying;
        let calls_carrying =
            |j: usize| self.word(j).is_some_and(|w| carrying.contains(w)) && self.is(j + 1, b'(');
        (self.sensitive_in(self.tokens[open].start, self.tokens[close].end)
            && self.may_be_judged_sensitive(open, close, names.imported))
            || (!carrying.is_empty() && (open + 1..close).any(calls_carrying))
    }

    /// Whether the rules may judge some name among the arguments, tokens
    /// `open..=close`, sensitive (see [`ArgumentJudge`]): a word that may
    /// end a path (no member but a transparent one follows it) or be an
    /// object key, or a string, outside the arguments of any nested call
    /// the rules do not look into. Template interpolations are taken
    /// whole.
    fn may_be_judged_sensitive(&self, open: usize, close: usize, imported: &WordSet<&str>) -> bool {
        let Some(judge) = self.words.judge() else {
            return true;
        };
        let mut templates = 0usize;
        let mut j = open + 1;
        while j < close {
            let t = self.tokens[j];
            match t.tok {
                Tok::Template { opens, closes } => {
                    templates = templates.saturating_sub(usize::from(closes)) + usize::from(opens);
                }
                Tok::Punct(b'(') if templates == 0 && self.opaque_call(j, judge, imported) => {
                    j = self.partner[j];
                }
                Tok::Word
                    if self.may_end_path(j, judge)
                        && judge.may_flag(&self.text[t.start..t.end]) =>
                {
                    return true;
                }
                Tok::Str { .. }
                    if t.end - t.start >= 2
                        && judge.may_flag(&self.text[t.start + 1..t.end - 1]) =>
                {
                    return true;
                }
                _ => {}
            }
            j += 1;
        }
        false
    }

    /// Whether the `(` at `open` calls something whose arguments the rules
    /// never look into (`mask(email)`, `Object.keys(body)`); an imported
    /// name may stand for a serialiser (`import { inspect as i }`).
    fn opaque_call(&self, open: usize, judge: &ArgumentJudge, imported: &WordSet<&str>) -> bool {
        match open.checked_sub(1).and_then(|p| self.word(p)) {
            Some(callee) => {
                !self.is_keyword(open - 1) && !judge.opens(callee) && !imported.contains(callee)
            }
            None => false,
        }
    }

    /// Whether the word at `i` may be the last meaningful segment of a
    /// path: no member follows it, or only a transparent one.
    fn may_end_path(&self, i: usize, judge: &ArgumentJudge) -> bool {
        let dot = matches!(
            self.tokens.get(i + 1).map(|t| t.tok),
            Some(Tok::Punct(b'.') | Tok::OptionalDot)
        );
        match self.word(i + 2) {
            Some(member) if dot => judge.is_transparent(member),
            _ => true,
        }
    }

    /// Whether `text[from..to]` holds every word of some sensitive set.
    fn sensitive_in(&self, from: usize, to: usize) -> bool {
        self.words.holds_sensitive(&self.text[from..to])
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
