//! The parts of a Rust file that the logging rules need parsed, found with a
//! lexer instead of a `syn` parse.
//!
//! A logging finding is a sensitive name in the arguments of a logging call
//! (`info!(…)`, `tracing::warn!(…)`, `self.log.error(…)`). Where only the
//! logging rules want a file parsed, `syn` need not read the rest of it. The
//! slicer keeps the calls and macro invocations that may log (a word of
//! their callee is a logger's word, or a name a `use` item ties to one) and
//! whose text holds a sensitive name, and the `use` items that resolve bare
//! callees. Everything else is blanked with spaces, newlines kept, so every
//! byte and every line and column stays where it was; the kept calls become
//! statements of one function written into blanked space (`fn f(){`, a `;`
//! after each call, a closing `}`), which `syn` parses like any file.
//!
//! A macro invocation is kept or blanked whole: how the front end reads its
//! body (arguments, items, or not at all) then does not change. Where the
//! lexer cannot be sure a piece reads alone as it reads in the file (a text
//! left open, brackets that do not pair, a receiver it cannot bound, a bare
//! callee a nested `use` may rename, a logger factory), it gives up and the
//! whole file is parsed; so does a sliced text that `syn` rejects.

mod mask;
mod tokens;

use std::ops::Range;

use crate::lang::log_words::{ArgumentJudge, LogWords, WordSet};
use mask::mask;
use tokens::{lex, partners, Tok, Token};

/// What the logging rules need parsed of a Rust file.
#[derive(Debug, PartialEq, Eq)]
pub enum RustLogSlice {
    /// Nothing: no call that may log has a sensitive name in it.
    Nothing,
    /// The file with everything but the kept pieces blanked, as long as the
    /// file, and wrapped to parse (see the module documentation).
    Masked(String),
}

/// The parts of `text` the logging rules need parsed; `None` when the lexer
/// cannot be sure and the whole file must be parsed.
pub fn rust_log_slice(text: &str, words: &LogWords) -> Option<RustLogSlice> {
    let tokens = lex(text)?;
    let partner = partners(&tokens)?;
    let file = File {
        text,
        tokens: &tokens,
        partner: &partner,
        words,
    };
    // A name bound to a factory's result (`let debug = pino()`) would make
    // its calls loggers; the slicer does not follow bindings.
    if (0..tokens.len()).any(|i| file.word(i).is_some_and(|w| words.is_factory(w))) {
        return None;
    }
    let uses = file.use_items();
    let calls = file.calls(&uses)?;
    if calls.is_empty() {
        return Some(RustLogSlice::Nothing);
    }
    mask(text, &uses.kept, &calls).map(RustLogSlice::Masked)
}

/// Every `use` item outside macro bodies and attributes, sorted into those
/// the front end reads before any call (at the top level or in modules),
/// which are kept, and the names bound by the others, which may rename a
/// bare callee after some calls were read.
struct UseItems {
    kept: Vec<Range<usize>>,
    /// Names bound or mentioned by any use item; with a logger's word among
    /// them, a callee starting with one of them may log.
    notable: WordSet<String>,
    /// Words of the use items nested elsewhere (in functions, blocks,
    /// macro bodies).
    nested: WordSet<String>,
    /// Every word of every use item: a bare callee among them may resolve
    /// to a serialiser or to a getter the rules judge by its name.
    imported: WordSet<String>,
}

/// Words that are never a callee segment (`self`, `Self`, `crate` and
/// `super` are path segments and stay out of this list).
fn is_keyword_word(word: &str) -> bool {
    matches!(
        word,
        "as" | "async"
            | "await"
            | "box"
            | "break"
            | "const"
            | "continue"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "type"
            | "union"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "yield"
    )
}

/// How a walk back from a call's `(` over its callee ended.
enum Walk {
    /// At this token: the callee chain starts here.
    Start(usize),
    /// Somewhere the lexer cannot bound (`match x { … }.info(…)`).
    Unsure,
}

/// A Rust file as the slicer reads it: its text, tokens, each bracket
/// token's partner, and the logging rules' words.
struct File<'a> {
    text: &'a str,
    tokens: &'a [Token],
    partner: &'a [usize],
    words: &'a LogWords,
}

