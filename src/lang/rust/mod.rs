//! Rust front end: turns Rust source, parsed with `syn`, into the
//! language-neutral facts of [`crate::facts`] (calls, bindings, imports).
//!
//! This module owns only the translation from Rust syntax to facts. It must
//! not match rules, judge what is a finding, or report anything: matchers and
//! reporters downstream do that, for every language alike.
//!
//! This file holds the public entry point and the top-level parse and
//! problem handling; each job of the translation lives in its own file.

mod chains;
mod emit;
mod extractor;
mod format;
mod log_slice;
mod macro_args;
mod macro_facts;
mod nesting;
mod paths;
mod routes;
mod spans;
mod string_scan;
mod uses;
mod value;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_values_spans;

use std::borrow::Cow;

use syn::visit::Visit;

use crate::facts::{Extraction, ParseProblem, Span};

use extractor::Extractor;

pub use log_slice::{rust_log_slice, RustLogSlice};
pub use string_scan::string_literals;

/// How deep our own traversal and value building may go; past it we stop
/// descending, so adversarial nesting cannot exhaust the caller's stack.
const MAX_DEPTH: usize = 256;

/// Parses Rust source with syn and extracts facts. Never panics on any input.
/// When syn cannot parse the file, returns an Extraction with no facts and
/// `problem` set (message from syn, span from the error's location).
pub fn extract_rust(text: &str) -> Extraction {
    let source = mask_preamble(text);
    let extraction = match nesting::parse_file(&source) {
        Ok(file) => {
            // Offsets are counted in the masked text: its bytes line up with
            // `text`, and its chars line up with proc-macro2's columns.
            let mut extractor = Extractor::new(&source);
            extractor.collect_uses(&file.items, 0);
            extractor.visit_file(&file);
            Extraction {
                facts: extractor.finish(),
                problem: None,
            }
        }
        Err(err) => {
            let range = err.span().byte_range();
            let start = range.start.min(text.len());
            let end = range.end.clamp(start, text.len());
            Extraction {
                facts: Vec::new(),
                problem: Some(ParseProblem {
                    message: err.to_string(),
                    span: Some(Span::new(start, end)),
                }),
            }
        }
    };
    // proc-macro2 keeps every parsed text in a per-thread map for span
    // lookups; nothing of this parse is alive any more, so free it, or a long
    // scan would hold all Rust sources in memory and wrap its 32-bit offsets.
    proc_macro2::extra::invalidate_current_thread_spans();
    extraction
}

/// `parse_file` strips a BOM and a shebang line and then reports offsets
/// relative to what is left; blanking them with spaces keeps offsets exact.
fn mask_preamble(text: &str) -> Cow<'_, str> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let shebang = match rest.strip_prefix("#!") {
        Some(after) if !after.trim_start().starts_with('[') => {
            rest.find('\n').unwrap_or(rest.len())
        }
        _ => 0,
    };
    if bom + shebang == 0 {
        return Cow::Borrowed(text);
    }
    let mut masked = " ".repeat(bom + shebang);
    masked.push_str(&text[bom + shebang..]);
    Cow::Owned(masked)
}
