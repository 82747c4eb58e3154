//! A loaded file: its display path, its text, and the line index that turns
//! byte offsets into lines and columns.
//!
//! This is where bytes become text, once: reading a file (within the size
//! cap), binary detection and lossy decoding happen here and nothing later
//! re-decides them. It does not detect languages or parse anything.

use std::io::{self, Read};
use std::path::Path;

use crate::facts::Span;

/// What reading a discovered file gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Loaded {
    /// The file's bytes, at most the size cap.
    Bytes(Vec<u8>),
    /// The file grew past the size cap after discovery measured it.
    TooLarge,
}

/// Reads the file at `path`, which discovery found to be a regular file
/// within `cap` bytes. It may have changed since: a path that is no longer
/// a regular file (a folder, or a FIFO, whose open would wait for a writer
/// forever) is an error; a file that grew is read no further than the cap.
/// A file truncated since is read as it is now.
pub fn read_file(path: &Path, cap: u64) -> io::Result<Loaded> {
    let not_regular = || {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "no longer a regular file (it changed after discovery)",
        )
    };
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let file = std::fs::File::open(path)?;
    // Checked again on the open file: the path may have been swapped
    // between the look and the open. (A FIFO swapped in at that instant
    // would still make the open wait; only a non-blocking open, which std
    // cannot ask for portably, closes that window.)
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    let expected = usize::try_from(meta.len().min(cap)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Ok(Loaded::TooLarge);
    }
    Ok(Loaded::Bytes(bytes))
}

/// How many leading bytes are inspected for a NUL byte to call a file binary.
pub const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Whether the bytes look binary (a NUL byte in the first 8 KiB), as git and
/// ripgrep decide it.
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0)
}

/// How a file's bytes were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a leading BOM dropped), or bytes that were not valid UTF-8
    /// decoded lossily (Latin-1, Windows-1252, random bytes).
    Utf8,
    /// UTF-16 little-endian, recognised by its `FF FE` byte-order mark.
    Utf16Le,
    /// UTF-16 big-endian, recognised by its `FE FF` byte-order mark.
    Utf16Be,
}

/// A file's text, once decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without byte-order mark.
    pub text: String,
    /// Whether undecodable bytes were replaced with U+FFFD.
    pub lossy: bool,
    /// The encoding the bytes were read as.
    pub encoding: Encoding,
}

/// Decodes file bytes to text, or `None` for a binary file.
///
/// UTF-16 with a byte-order mark is transcoded (Windows tools write it, and
/// its ASCII half is full of NUL bytes that would otherwise make it look
/// binary), so a key in a UTF-16 file is still found. Anything else is read
/// as UTF-8: a UTF-8 BOM is dropped and invalid bytes are replaced, so text
/// rules still run on the rest of a Latin-1 file. A NUL byte in the first
/// 8 KiB of a non-UTF-16 file means binary; so does a UTF-32 byte-order mark.
pub fn decode(bytes: Vec<u8>) -> Option<Decoded> {
    if bytes.starts_with(b"\xFF\xFE\0\0") || bytes.starts_with(b"\0\0\xFE\xFF") {
        return None;
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Some(decode_utf16(rest, u16::from_le_bytes, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Some(decode_utf16(rest, u16::from_be_bytes, Encoding::Utf16Be));
    }
    if looks_binary(&bytes) {
        return None;
    }
    let (text, lossy) = decode_text(bytes);
    Some(Decoded {
        text,
        lossy,
        encoding: Encoding::Utf8,
    })
}

/// Decodes file bytes as UTF-8: a UTF-8 BOM is dropped, invalid UTF-8 is
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

/// UTF-16 code units to text; unpaired surrogates and an odd trailing byte
/// become U+FFFD and make the decoding lossy.
fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, encoding: Encoding) -> Decoded {
    let pairs = bytes.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let mut lossy = odd;
    let mut text = String::with_capacity(bytes.len() / 2);
    let units = pairs.map(|pair| unit([pair[0], pair[1]]));
    for decoded in char::decode_utf16(units) {
        text.push(decoded.unwrap_or_else(|_| {
            lossy = true;
            char::REPLACEMENT_CHARACTER
        }));
    }
    if odd {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    Decoded {
        text,
        lossy,
        encoding,
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
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[at] == b'\n' || bytes.get(at + 1) != Some(&b'\n') {
                starts.push(at + 1);
            }
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
    fn reading_stops_at_the_cap_and_refuses_what_is_not_a_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a.js");
        std::fs::write(&file, "x".repeat(10)).expect("write");
        assert_eq!(
            read_file(&file, 10).expect("read"),
            Loaded::Bytes(b"x".repeat(10))
        );
        assert_eq!(read_file(&file, 9).expect("read"), Loaded::TooLarge);
        let err = read_file(dir.path(), 10).expect_err("a folder");
        assert!(
            err.to_string().contains("no longer a regular file"),
            "{err}"
        );
        assert!(read_file(&dir.path().join("gone.js"), 10).is_err());
    }

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

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    }

    #[test]
    fn utf16_with_a_bom_is_transcoded_not_binary() {
        for big_endian in [false, true] {
            let decoded = decode(utf16("key = \"é😀\"\r\n", big_endian)).unwrap();
            assert_eq!(decoded.text, "key = \"é😀\"\r\n");
            assert!(!decoded.lossy);
        }
        assert_eq!(
            decode(utf16("x", false)).unwrap().encoding,
            Encoding::Utf16Le
        );
        assert_eq!(
            decode(utf16("x", true)).unwrap().encoding,
            Encoding::Utf16Be
        );
    }

    #[test]
    fn broken_utf16_is_lossy_and_binary_stays_binary() {
        let mut bytes = utf16("ab", false);
        bytes.extend([0x00, 0xD8, 0x41]);
        let decoded = decode(bytes).unwrap();
        assert!(decoded.lossy);
        assert_eq!(decoded.text, "ab\u{FFFD}\u{FFFD}");
        assert_eq!(decode(b"\xFF\xFE\0\0a\0\0\0".to_vec()), None);
        assert_eq!(decode(b"ELF\0\x01".to_vec()), None);
        assert_eq!(decode(b"\xEF\xBB\xBF".to_vec()).unwrap().text, "");
    }
}
