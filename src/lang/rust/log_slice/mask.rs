//! The sliced text: the file blanked but for its kept pieces, wrapped so
//! that `syn` parses it as a file.

use std::ops::Range;

/// The text blanked but for `uses` and `calls`, with the calls made
/// statements of one function; `None` when there is no blank room for the
/// function's head (`fn f(){`), a `;` or its closing `}`.
pub(super) fn mask(text: &str, uses: &[Range<usize>], calls: &[Range<usize>]) -> Option<String> {
    let bytes = text.as_bytes();
    let mut masked: Vec<u8> = bytes
        .iter()
        .map(|&b| if b == b'\n' { b'\n' } else { b' ' })
        .collect();
    let mut pieces: Vec<(Range<usize>, bool)> = uses
        .iter()
        .map(|r| (r.clone(), false))
        .chain(calls.iter().map(|r| (r.clone(), true)))
        .collect();
    pieces.sort_by_key(|(r, _)| r.start);
    // A `use` item inside a kept macro invocation is part of it already.
    pieces.dedup_by(|later, earlier| later.0.start < earlier.0.end);
    let mut free_from = 0;
    let mut opened = false;
    for (at, (range, call)) in pieces.iter().enumerate() {
        if *call && !opened {
            let head = b"fn f(){";
            let room = blank_run(&masked, free_from..range.start, head.len())?;
            masked[room..room + head.len()].copy_from_slice(head);
            opened = true;
        }
        masked[range.clone()].copy_from_slice(&bytes[range.clone()]);
        free_from = range.end;
        if *call {
            if bytes.get(range.end) == Some(&b';') {
                masked[range.end] = b';';
                free_from = range.end + 1;
            } else {
                let next = pieces.get(at + 1).map_or(text.len(), |(r, _)| r.start);
                let room = blank_run(&masked, range.end..next, 1)?;
                masked[room] = b';';
                free_from = room + 1;
            }
        }
    }
    let room = blank_run(&masked, free_from..text.len(), 1)?;
    masked[room] = b'}';
    String::from_utf8(masked).ok()
}

/// The start of the first run of `len` spaces within `within`.
fn blank_run(masked: &[u8], within: Range<usize>, len: usize) -> Option<usize> {
    let mut run = 0;
    for at in within {
        if masked[at] == b' ' {
            run += 1;
            if run == len {
                return Some(at + 1 - len);
            }
        } else {
            run = 0;
        }
    }
    None
}
