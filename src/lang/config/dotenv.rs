//! `.env` syntax → entry facts: `KEY=value` lines with the usual shell-like
//! quoting.
//!
//! Owns only the `.env` line grammar. Must not match rules or report: a line
//! it cannot read is skipped and named in the extraction's problem, since the
//! file is still scanned by text rules.

use super::{KeepEntry, Paths, Sink};
use crate::facts::{Extraction, Node, ParseProblem, Span, Value};

/// Extracts entries from a `.env` file; see [`super::extract_dotenv`].
pub(super) fn extract(text: &str, keep: KeepEntry<'_>) -> Extraction {
    let mut sink = Sink::new(keep);
    let mut problem = None;
    let mut at = 0;
    while at < text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let next = match assignment(text, at, line_end) {
            Ok(Some(found)) => {
                let path = sink.paths.child(Paths::ROOT, found.key);
                let span = Span::new(found.start, found.value.span.end);
                sink.push(path, found.value, found.key_span, span);
                found.resume
            }
            Ok(None) => line_end + 1,
            Err((span, message)) => {
                problem.get_or_insert_with(|| ParseProblem {
                    message: message.to_string(),
                    span: Some(span),
                });
                line_end + 1
            }
        };
        at = next.max(at + 1);
    }
    sink.finish(problem)
}

/// One `KEY=value` and where reading resumes (past a multi-line value).
struct Assignment {
    start: usize,
    key: String,
    key_span: Span,
    value: Node,
    resume: usize,
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t' || b == b'\r'
}

/// Offset of the first non-blank byte of `text[from..to]`, or `to`.
fn skip_blank(text: &str, from: usize, to: usize) -> usize {
    text.as_bytes()[from..to]
        .iter()
        .position(|b| !is_blank(*b))
        .map_or(to, |i| from + i)
}

/// Reads the line `[start, end)`: `Ok(None)` for blank and comment lines,
/// `Err` with the line's span for a line that is not an assignment.
fn assignment(
    text: &str,
    start: usize,
    end: usize,
) -> Result<Option<Assignment>, (Span, &'static str)> {
    let bytes = text.as_bytes();
    let line = Span::new(start, end);
    let begin = skip_blank(text, start, end);
    // A byte-order mark is invisible to people and must not make line one "bad".
    let begin = if text[begin..end].starts_with('\u{feff}') {
        skip_blank(text, begin + 3, end)
    } else {
        begin
    };
    if begin == end || bytes[begin] == b'#' {
        return Ok(None);
    }
    let mut key_start = begin;
    if let Some(rest) = text[begin..end].strip_prefix("export") {
        if rest.starts_with([' ', '\t']) {
            key_start = skip_blank(text, begin + "export".len(), end);
        }
    }
    let key_len = text[key_start..end]
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        .count();
    let key_end = key_start + key_len;
    let eq = skip_blank(text, key_end, end);
    if key_len == 0
        || bytes[key_start].is_ascii_digit()
        || bytes.get(eq) != Some(&b'=')
        || eq >= end
    {
        return Err((line, "not a `.env` assignment (expected `KEY=value`)"));
    }
    let value_start = skip_blank(text, eq + 1, end);
    let (value, resume) =
        value(text, value_start, end).ok_or((line, "unclosed quote in `.env` value"))?;
    Ok(Some(Assignment {
        start: begin,
        key: text[key_start..key_end].to_string(),
        key_span: Span::new(key_start, key_end),
        value,
        resume,
    }))
}

