//! The `query` matcher: a rule's raw tree-sitter query run over a JS/TS
//! file's tree, each `@finding` capture one hit.
//!
//! Only the query escape hatch lives here; fact matchers are elsewhere. It
//! runs a query only on a file of a dialect the rule covers, parsed, and
//! holding one of the rule's keywords; it never parses.

use std::cell::RefCell;

use tree_sitter::{QueryCursor, StreamingIterator};

use super::matcher::{FileView, Hit};
use super::QueryMatcher;
use crate::facts::Span;
use crate::lang::Parsed;

thread_local! {
    /// A query cursor per worker thread: a fresh cursor allocates its match
    /// state, and a scan runs every query rule on thousands of files.
    static CURSOR: RefCell<QueryCursor> = RefCell::new(QueryCursor::new());
}

/// Runs the rule's query on the file's tree, when it has one and the
/// pre-filter found one of the rule's keywords in its text.
pub fn match_query(rule: usize, m: &QueryMatcher, view: &FileView<'_>, out: &mut Vec<Hit>) {
    let Some(Parsed {
        js_tree: Some((dialect, tree)),
        ..
    }) = view.parsed
    else {
        return;
    };
    if !view.found.any_of(&m.keywords) {
        return;
    }
    let Some(Ok((query, finding))) = m.for_dialect(*dialect) else {
        return;
    };
    let mut run = |cursor: &mut QueryCursor| {
        let mut matches = cursor.matches(query, tree.root_node(), view.text.as_bytes());
        while let Some(found) = matches.next() {
            for capture in found.captures.iter().filter(|c| c.index == *finding) {
                let range = capture.node.byte_range();
                out.push(Hit {
                    rule,
                    span: Span::new(range.start, range.end),
                    secret: None,
                    vars: Vec::new(),
                    value_span: None,
                });
            }
        }
    };
    let reused = CURSOR.try_with(|cell| match cell.try_borrow_mut() {
        Ok(mut cursor) => {
            run(&mut cursor);
            true
        }
        Err(_) => false,
    });
    if reused != Ok(true) {
        run(&mut QueryCursor::new());
    }
}
