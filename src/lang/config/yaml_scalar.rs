//! YAML scalar syntax → `Value`: quoting, escapes, line folding, block
//! scalars, tags and the YAML 1.2 core schema.
//!
//! Owns only the decoding of one scalar's text; the tree walk is in `yaml`.
//! Must not match rules or report anything.

use super::{decimal_number, radix_number, text_of};
use crate::facts::Value;
use std::iter::Peekable;
use std::str::Chars;
use tree_sitter::Node as TsNode;

/// Decodes a scalar node. Anything holding a template action is `Unknown`:
/// its value is decided at render time, not in the file.
pub(super) fn decode_scalar(src: &str, node: TsNode<'_>, tag: Option<&str>) -> Value {
    let raw = text_of(src, node);
    if raw.contains("{{") {
        return Value::Unknown;
    }
    let text = match node.kind() {
        "plain_scalar" => fold_flow(raw, Quote::Plain),
        "single_quote_scalar" => fold_flow(unquote(raw, '\''), Quote::Single),
        "double_quote_scalar" => fold_flow(unquote(raw, '"'), Quote::Double),
        "block_scalar" => block_scalar(raw, line_indent(src, node.start_byte())),
        _ => return Value::Unknown,
    };
    match tag {
        None if node.kind() == "plain_scalar" => core_schema(text),
        None => Value::Str(text),
        Some(tag) => resolve_tag(tag, text),
    }
}

/// Whether a Helm action comes next after `at` (skipping blank space): a key
/// whose value was masked away is then `Unknown`, not `null`.
pub(super) fn template_follows(src: &str, at: usize) -> bool {
    src.get(at..)
        .is_some_and(|rest| rest.trim_start().starts_with("{{"))
}

/// Plain scalars typed by the YAML 1.2 core schema: `yes`/`on` stay strings.
fn core_schema(text: String) -> Value {
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        t => yaml_number(t).map_or(Value::Str(text), Value::Num),
    }
}

fn yaml_number(text: &str) -> Option<f64> {
    if let Some(hex) = text.strip_prefix("0x") {
        return radix_number(hex, 16);
    }
    if let Some(octal) = text.strip_prefix("0o") {
        return radix_number(octal, 8);
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let sign = if text.starts_with('-') { -1.0 } else { 1.0 };
    match unsigned {
        ".inf" | ".Inf" | ".INF" => Some(sign * f64::INFINITY),
        ".nan" | ".NaN" | ".NAN" if unsigned.len() == text.len() => Some(f64::NAN),
        _ => decimal_number(text),
    }
}

/// Standard tags decide the type; any other tag is a meaning we cannot know.
fn resolve_tag(tag: &str, text: String) -> Value {
    let name = tag
        .strip_prefix("!!")
        .or_else(|| tag.strip_prefix("!<tag:yaml.org,2002:")?.strip_suffix('>'));
    match (tag, name) {
        ("!", _) | (_, Some("str")) => Value::Str(text),
        (_, Some("int" | "float")) => yaml_number(&text).map_or(Value::Unknown, Value::Num),
        (_, Some("bool" | "null")) => match core_schema(text) {
            v @ (Value::Bool(_) | Value::Null) => v,
            _ => Value::Unknown,
        },
        _ => Value::Unknown,
    }
}

fn unquote(raw: &str, quote: char) -> &str {
    let inner = raw.strip_prefix(quote).unwrap_or(raw);
    inner.strip_suffix(quote).unwrap_or(inner)
}

#[derive(Clone, Copy, PartialEq)]
enum Quote {
    Plain,
    Single,
    Double,
}

/// Flow scalar content with line folding and the quoting style's escapes.
fn fold_flow(raw: &str, quote: Quote) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut it = raw.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\'' if quote == Quote::Single && it.peek() == Some(&'\'') => {
                it.next();
                out.push('\'');
            }
            '\\' if quote == Quote::Double => escape(&mut it, &mut out),
            '\r' if it.peek() == Some(&'\n') => {}
            '\n' => fold_break(&mut it, &mut out),
            c => out.push(c),
        }
    }
    out
}

/// A line break inside a flow scalar: one break folds to a space, each
/// further empty line stays a newline, and edge whitespace is dropped.
fn fold_break(it: &mut Peekable<Chars<'_>>, out: &mut String) {
    while out.ends_with([' ', '\t']) {
        out.pop();
    }
    let mut breaks = 0;
    loop {
        while matches!(it.peek(), Some(' ' | '\t' | '\r')) {
            it.next();
        }
        if it.peek() != Some(&'\n') {
            break;
        }
        it.next();
        breaks += 1;
    }
    if breaks == 0 {
        out.push(' ');
    }
    out.extend(std::iter::repeat_n('\n', breaks));
}

