//! The JavaScript / TypeScript / TSX front end: turns JS-family syntax into the
//! language-neutral facts of [`crate::facts`] (calls, bindings, imports).
//!
//! It owns parsing with tree-sitter, callee normalisation and file-local import
//! alias resolution. It must not match rules, decide what is a finding, or
//! report anything: rules only ever see the facts (and the raw tree, for
//! tree-sitter `query` rules).
//!
//! Hostile input is expected: the walk is iterative, every recursive helper is
//! depth-bounded, and a per-file budget caps how many values are built, so a
//! pathological file costs time proportional to its size and never the stack.
//!
//! This file holds the public API and parser setup. The rest, one job a file:
//! `tables` (node-kind and field-id tables), `extractor` (walk and dispatch),
//! `calls`, `assigns` and `imports` (the facts and the alias table), `paths`
//! (callee normalisation), `values`, `concat` and `literals` (value conversion), and
//! `resolve` (applying import aliases after the walk); for the project pass,
//! `routes`, `nest` and `exports` (route, mount, export and binding facts);
//! `lex` (a lexer that needs no parse) and, on it, `string_scan` (a file's
//! string literals) and `log_slice` (the pieces the logging rules need).

mod assigns;
mod calls;
mod concat;
mod exports;
mod extractor;
mod imports;
mod lex;
mod literals;
mod log_slice;
mod nest;
mod paths;
mod resolve;
mod routes;
mod string_scan;
mod tables;
mod values;

#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::ops::Range;

use tree_sitter::{Language, Parser, Tree};

use crate::facts::{Extraction, ParseProblem};

pub use lex::{lex_all, Lexed};
pub use log_slice::{log_slice, log_slice_lexed, LogSlice};
pub use string_scan::{string_literals, string_literals_in, StringLiteral};

use extractor::Extractor;
use tables::tables;

/// Past this depth, value conversion yields `Unknown` and path walks give up:
/// deep enough for real code, shallow enough for a 2 MiB stack.
const MAX_DEPTH: usize = 256;

/// Which tree-sitter grammar a file needs.
///
/// The caller picks it from the file extension; the three grammars differ
/// enough (type syntax, `<T>x` casts versus JSX) that one cannot parse all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JsDialect {
    /// `.js`, `.mjs`, `.cjs`, `.jsx`.
    JavaScript,
    /// `.ts`, `.mts`, `.cts`.
    TypeScript,
    /// `.tsx`.
    Tsx,
}

impl JsDialect {
    fn index(self) -> usize {
        match self {
            JsDialect::JavaScript => 0,
            JsDialect::TypeScript => 1,
            JsDialect::Tsx => 2,
        }
    }
}

/// The grammar for a dialect (JavaScript grammar also covers JSX).
///
/// Public so that raw tree-sitter `query` rules compile against the same
/// language the tree was parsed with.
pub fn grammar(dialect: JsDialect) -> Language {
    match dialect {
        JsDialect::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
        JsDialect::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
        JsDialect::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
    }
}

/// A parsed JS/TS file: the tree (kept for raw tree-sitter `query` rules) and its facts.
///
/// Both come from the one parse, so query rules and fact rules never disagree
/// about what the file says and the file is never parsed twice.
pub struct ParsedJs {
    /// The syntax tree of the whole file (possibly with ERROR nodes).
    pub tree: Tree,
    /// The facts found in the tree, in source order.
    pub extraction: Extraction,
}

/// Parses once and extracts facts. Never panics on any input.
///
/// A file that does not parse cleanly still yields its tree and the facts of
/// whatever tree-sitter recovered, with `extraction.problem` saying where.
pub fn parse_js(text: &str, dialect: JsDialect) -> ParsedJs {
    let Some(tree) = parse_tree(text, dialect) else {
        let extraction = Extraction {
            facts: Vec::new(),
            problem: Some(ParseProblem {
                message: "syntax error: the parser gave up on this file".to_string(),
                span: None,
            }),
        };
        return ParsedJs {
            tree: empty_tree(dialect),
            extraction,
        };
    };
    let mut extractor = Extractor::new(text, tables(dialect));
    let root = tree.root_node();
    extractor.walk(root);
    let extraction = extractor.finish(root.has_error());
    ParsedJs { tree, extraction }
}

