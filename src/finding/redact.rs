//! Redaction and excerpts: a secret is cut down before any text of the file
//! leaves the finding, and an excerpt shows the finding's lines with every
//! secret in them redacted.

use super::Excerpt;
use crate::facts::Span;
use crate::source::{floor_char_boundary, SourceFile};

/// The most lines an excerpt shows; longer constructs show their first lines.
pub const MAX_EXCERPT_LINES: usize = 6;

/// Excerpt lines longer than this (bytes) are cut to a window around the span.
pub const MAX_EXCERPT_BYTES: usize = 400;

/// How much of a long line the window keeps before the span (bytes).
const EXCERPT_CONTEXT_BYTES: usize = 120;

/// Replaces a secret with at most its first four characters and `…`
/// (fewer for short secrets, none for very short ones).
pub fn redact_secret(secret: &str) -> String {
    let trimmed = secret.trim();
    let n = trimmed.chars().count();
    let keep = match n {
        16.. => 4,
        8..=15 => 2,
        _ => 0,
    };
    let mut out: String = trimmed.chars().take(keep).collect();
    out.push('…');
    out
}

/// Redacts a secret but keeps the whitespace around it, so a multi-line
/// block (a PEM body) still reads as lines.
fn redact_keeping_edges(secret: &str) -> String {
    let body = secret.trim();
    if body.is_empty() {
        return secret.to_string();
    }
    let lead = &secret[..secret.len() - secret.trim_start().len()];
    let trail = &secret[secret.trim_end().len()..];
    format!("{lead}{}{trail}", redact_secret(body))
}

/// Redacts every secret span overlapping `range` of `text`, returning the
/// redacted text and a function mapping original offsets (within `range`) to
/// offsets in the result.
pub(super) fn redact_range(
    text: &str,
    range: Span,
    secrets: &[Span],
) -> (String, Vec<(usize, isize)>) {
    let mut out = String::with_capacity(range.len());
    let mut shifts = Vec::new();
    let mut cursor = range.start;
    let mut delta: isize = 0;
    for secret in secrets
        .iter()
        .filter(|s| s.start < range.end && s.end > range.start)
    {
        let start = secret.start.max(cursor);
        let end = secret.end.min(range.end);
        if start >= end {
            continue;
        }
        out.push_str(&text[cursor..start]);
        let replacement = redact_keeping_edges(&text[start..end]);
        out.push_str(&replacement);
        delta += replacement.len() as isize - (end - start) as isize;
        shifts.push((end, delta));
        cursor = end;
    }
    out.push_str(&text[cursor..range.end]);
    (out, shifts)
}

fn shifted(offset: usize, base: usize, shifts: &[(usize, isize)]) -> usize {
    let delta = shifts
        .iter()
        .take_while(|(at, _)| *at <= offset)
        .last()
        .map_or(0, |(_, d)| *d);
    (offset as isize - base as isize + delta).max(0) as usize
}

/// The redacted lines around `span`, for findings made outside the rule
/// matchers (triage's meta findings) as well as rule hits.
pub fn excerpt(file: &SourceFile, span: Span, secrets: &[Span]) -> Excerpt {
    let first_line = file.lines.line_of(span.start);
    let last_line = file
        .lines
        .line_of(span.end.saturating_sub(1).max(span.start));
    let last_line = last_line.min(first_line + MAX_EXCERPT_LINES - 1);
    let start = file.lines.line_span(&file.text, first_line).start;
    let end = file.lines.line_span(&file.text, last_line).end.max(start);
    let (start, end) = window(&file.text, span, Span::new(start, end), secrets);
    let (text, shifts) = redact_range(&file.text, Span::new(start, end), secrets);
    let clip = |offset: usize| shifted(offset.clamp(start, end), start, &shifts).min(text.len());
    let (a, b) = (clip(span.start), clip(span.end));
    let a = floor_char_boundary(&text, a);
    let b = floor_char_boundary(&text, b).max(a);
    Excerpt {
        text,
        first_line,
        span: Span::new(a, b),
    }
}

/// Narrows an excerpt's whole lines to a window around the span when they
/// are longer than [`MAX_EXCERPT_BYTES`] (a minified bundle is one line of
/// megabytes). The window never cuts a secret, so redaction stays whole.
fn window(text: &str, span: Span, lines: Span, secrets: &[Span]) -> (usize, usize) {
    if lines.len() <= MAX_EXCERPT_BYTES {
        return (lines.start, lines.end);
    }
    let mut start = span
        .start
        .saturating_sub(EXCERPT_CONTEXT_BYTES)
        .max(lines.start);
    let mut end = (start + MAX_EXCERPT_BYTES).min(lines.end);
    for secret in secrets {
        if secret.start < end && secret.end > start {
            start = start.min(secret.start).max(lines.start);
            end = end.max(secret.end).min(lines.end);
        }
    }
    let start = floor_char_boundary(text, start);
    let mut end = end.max(start);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_keeps_at_most_four_characters() {
        assert_eq!(redact_secret("AKIAQ7ZLMX4R2KPV6TNB"), "AKIA…");
        assert_eq!(redact_secret("hunter2!x"), "hu…");
        assert_eq!(redact_secret("abc"), "…");
        assert_eq!(redact_secret("\nMIIEpAIBAAKCAQEA\n"), "MIIE…");
        assert_eq!(redact_keeping_edges("\nMIIEpAIBAAKCAQEA\n"), "\nMIIE…\n");
    }

    #[test]
    fn redacting_a_range_maps_offsets_after_the_secret() {
        let text = "key = \"AKIAQ7ZLMX4R2KPV6TNB\"; next";
        let secret = Span::new(7, 27);
        let (out, shifts) = redact_range(text, Span::new(0, text.len()), &[secret]);
        assert_eq!(out, "key = \"AKIA…\"; next");
        let next = text.find("next").unwrap();
        assert_eq!(&out[shifted(next, 0, &shifts)..], "next");
        assert_eq!(shifted(3, 0, &shifts), 3);
    }
}
