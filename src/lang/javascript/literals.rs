//! Literal text decoding, free of the tree: quotes, string escapes and
//! numeric literals.

/// The text between a string literal's quotes, tolerating a missing closing quote.
pub(super) fn strip_quotes(raw: &str) -> &str {
    let mut inner = raw;
    for quote in ['\'', '"', '`'] {
        if let Some(rest) = inner.strip_prefix(quote) {
            inner = rest.strip_suffix(quote).unwrap_or(rest);
            break;
        }
    }
    inner
}

/// Resolves JavaScript escapes in the text of a string or template literal.
pub(super) fn unescape_into(raw: &str, out: &mut String) {
    if !raw.contains('\\') {
        out.push_str(raw);
        return;
    }
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            None => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('v') => out.push('\u{b}'),
            Some('0') => out.push('\0'),
            Some('x') => match read_hex(&mut chars, 2) {
                Some(code) => out.push(char::from_u32(code).unwrap_or('\u{fffd}')),
                None => out.push('x'),
            },
            Some('u') => unescape_unicode(&mut chars, out),
            // A backslash before a line break continues the line.
            Some('\r') => {
                let mut ahead = chars.clone();
                if ahead.next() == Some('\n') {
                    chars = ahead;
                }
            }
            Some('\n' | '\u{2028}' | '\u{2029}') => {}
            Some(other) => out.push(other),
        }
    }
}

/// Reads exactly `count` hex digits, leaving `chars` untouched if they are not there.
fn read_hex(chars: &mut std::str::Chars<'_>, count: usize) -> Option<u32> {
    let mut ahead = chars.clone();
    let mut code = 0u32;
    for _ in 0..count {
        code = code * 16 + ahead.next()?.to_digit(16)?;
    }
    *chars = ahead;
    Some(code)
}

/// `\uXXXX` (joining surrogate pairs) and `\u{X...}`, after the `\u`.
fn unescape_unicode(chars: &mut std::str::Chars<'_>, out: &mut String) {
    let mut ahead = chars.clone();
    if ahead.next() == Some('{') {
        let digits: String = ahead.by_ref().take_while(|c| *c != '}').take(8).collect();
        if let Ok(code) = u32::from_str_radix(&digits, 16) {
            *chars = ahead;
            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            return;
        }
        out.push('u');
        return;
    }
    let Some(high) = read_hex(chars, 4) else {
        out.push('u');
        return;
    };
    if (0xD800..0xDC00).contains(&high) {
        let mut ahead = chars.clone();
        if ahead.next() == Some('\\') && ahead.next() == Some('u') {
            if let Some(low @ 0xDC00..=0xDFFF) = read_hex(&mut ahead, 4) {
                *chars = ahead;
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                return;
            }
        }
    }
    out.push(char::from_u32(high).unwrap_or('\u{fffd}'));
}

/// Decodes a numeric literal: decimal, `0x`/`0o`/`0b`, legacy octal (`0755`,
/// common in file modes), `_` separators and BigInt `n`.
pub(super) fn parse_number(raw: &str) -> Option<f64> {
    let cleaned;
    let mut text = raw;
    if text.contains('_') {
        cleaned = text.replace('_', "");
        text = &cleaned;
    }
    let text = text.strip_suffix('n').unwrap_or(text);
    let (radix, digits) = match text.get(..2) {
        Some("0x" | "0X") => (16, &text[2..]),
        Some("0o" | "0O") => (8, &text[2..]),
        Some("0b" | "0B") => (2, &text[2..]),
        _ if text.len() > 1
            && text.starts_with('0')
            && text.bytes().all(|b| (b'0'..=b'7').contains(&b)) =>
        {
            (8, &text[1..])
        }
        _ => return text.parse::<f64>().ok(),
    };
    if digits.is_empty() {
        return None;
    }
    digits.chars().try_fold(0f64, |acc, c| {
        c.to_digit(radix)
            .map(|d| acc * f64::from(radix) + f64::from(d))
    })
}