impl File<'_> {
    fn word(&self, i: usize) -> Option<&str> {
        let t = self.tokens.get(i)?;
        (t.tok == Tok::Word).then(|| &self.text[t.start..t.end])
    }

    fn is(&self, i: usize, byte: u8) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.tok == Tok::Punct(byte))
    }

    fn is_open(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| matches!(t.tok, Tok::Punct(b'(' | b'[' | b'{')))
    }

    /// Whether tokens `i` and `i + 1` are a `::`.
    fn is_path_sep(&self, i: usize) -> bool {
        self.is(i, b':') && self.is(i + 1, b':') && self.tokens[i].end == self.tokens[i + 1].start
    }

    fn is_keyword(word: &str) -> bool {
        is_keyword_word(word)
    }

    /// Past an attribute (`#[…]`, `#![…]`) starting at `i`, if one does.
    fn attribute_end(&self, i: usize) -> Option<usize> {
        if !self.is(i, b'#') {
            return None;
        }
        let open = if self.is(i + 1, b'!') { i + 2 } else { i + 1 };
        self.is(open, b'[').then(|| self.partner[open] + 1)
    }

    /// The body of a macro invocation whose path ends at `i` (`info!(…)`,
    /// `macro_rules! name { … }`), as its brackets' indices.
    fn macro_body(&self, i: usize) -> Option<(usize, usize)> {
        let word = self.word(i)?;
        if Self::is_keyword(word) || !self.is(i + 1, b'!') {
            return None;
        }
        let open = if word == "macro_rules" && self.word(i + 2).is_some() {
            i + 3
        } else {
            i + 2
        };
        self.is_open(open).then(|| (open, self.partner[open]))
    }

    /// The `use` items of the file (see [`UseItems`]).
    fn use_items(&self) -> UseItems {
        let mut items = UseItems {
            kept: Vec::new(),
            notable: WordSet::default(),
            nested: WordSet::default(),
            imported: WordSet::default(),
        };
        // Per open bracket, whether it is a module's body.
        let mut enclosing: Vec<bool> = Vec::new();
        // Macro bodies and attributes end here: past them nothing is certain.
        let mut opaque_until = 0;
        let mut i = 0;
        while i < self.tokens.len() {
            if i >= opaque_until {
                if let Some(end) = self.attribute_end(i) {
                    opaque_until = end;
                } else if let Some((_, close)) = self.macro_body(i) {
                    opaque_until = close + 1;
                }
            }
            match self.tokens[i].tok {
                Tok::Punct(b'(' | b'[' | b'{') => {
                    let module = self.is(i, b'{')
                        && i >= 2
                        && self.word(i - 2) == Some("mod")
                        && self.word(i - 1).is_some();
                    enclosing.push(module);
                }
                Tok::Punct(b')' | b']' | b'}') => {
                    enclosing.pop();
                }
                Tok::Word if self.word(i) == Some("use") => {
                    let Some(end) = self.use_end(i) else {
                        i += 1;
                        continue;
                    };
                    let names: Vec<&str> = (i + 1..end).filter_map(|j| self.word(j)).collect();
                    let certain = i >= opaque_until && enclosing.iter().all(|&m| m);
                    if certain {
                        items.kept.push(self.tokens[i].start..self.tokens[end].end);
                    } else {
                        items.nested.extend(names.iter().map(|w| w.to_string()));
                    }
                    items.imported.extend(names.iter().map(|w| w.to_string()));
                    if names.iter().any(|w| self.words.is_callee(w)) {
                        items.notable.extend(names.iter().map(|w| w.to_string()));
                    }
                    i = end + 1;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        items
    }

    /// The `;` ending the use item whose `use` is at `i`.
    fn use_end(&self, i: usize) -> Option<usize> {
        let mut j = i + 1;
        while j < self.tokens.len() {
            match self.tokens[j].tok {
                Tok::Punct(b';') => return Some(j),
                Tok::Punct(b'{') => j = self.partner[j] + 1,
                Tok::Word | Tok::Punct(b':' | b',' | b'*') => j += 1,
                _ => return None,
            }
        }
        None
    }

    /// Whether a word may make a callee a logger's.
    fn may_log(&self, word: &str, uses: &UseItems) -> bool {
        self.words.is_callee(word) || uses.notable.contains(word)
    }

    /// The calls and macro invocations to keep, as byte ranges in order,
    /// none overlapping; `None` to give up.
    fn calls(&self, uses: &UseItems) -> Option<Vec<Range<usize>>> {
        let mut pieces: Vec<Range<usize>> = Vec::new();
        let mut push = |range: Range<usize>| match pieces.last_mut() {
            Some(last) if range.start < last.end => last.end = last.end.max(range.end),
            _ => pieces.push(range),
        };
        let mut i = 0;
        while i < self.tokens.len() {
            if let Some(end) = self.attribute_end(i) {
                i = end;
                continue;
            }
            if let Some((open, close)) = self.macro_body(i) {
                let start = self.path_start(i);
                let logs =
                    (start..=close).any(|j| self.word(j).is_some_and(|w| self.may_log(w, uses)));
                let macro_rules = self.word(i) == Some("macro_rules");
                if logs && !macro_rules && self.sensitive(open, close, uses) {
                    push(self.tokens[start].start..self.tokens[close].end);
                }
                i = close + 1;
                continue;
            }
            if self.is(i, b'(') && i > 0 {
                if let Some(range) = self.call_piece(i, uses)? {
                    let close = self.partner[i];
                    push(range);
                    i = close + 1;
                    continue;
                }
            }
            i += 1;
        }
        Some(pieces)
    }

    /// The first token of the path ending at word `i` (`tracing::info`,
    /// `::log::warn`).
    fn path_start(&self, mut i: usize) -> usize {
        while i >= 2 && self.is_path_sep(i - 2) {
            match i.checked_sub(3) {
                Some(w) if self.word(w).is_some() => i = w,
                _ => return i - 2,
            }
        }
        i
    }

    /// The call whose arguments open at `open`, if it may log a sensitive
    /// name: `Some(None)` when it may not, `None` to give up.
    fn call_piece(&self, open: usize, uses: &UseItems) -> Option<Option<Range<usize>>> {
        let before = open - 1;
        let callee = match self.tokens[before].tok {
            Tok::Word => self.word(before).is_some_and(|w| !Self::is_keyword(w)),
            Tok::Punct(b')' | b']' | b'>' | b'?') => true,
            _ => false,
        };
        if !callee {
            return Some(None);
        }
        let close = self.partner[open];
        let mut chain_words = Vec::new();
        let walk = self.callee_start(before, &mut chain_words);
        let may_log = chain_words.iter().any(|w| self.may_log(w, uses));
        if !may_log || !self.sensitive(open, close, uses) {
            return Some(None);
        }
        let Walk::Start(start) = walk else {
            return None;
        };
        // A definition or a pattern (`fn info(token: &str)`,
        // `let Logger(token) = …`, `Log(token) => …`) rather than a call.
        if let Some(prev) = start.checked_sub(1).and_then(|p| self.word(p)) {
            if matches!(
                prev,
                "fn" | "struct" | "enum" | "union" | "trait" | "type" | "impl" | "let"
            ) {
                return Some(None);
            }
        }
        let arm = self.is(close + 1, b'=') && self.is(close + 2, b'>');
        let binding = self.is(close + 1, b'=') && !self.is(close + 2, b'=');
        if arm || binding || self.is(close + 1, b'|') || self.is(close + 1, b'@') {
            return None;
        }
        // A bare callee (`audit(token)`) is renamed by a `use` the front end
        // may read only after this call.
        if start == before && self.word(start).is_some_and(|w| uses.nested.contains(w)) {
            return None;
        }
        Some(Some(self.tokens[start].start..self.tokens[close].end))
    }

    /// Walks back from `end` (the token before a call's `(`) over the
    /// callee: paths, fields, method calls, `?`, `.await`, turbofish and
    /// macro receivers. Collects the words on the way.
    fn callee_start<'s>(&'s self, end: usize, words: &mut Vec<&'s str>) -> Walk {
        let mut j = end;
        loop {
            // One link of the chain, ending at `j`.
            match self.tokens[j].tok {
                Tok::Word => words.extend(self.word(j)),
                Tok::Punct(b'?') => match j.checked_sub(1) {
                    Some(p) => {
                        j = p;
                        continue;
                    }
                    None => return Walk::Unsure,
                },
                Tok::Punct(b')' | b']') => {
                    j = self.partner[j];
                    if j >= 2 && self.is(j - 1, b'!') && self.word(j - 2).is_some() {
                        // A macro's result: `format!(…).len()`.
                        j -= 2;
                        words.extend(self.word(j));
                    } else if j >= 1 && self.is_postfix_operand(j - 1) {
                        // A call or an index: `state()`, `loggers[0]`.
                        j -= 1;
                        continue;
                    }
                }
                Tok::Punct(b'>') => match self.angle_open(j) {
                    // A turbofish: `f::<T>(…)`, `Vec::<u8>::new()`.
                    Some(o) if o >= 2 && self.is_path_sep(o - 2) => j = o,
                    // `<T as Trait>::f(…)`, or a comparison: the chain
                    // starts at the `<` (and holds no word if it was one).
                    Some(o) => return Walk::Start(o),
                    None => return Walk::Unsure,
                },
                _ => return Walk::Unsure,
            }
            // What joins it to the link before, if anything.
            if j >= 2 && self.is_path_sep(j - 2) {
                match j.checked_sub(3) {
                    Some(p) if matches!(self.tokens[p].tok, Tok::Word | Tok::Punct(b'>')) => {
                        j = p;
                    }
                    _ => return Walk::Start(j - 2),
                }
            } else if j >= 1 && self.is(j - 1, b'.') {
                match j.checked_sub(2) {
                    Some(p) if self.tokens[p].tok == Tok::Literal => return Walk::Start(p),
                    Some(p) if self.is_postfix_operand(p) => j = p,
                    _ => return Walk::Unsure,
                }
            } else {
                return Walk::Start(j);
            }
        }
    }

    /// Whether token `i` may end an operand that a call, index or field
    /// access continues (`f`, `x)`, `a]`, `y?`, `T>`).
    fn is_postfix_operand(&self, i: usize) -> bool {
        match self.tokens[i].tok {
            Tok::Word => self
                .word(i)
                .is_some_and(|w| !Self::is_keyword(w) || w == "await"),
            Tok::Punct(b')' | b']' | b'?' | b'>') => true,
            _ => false,
        }
    }

    /// The `<` pairing with the `>` at `close`, walking back; `->` arrows
    /// are not brackets.
    fn angle_open(&self, close: usize) -> Option<usize> {
        let mut depth = 0usize;
        let mut j = close;
        loop {
            match self.tokens[j].tok {
                Tok::Punct(b'>') if j == 0 || !self.is(j - 1, b'-') => depth += 1,
                Tok::Punct(b'<') => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(j);
                    }
                }
                Tok::Punct(b')' | b']' | b'}') => j = self.partner[j],
                Tok::Punct(b';' | b'{') => return None,
                _ => {}
            }
            j = j.checked_sub(1)?;
        }
    }

    /// Whether the tokens from `open` to `close` may hold a name the rules
    /// judge sensitive: their text holds a sensitive word, and it stands
    /// where a rule judges names (see [`ArgumentJudge`]): a word that may end a path or name a field
    /// (`password = %p`), a format string naming one, a getter's string,
    /// outside the arguments of calls the rules never open.
    fn sensitive(&self, open: usize, close: usize, uses: &UseItems) -> bool {
        let text = &self.text[self.tokens[open].start..self.tokens[close].end];
        if !self.words.holds_sensitive(text) {
            return false;
        }
        let judge = self.words.judge();
        let mut j = open + 1;
        while j < close {
            let t = self.tokens[j];
            match t.tok {
                Tok::Punct(b'(') => match j.checked_sub(1).and_then(|p| self.word(p)) {
                    Some(callee) if !Self::is_keyword(callee) => {
                        let bare = j < 2 || !(self.is(j - 2, b'.') || self.is(j - 2, b':'));
                        if bare && uses.imported.contains(callee) {
                            return true;
                        }
                        if !judge.opens(callee) {
                            j = self.partner[j];
                        }
                    }
                    _ => {}
                },
                Tok::Word
                    if self.may_end_path(j, judge)
                        && judge.may_flag(&self.text[t.start..t.end]) =>
                {
                    return true;
                }
                Tok::Literal => {
                    let literal = &self.text[t.start..t.end];
                    let content = literal.trim_start_matches(['b', 'c', 'r', '#']);
                    let content = content.trim_matches(['"', '#', '\'']);
                    let names_one = content.contains('{') && self.words.holds_sensitive(content);
                    if names_one || judge.may_flag(content) {
                        return true;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        false
    }

    /// Whether the word at `i` may be the last meaningful segment of a
    /// path: no field or method follows it, or only a transparent one.
    fn may_end_path(&self, i: usize, judge: &ArgumentJudge) -> bool {
        match self.word(i + 2) {
            Some(member) if self.is(i + 1, b'.') => judge.is_transparent(member),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests;