/// Parses only `pieces` of `text` (from [`log_slice`]), each ended by a `;`
/// put in the byte after it, and extracts their facts, which keep their
/// offsets in `text`. `None` when the pieces do not parse cleanly: the
/// caller then parses the whole file.
pub fn parse_js_pieces(
    text: &str,
    dialect: JsDialect,
    pieces: &[Range<usize>],
) -> Option<ParsedJs> {
    let mut bytes = text.as_bytes().to_vec();
    if pieces.last().is_some_and(|p| p.end >= bytes.len()) {
        bytes.push(b' ');
    }
    for piece in pieces {
        bytes[piece.end] = b';';
    }
    let buffer = String::from_utf8(bytes).ok()?;
    let mut ranges = Vec::with_capacity(pieces.len());
    let mut position = Position::default();
    for piece in pieces {
        let start_point = position.advance_to(&buffer, piece.start);
        let end_point = position.advance_to(&buffer, piece.end + 1);
        ranges.push(tree_sitter::Range {
            start_byte: piece.start,
            end_byte: piece.end + 1,
            start_point,
            end_point,
        });
    }
    let tree = with_parser(dialect, |parser| {
        let tree = parser
            .set_included_ranges(&ranges)
            .ok()
            .and_then(|()| parse_watched(parser, &buffer));
        parser
            .set_included_ranges(&[])
            .expect("the whole text is always a valid range");
        tree
    })?;
    let root = tree.root_node();
    if root.has_error() {
        return None;
    }
    let mut extractor = Extractor::new(&buffer, tables(dialect));
    extractor.walk(root);
    let extraction = extractor.finish(false);
    Some(ParsedJs { tree, extraction })
}

/// A row and column walked forward through a text, for tree-sitter points.
#[derive(Default)]
struct Position {
    byte: usize,
    row: usize,
    column: usize,
}

impl Position {
    fn advance_to(&mut self, text: &str, byte: usize) -> tree_sitter::Point {
        for b in &text.as_bytes()[self.byte..byte] {
            if *b == b'\n' {
                self.row += 1;
                self.column = 0;
            } else {
                self.column += 1;
            }
        }
        self.byte = byte;
        tree_sitter::Point::new(self.row, self.column)
    }
}

thread_local! {
    /// One parser per dialect per thread: creating a parser allocates, and a
    /// scan parses thousands of files on a few threads.
    static PARSERS: RefCell<[Option<Parser>; 3]> = const { RefCell::new([None, None, None]) };
}

fn new_parser(dialect: JsDialect) -> Parser {
    let mut parser = Parser::new();
    parser
        .set_language(&grammar(dialect))
        .expect("bundled grammars match the tree-sitter ABI");
    parser
}

fn parse_tree(text: &str, dialect: JsDialect) -> Option<Tree> {
    with_parser(dialect, |parser| parse_watched(parser, text))
}

/// Runs `parse` with this thread's parser for `dialect`.
fn with_parser(
    dialect: JsDialect,
    parse: impl FnOnce(&mut Parser) -> Option<Tree>,
) -> Option<Tree> {
    let mut parse = Some(parse);
    let cached = PARSERS.try_with(|cell| {
        let mut slots = cell.try_borrow_mut().ok()?;
        let parser = slots[dialect.index()].get_or_insert_with(|| new_parser(dialect));
        let tree = (parse.take()?)(parser);
        if tree.is_none() {
            // A parser that gave up may hold half-done state; never reuse it as is.
            parser.reset();
        }
        tree
    });
    match (cached, parse) {
        (Ok(tree), _) => tree,
        // Thread-local storage is gone (thread teardown) or busy: use a fresh parser.
        (Err(_), Some(parse)) => parse(&mut new_parser(dialect)),
        (Err(_), None) => None,
    }
}

/// Parses, giving up (`None`) once the file is past its time budget.
fn parse_watched(parser: &mut Parser, text: &str) -> Option<Tree> {
    let mut past_budget = |_: &tree_sitter::ParseState| crate::watch::expired();
    let options = tree_sitter::ParseOptions::new().progress_callback(&mut past_budget);
    let bytes = text.as_bytes();
    parser.parse_with_options(
        &mut |offset, _| bytes.get(offset..).unwrap_or_default(),
        None,
        Some(options),
    )
}

/// A tree for the empty file, so `ParsedJs` always has a tree to hand out.
fn empty_tree(dialect: JsDialect) -> Tree {
    new_parser(dialect)
        .parse("", None)
        .expect("a fresh parser without timeout always parses the empty text")
}
