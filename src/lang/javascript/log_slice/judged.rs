//! Whether a call's arguments may hold a name the logging rules judge
//! sensitive, asked of the tokens the way the rules ask it of the facts
//! (see [`ArgumentJudge`]).

use super::*;

impl File<'_> {
    /// Whether a call's arguments, tokens `open..=close`, may carry a
    /// sensitive name: the rules may judge one of their names sensitive,
    /// or they call a carrying name (resolution rewrites callees, and the
    /// rules judge a getter's callee by its name).
    pub(super) fn telling(&self, open: usize, close: usize, names: &Names<'_>) -> bool {
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
    pub(super) fn may_be_judged_sensitive(
        &self,
        open: usize,
        close: usize,
        imported: &WordSet<&str>,
    ) -> bool {
        let judge = self.words.judge();
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
    pub(super) fn opaque_call(
        &self,
        open: usize,
        judge: &ArgumentJudge,
        imported: &WordSet<&str>,
    ) -> bool {
        match open.checked_sub(1).and_then(|p| self.word(p)) {
            Some(callee) => {
                !self.is_keyword(open - 1) && !judge.opens(callee) && !imported.contains(callee)
            }
            None => false,
        }
    }

    /// Whether the word at `i` may be the last meaningful segment of a
    /// path: no member follows it, or only a transparent one.
    pub(super) fn may_end_path(&self, i: usize, judge: &ArgumentJudge) -> bool {
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
    pub(super) fn sensitive_in(&self, from: usize, to: usize) -> bool {
        self.words.holds_sensitive(&self.text[from..to])
    }
}
