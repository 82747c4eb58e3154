//! The tokens the Rust log slicer reads: words, literals and punctuators,
//! comments dropped, over the scanners of `string_scan`.

use crate::lang::rust::string_scan::{
    block_comment_end, char_literal_end, is_word_byte, quoted_end, raw_string, word_end, RawString,
};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Tok {
    Word,
    Literal,
    Punct(u8),
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    pub(super) tok: Tok,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Tokens of `text`, comments dropped; `None` for a text left open.
pub(super) fn lex(text: &str) -> Option<Vec<Token>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 4);
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        let tok = match bytes[at] {
            b if b.is_ascii_whitespace() => {
                at += 1;
                continue;
            }
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                at = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
                continue;
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                at = block_comment_end(bytes, at)?;
                continue;
            }
            b'"' => {
                at = quoted_end(bytes, at)?;
                Tok::Literal
            }
            b'\'' => {
                at = char_literal_end(text, at)?;
                if at == start + 1 {
                    Tok::Punct(b'\'')
                } else {
                    Tok::Literal
                }
            }
            b if is_word_byte(b) => {
                at = word_end(bytes, at);
                let word = &text[start..at];
                match (word, bytes.get(at)) {
                    ("r", Some(b'#')) if bytes.get(at + 1).is_some_and(|&b| is_word_byte(b)) => {
                        at = word_end(bytes, at + 1);
                        Tok::Word
                    }
                    ("b" | "c", Some(b'"')) => {
                        at = quoted_end(bytes, at)?;
                        Tok::Literal
                    }
                    ("r" | "br" | "cr", Some(b'"' | b'#')) => match raw_string(text, at) {
                        RawString::Literal { end, .. } => {
                            at = end;
                            Tok::Literal
                        }
                        RawString::NotOne => Tok::Word,
                        RawString::Open => return None,
                    },
                    _ => Tok::Word,
                }
            }
            b => {
                at += 1;
                Tok::Punct(b)
            }
        };
        tokens.push(Token {
            tok,
            start,
            end: at,
        });
    }
    Some(tokens)
}

/// Each bracket token's partner; `None` when brackets do not pair up.
pub(super) fn partners(tokens: &[Token]) -> Option<Vec<usize>> {
    crate::lang::brackets::partners(tokens.iter().map(|t| match t.tok {
        Tok::Punct(b) => Some(b),
        _ => None,
    }))
}
