//! A loaded file: its display path, its text, and the line index that turns
//! byte offsets into lines and columns.
//!
//! This is where bytes become text, once: binary detection and lossy decoding
//! happen here and nothing later re-decides them. It does not detect languages
//! or parse anything.

use crate::facts::Span;

/// How many leading bytes are inspected for a NUL byte to call a file binary.
pub const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Whether the bytes look binary (a NUL byte in the first 8 KiB), as git and
/// ripgrep decide it.
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0)
}

/// Decodes file bytes to text: a UTF-8 BOM is dropped, invalid UTF-8 is
/// replaced (lossy) so text rules still run on the rest of the file.
/// Returns the text and whether the decoding was lossy.
pub fn decode_text(bytes: Vec<u8>) -> (String, bool) {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(err) => (String::from_utf8_lossy(err.as_bytes()).into_owned(), true),
    }
}

/// Byte offset of the start of every line, so offsets convert to 1-based
/// line and column in `O(log lines)`.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// A 1-based line and column (column counted in characters, as editors do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in Unicode scalar values.
    pub column: usize,
}

impl LineIndex {
    /// Indexes the line starts of `text`; `\n`, `\r\n` and a lone `\r` each end a line.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Line and column of byte `offset` in `text` (the text this index was built from).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line - 1];
        let column = text[start..offset].chars().count() + 1;
        Position { line, column }
    }

    /// Byte span of 1-based `line`, without its line terminator.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.starts[line.clamp(1, self.starts.len()) - 1];
        let mut end = self.starts.get(line).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// Number of lines in the text.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A file ready for analysis: read once, decoded once, indexed once.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as reported to users (relative to the working directory when
    /// under it, `/`-separated).
    pub display_path: String,
    /// The decoded text.
    pub text: String,
    /// Whether invalid UTF-8 was replaced while decoding.
    pub lossy: bool,
    /// Line starts of `text`.
    pub lines: LineIndex,
}

impl SourceFile {
    /// Wraps already-decoded text.
    pub fn new(display_path: String, text: String, lossy: bool) -> Self {
        let lines = LineIndex::new(&text);
        SourceFile {
            display_path,
            text,
            lossy,
            lines,
        }
    }

    /// Line and column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    /// The text of a span, clamped to char boundaries.
    pub fn slice(&self, span: Span) -> &str {
        let start = floor_char_boundary(&self.text, span.start.min(self.text.len()));
        let end = floor_char_boundary(&self.text, span.end.min(self.text.len())).max(start);
        &self.text[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_follow_lf_crlf_and_cr_line_endings() {
        let text = "ab\ncd\r\nef\rgh";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(text, 4), Position { line: 2, column: 2 });
        assert_eq!(idx.position(text, 7), Position { line: 3, column: 1 });
        assert_eq!(idx.position(text, 11), Position { line: 4, column: 2 });
        assert_eq!(idx.line_span(text, 2), Span::new(3, 5));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "é = \"x\"";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 2).column, 2);
    }

    #[test]
    fn binary_means_nul_in_the_first_8_kib() {
        assert!(looks_binary(b"abc\0def"));
        assert!(!looks_binary(b"plain text"));
        let mut late = vec![b'a'; BINARY_SNIFF_LEN];
        late.push(0);
        assert!(!looks_binary(&late));
    }

    #[test]
    fn decoding_drops_bom_and_replaces_invalid_bytes() {
        assert_eq!(
            decode_text(b"\xEF\xBB\xBFkey=1".to_vec()),
            ("key=1".into(), false)
        );
        let (text, lossy) = decode_text(b"caf\xE9 key".to_vec());
        assert!(lossy);
        assert!(text.ends_with(" key"));
    }
}
