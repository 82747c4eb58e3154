//! The string literals of Rust text, found without parsing it: a lexer that
//! knows comments (nested ones too), strings, raw strings, character
//! literals and lifetimes. It lets the project pass ask what a file's
//! strings say (route words) before paying for a `syn` parse.
//!
//! It answers for the whole file or not at all: a string, raw string,
//! character literal or comment left open makes it give up, and the caller
//! then treats the file as if any string could be in it.

use std::borrow::Cow;

/// Calls `each` with the text of every string literal of `text` (plain,
/// raw, byte and C strings; escapes resolved), in order. Returns `false`
/// when the text could not be read for certain; `each` may have been called
/// for part of the file then.
pub fn string_literals<'t>(text: &'t str, mut each: impl FnMut(Cow<'t, str>)) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                at = text[at..].find('\n').map_or(bytes.len(), |n| at + n);
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => match block_comment_end(bytes, at) {
                Some(end) => at = end,
                None => return false,
            },
            b'"' => match quoted_end(bytes, at) {
                Some(end) => {
                    each(unescaped(&text[at + 1..end - 1]));
                    at = end;
                }
                None => return false,
            },
            b'\'' => match char_literal_end(text, at) {
                Some(end) => at = end,
                None => return false,
            },
            b if is_word_byte(b) => {
                let end = word_end(bytes, at);
                let word = &text[at..end];
                let prefix = matches!(word, "r" | "b" | "br" | "c" | "cr");
                at = end;
                if !prefix {
                    continue;
                }
                match bytes.get(at) {
                    Some(b'"') if !word.ends_with('r') => match quoted_end(bytes, at) {
                        Some(end) => {
                            each(unescaped(&text[at + 1..end - 1]));
                            at = end;
                        }
                        None => return false,
                    },
                    Some(b'"' | b'#') if word.ends_with('r') => match raw_string(text, at) {
                        RawString::Literal { content, end } => {
                            each(Cow::Borrowed(content));
                            at = end;
                        }
                        // `r#type`: a raw identifier.
                        RawString::NotOne => {}
                        RawString::Open => return false,
                    },
                    _ => {}
                }
            }
            _ => at += 1,
        }
    }
    true
}

pub(super) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

pub(super) fn word_end(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && is_word_byte(bytes[at]) {
        at += 1;
    }
    at
}

/// Past the `*/` closing the (possibly nested) comment opening at `start`.
pub(super) fn block_comment_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = start;
    while at + 1 < bytes.len() {
        match (bytes[at], bytes[at + 1]) {
            (b'/', b'*') => {
                depth += 1;
                at += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                at += 2;
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => at += 1,
        }
    }
    None
}

/// Past the closing quote of the string whose opening quote is at `start`.
pub(super) fn quoted_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

/// Past a character literal starting at `start`, or past the quote of a
/// lifetime or label (`'a`, `'static`).
pub(super) fn char_literal_end(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start + 1..];
    let mut chars = rest.char_indices();
    match chars.next() {
        None => None,
        // `'\n'`, `'\''`, `'\u{1F600}'`: the closing quote is near.
        Some((_, '\\')) => {
            let after = rest.get(2..)?;
            let close = after.find('\'').filter(|&n| n <= 10)?;
            Some(start + 1 + 2 + close + 1)
        }
        Some((_, c)) => {
            let next = c.len_utf8();
            if rest.as_bytes().get(next) == Some(&b'\'') {
                Some(start + 1 + next + 1)
            } else {
                Some(start + 1)
            }
        }
    }
}

pub(super) enum RawString<'t> {
    Literal { content: &'t str, end: usize },
    NotOne,
    Open,
}

/// A raw string whose hashes or quote start at `at` (just past `r`).
pub(super) fn raw_string(text: &str, at: usize) -> RawString<'_> {
    let bytes = text.as_bytes();
    let hashes = bytes[at..].iter().take_while(|&&b| b == b'#').count();
    let quote = at + hashes;
    if bytes.get(quote) != Some(&b'"') {
        return RawString::NotOne;
    }
    let closing = format!("\"{}", "#".repeat(hashes));
    match text[quote + 1..].find(&closing) {
        Some(n) => RawString::Literal {
            content: &text[quote + 1..quote + 1 + n],
            end: quote + 1 + n + closing.len(),
        },
        None => RawString::Open,
    }
}

/// The text of a string literal's body, escapes resolved by `syn` as the
/// front end resolves them; a body `syn` rejects (an escape no `str` may
/// hold, as in a byte string) is kept as written.
fn unescaped(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    match syn::parse_str::<syn::LitStr>(&format!("\"{raw}\"")) {
        Ok(literal) => Cow::Owned(literal.value()),
        Err(_) => Cow::Borrowed(raw),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(text: &str) -> Option<Vec<String>> {
        let mut out = Vec::new();
        string_literals(text, |s| out.push(s.into_owned())).then_some(out)
    }

    #[test]
    fn strings_of_every_kind() {
        let text = "let a = \"/lo\\x67in\"; let b = r#\"say \"hi\"\"#; let c = br\"raw\";\n\
                    #[post(\"/reset\")]\nlet d = b\"bytes\"; let e = \"two\nlines\";";
        assert_eq!(
            strings(text).unwrap(),
            [
                "/login",
                "say \"hi\"",
                "raw",
                "/reset",
                "bytes",
                "two\nlines"
            ]
        );
    }

    #[test]
    fn comments_chars_lifetimes_and_raw_identifiers_hold_no_strings() {
        let text = "// \"not\"\n/* outer /* \"inner\" */ still */\n\
                    fn f<'a>(x: &'a str) -> char { let r#type = 1; if x == \"kept\" { '\"' } else { '\\'' } }\n\
                    'outer: loop { break 'outer; }";
        assert_eq!(strings(text).unwrap(), ["kept"]);
    }

    #[test]
    fn text_left_open_gives_up() {
        assert_eq!(strings("let s = \"open"), None);
        assert_eq!(strings("/* /* */"), None);
        assert_eq!(strings("let s = r#\"open\"; "), None);
    }
}
