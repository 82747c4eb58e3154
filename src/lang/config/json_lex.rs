//! The lexical pieces of the one-pass JSON reader (`json_fast`): where
//! whitespace and comments, strings and numbers end, in tree-sitter-json's
//! syntax. Each answers `None` on anything tree-sitter might read
//! differently, so that the reader gives the file up to the tree walk.

/// By byte, whether a string's body may not simply run over it: the closing
/// quote, a backslash, and control characters.
static STRING_STOPS: [bool; 256] = {
    let mut stops = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        stops[b] = true;
        b += 1;
    }
    stops[b'"' as usize] = true;
    stops[b'\\' as usize] = true;
    stops
};

/// Where the whitespace and comments starting at `pos` end.
pub(super) fn space_end(bytes: &[u8], mut pos: usize) -> Option<usize> {
    while let Some(&b) = bytes.get(pos) {
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => pos += 1,
            b'/' => pos += comment_len(&bytes[pos..])?,
            _ => break,
        }
    }
    Some(pos)
}

/// The length of the comment `rest` starts with; `None` for an unclosed or
/// odd one.
fn comment_len(rest: &[u8]) -> Option<usize> {
    if rest.starts_with(b"//") {
        let len = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let body = &rest[..len];
        let odd = body
            .iter()
            .enumerate()
            .any(|(i, &b)| (b < 0x20 && b != b'\t' && b != b'\r') || (b == b'\r' && i + 1 != len));
        (!odd).then_some(len)
    } else if rest.starts_with(b"/*") {
        let len = rest[2..].windows(2).position(|w| w == b"*/")? + 4;
        rest[..len].iter().all(|&b| b != 0).then_some(len)
    } else {
        None
    }
}

/// The end (just past the closing quote) of the string starting at
/// `start`, and whether it holds an escape.
pub(super) fn string_end(bytes: &[u8], start: usize) -> Option<(usize, bool)> {
    let mut at = start + 1;
    let mut escaped = false;
    loop {
        let rest = bytes.get(at..)?;
        at += rest
            .iter()
            .position(|&b| STRING_STOPS[usize::from(b)])
            .unwrap_or(rest.len());
        match *bytes.get(at)? {
            b'"' => return Some((at + 1, escaped)),
            b'\\' => {
                let next = *bytes.get(at + 1)?;
                b"\"\\/bfnrtu".contains(&next).then_some(())?;
                escaped = true;
                at += 2;
            }
            b'\t' | b'\r' => at += 1,
            _ => return None,
        }
    }
}

/// The end of the number starting at `start`, in tree-sitter-json's
/// syntax: `-?(0|[1-9]\d*)(\.\d*)?([eE]-?\d+)?`, followed by a delimiter.
pub(super) fn number_end(b: &[u8], start: usize) -> Option<usize> {
    let digits = |mut at: usize| {
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        at
    };
    let mut at = start + usize::from(b[start] == b'-');
    match b.get(at) {
        Some(b'0') => at += 1,
        Some(b'1'..=b'9') => at = digits(at + 1),
        _ => return None,
    }
    if b.get(at) == Some(&b'.') {
        at = digits(at + 1);
    }
    if matches!(b.get(at), Some(b'e' | b'E')) {
        at += 1;
        at += usize::from(b.get(at) == Some(&b'-'));
        let end = digits(at);
        (end > at).then_some(())?;
        at = end;
    }
    let delimited = matches!(
        b.get(at),
        None | Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}' | b'/')
    );
    delimited.then_some(at)
}
