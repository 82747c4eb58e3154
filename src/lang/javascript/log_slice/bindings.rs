//! The statements that decide how a logging call reads: imports and
//! `require` declarations (aliases rewrite callees), and the bindings of a
//! logger factory's result (`const debug = util.debuglog('auth')`).

use super::*;

impl File<'_> {
    /// Import statements and `require` declarations, as token ranges; the
    /// names they bind become notable when the text holds a logger's or a
    /// factory's word (resolution may rewrite a callee into a logger), and
    /// carrying when it holds a sensitive name's (a called name may
    /// resolve to one).
    pub(super) fn imports<'s>(
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
    pub(super) fn import_end(&self, i: usize) -> Option<usize> {
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
    pub(super) fn require_declaration(&self, i: usize) -> Option<Option<Range<usize>>> {
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
    pub(super) fn declaration_start(&self, comma: usize) -> Option<usize> {
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
    pub(super) fn note_names<'s>(
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
        let logs = self.words.names_logger(&text.to_ascii_lowercase());
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
    pub(super) fn factory_bindings<'s>(
        &'s self,
        notable: &WordSet<&str>,
        bindings: &mut Vec<(Range<usize>, Vec<&'s str>)>,
    ) -> Option<()> {
        for i in 0..self.tokens.len() {
            let Some(word) = self.word(i) else { continue };
            let factory = self.words.is_factory(word)
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
    pub(super) fn is_call_paren(&self, i: usize) -> bool {
        i >= 1
            && match self.tokens[i - 1].tok {
                Tok::Word => !self.is_keyword(i - 1) || self.after_dot(i - 1),
                Tok::Punct(b')' | b']') | Tok::OptionalDot => true,
                _ => false,
            }
    }

    /// The first token of the piece for the assignment whose `=` is at
    /// `assign` (its `const`/`let`/`var` included), and the target's words.
    pub(super) fn assignment_target(&self, assign: usize) -> Option<(usize, Vec<&str>)> {
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
    pub(super) fn chain_end(&self, mut i: usize) -> Option<usize> {
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
    pub(super) fn ends_expression(&self, end: usize) -> Option<()> {
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
}