/// The value starting at `at` on a line ending at `end`; quoted values may
/// run past `end`. `None` when a quote is never closed.
fn value(text: &str, at: usize, end: usize) -> Option<(Node, usize)> {
    let quote = text
        .as_bytes()
        .get(at)
        .copied()
        .filter(|b| *b == b'"' || *b == b'\'');
    let Some(quote) = quote.filter(|_| at < end) else {
        let raw = &text[at..end];
        let raw = comment_start(raw).map_or(raw, |i| &raw[..i]);
        let trimmed = raw.trim_end();
        let span = Span::new(at, at + trimmed.len());
        return Some((
            Node {
                value: Value::Str(trimmed.to_string()),
                span,
            },
            end + 1,
        ));
    };
    let close = closing_quote(text, at + 1, quote)?;
    let body = &text[at + 1..close];
    let decoded = if quote == b'"' {
        unescape(body)
    } else {
        body.to_string()
    };
    let span = Span::new(at, close + 1);
    let resume = text[close..]
        .find('\n')
        .map_or(text.len(), |i| close + i + 1);
    Some((
        Node {
            value: Value::Str(decoded),
            span,
        },
        resume,
    ))
}

/// Where an unquoted value's comment starts: a `#` after whitespace.
fn comment_start(raw: &str) -> Option<usize> {
    let bytes = raw.as_bytes();
    (0..bytes.len())
        .find(|&i| bytes[i] == b'#' && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t'))
}

fn closing_quote(text: &str, from: usize, quote: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b if b == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn unescape(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(c @ ('"' | '\\' | '$' | '`')) => out.push(c),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, paths};
    use super::*;

    /// Every entry, as the format's tests expect.
    fn extract(text: &str) -> Extraction {
        super::extract(text, None)
    }

    fn str(s: &str) -> Value {
        Value::Str(s.to_string())
    }

    #[test]
    fn every_quoting_form() {
        let text = "# comment\n\nexport API_KEY=abc123 # trailing\nSPACED = value with spaces  \nEMPTY=\n\
                    SINGLE='lit $HOME \\n'\nDOUBLE=\"a\\nb\\\"c\" # c\nMULTI=\"first\nsecond\"\nHASH=a#b\nWIN=crlf\r\n";
        let ex = extract(text);
        assert_eq!(ex.problem, None);
        assert_eq!(
            paths(&ex),
            vec!["API_KEY", "SPACED", "EMPTY", "SINGLE", "DOUBLE", "MULTI", "HASH", "WIN"]
        );
        check(text, &ex, "API_KEY", "API_KEY", "abc123", str("abc123"));
        check(
            text,
            &ex,
            "SPACED",
            "SPACED",
            "value with spaces",
            str("value with spaces"),
        );
        check(text, &ex, "EMPTY", "EMPTY", "", str(""));
        check(
            text,
            &ex,
            "SINGLE",
            "SINGLE",
            "'lit $HOME \\n'",
            str("lit $HOME \\n"),
        );
        check(
            text,
            &ex,
            "DOUBLE",
            "DOUBLE",
            "\"a\\nb\\\"c\"",
            str("a\nb\"c"),
        );
        check(
            text,
            &ex,
            "MULTI",
            "MULTI",
            "\"first\nsecond\"",
            str("first\nsecond"),
        );
        check(text, &ex, "HASH", "HASH", "a#b", str("a#b"));
        check(text, &ex, "WIN", "WIN", "crlf", str("crlf"));
        let first = &super::super::tests::entries(&ex)[0];
        assert_eq!(
            &text[first.span.start..first.span.end],
            "export API_KEY=abc123"
        );
    }

    #[test]
    fn bad_line_is_skipped_and_reported() {
        let text = "A=1\nthis is not an assignment\n9BAD=2\nB=2\n";
        let ex = extract(text);
        assert_eq!(paths(&ex), vec!["A", "B"]);
        let problem = ex.problem.expect("the bad line is reported");
        let span = problem.span.expect("with its span");
        assert_eq!(&text[span.start..span.end], "this is not an assignment");
    }

    #[test]
    fn unclosed_quote_is_reported() {
        let ex = extract("A=\"open\nB=2\n");
        assert!(ex.problem.expect("reported").message.contains("unclosed"));
        assert_eq!(paths(&extract("\u{feff}A=1")), vec!["A"]);
        for text in ["=", "export", "export ", "A=\"\\", "A='", "\r\n\r\n", "é=1"] {
            let _ = extract(text);
        }
    }
}