fn escape(it: &mut Peekable<Chars<'_>>, out: &mut String) {
    let Some(c) = it.next() else {
        out.push('\\');
        return;
    };
    let decoded = match c {
        '0' => '\0',
        'a' => '\x07',
        'b' => '\x08',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\x0b',
        'f' => '\x0c',
        'r' => '\r',
        'e' => '\x1b',
        ' ' | '"' | '/' | '\\' => c,
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        'x' | 'u' | 'U' => return hex_escape(it, c, out),
        '\n' | '\r' => {
            // An escaped line break joins the lines without a space.
            while matches!(it.peek(), Some(' ' | '\t' | '\n')) {
                it.next();
            }
            return;
        }
        other => {
            out.push('\\');
            other
        }
    };
    out.push(decoded);
}

fn hex_escape(it: &mut Peekable<Chars<'_>>, kind: char, out: &mut String) {
    let width = match kind {
        'x' => 2,
        'u' => 4,
        _ => 8,
    };
    let mut digits = String::new();
    while digits.len() < width {
        match it.peek() {
            Some(d) if d.is_ascii_hexdigit() => digits.push(*d),
            _ => break,
        }
        it.next();
    }
    let decoded = u32::from_str_radix(&digits, 16)
        .ok()
        .and_then(char::from_u32);
    match decoded {
        Some(ch) if digits.len() == width => out.push(ch),
        _ => {
            out.push('\\');
            out.push(kind);
            out.push_str(&digits);
        }
    }
}

/// Spaces before the line holding `at`: the parent's indentation, against
/// which an explicit block indentation indicator counts.
fn line_indent(src: &str, at: usize) -> usize {
    let before = src.get(..at).unwrap_or("");
    let line = before.rfind('\n').map_or(before, |i| &before[i + 1..]);
    line.bytes().take_while(|b| *b == b' ').count()
}

/// `|` / `>` scalars: header indicators, indentation, folding and chomping.
fn block_scalar(raw: &str, parent_indent: usize) -> String {
    let (header, body) = raw.split_once('\n').unwrap_or((raw, ""));
    let header = header.split('#').next().unwrap_or("");
    let body = body.strip_suffix('\n').unwrap_or(body);
    let lines: Vec<&str> = body.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let blank = |l: &str| l.trim_start_matches(' ').is_empty();
    let explicit = header
        .chars()
        .find_map(|c| c.to_digit(10))
        .filter(|d| *d > 0);
    let indent = match explicit {
        Some(d) => parent_indent + d as usize,
        None => lines
            .iter()
            .find(|l| !blank(l))
            .map_or(0, |l| l.len() - l.trim_start_matches(' ').len()),
    };
    let strip = |l: &'_ str| -> String {
        let spaces = l.len() - l.trim_start_matches(' ').len();
        l[spaces.min(indent)..].to_string()
    };
    let trailing = lines.iter().rev().take_while(|l| blank(l)).count();
    let content: Vec<String> = lines[..lines.len() - trailing]
        .iter()
        .map(|l| strip(l))
        .collect();
    let mut out = if header.starts_with('>') {
        fold_block(&content)
    } else {
        content.join("\n")
    };
    let has_content = !content.is_empty();
    let breaks = match (header.contains('-'), header.contains('+')) {
        (true, _) => 0,
        (false, true) => usize::from(has_content) + trailing,
        (false, false) => usize::from(has_content),
    };
    out.extend(std::iter::repeat_n('\n', breaks));
    out
}

/// Folded (`>`) content: breaks between normal lines become spaces, empty
/// lines and more-indented lines keep their breaks.
fn fold_block(lines: &[String]) -> String {
    let mut out = String::new();
    let mut previous_normal = None;
    let mut blanks = 0;
    for line in lines {
        if line.trim().is_empty() {
            blanks += 1;
            continue;
        }
        let normal = !line.starts_with([' ', '\t']);
        let breaks = match previous_normal {
            None => blanks,
            Some(true) if normal && blanks == 0 => {
                out.push(' ');
                0
            }
            Some(true) if normal => blanks,
            Some(_) => blanks + 1,
        };
        out.extend(std::iter::repeat_n('\n', breaks));
        out.push_str(line);
        previous_normal = Some(normal);
        blanks = 0;
    }
    out
}
