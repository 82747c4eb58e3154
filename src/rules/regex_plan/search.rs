//! A file's side of a plan: its text, with what plans ask of it computed
//! once ([`Haystack`]), the places a plan leaves in it ([`Places`]), and a
//! regex run over only those places ([`captures_in`]).

use std::cell::OnceCell;
use std::ops::Range;

use regex::{Captures, Regex};

use super::syntax::FOLDS_TO_ASCII;

/// A file's text, with what plans ask of it computed once.
pub struct Haystack<'a> {
    pub(super) text: &'a str,
    folds_to_ascii: OnceCell<bool>,
    /// The text with ASCII letters in lower case (same byte offsets): a
    /// case-sensitive search of it is a case-insensitive search of the text,
    /// and can use the fast packed searchers that ignoring case rules out.
    lowered: OnceCell<Vec<u8>>,
}

impl<'a> Haystack<'a> {
    /// The text of one file.
    pub fn new(text: &'a str) -> Haystack<'a> {
        Haystack {
            text,
            folds_to_ascii: OnceCell::new(),
            lowered: OnceCell::new(),
        }
    }

    /// The text with ASCII letters lower-cased, made the first time a
    /// case-folded plan asks.
    pub(super) fn lowered(&self) -> &[u8] {
        self.lowered
            .get_or_init(|| self.text.as_bytes().to_ascii_lowercase())
    }

    /// Whether the text holds a character that a case-insensitive regex
    /// takes for an ASCII letter, which case-folded plans cannot see.
    pub(super) fn folds_to_ascii(&self) -> bool {
        *self
            .folds_to_ascii
            .get_or_init(|| FOLDS_TO_ASCII.iter().any(|&c| self.text.contains(c)))
    }
}

/// Where a pattern can match in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Places {
    /// Nowhere: the file lacks every literal a match needs.
    Nowhere,
    /// Anywhere: run the regex over the whole text.
    Everywhere,
    /// Only inside these byte ranges (whole lines, sorted, disjoint).
    Windows(Vec<Range<usize>>),
}

/// Calls `each` with every match of `regex` in `text`, in order, searching
/// only `places`; the same matches as `regex.captures_iter(text)` when the
/// places come from the regex's plan.
pub fn captures_in<'t>(
    regex: &Regex,
    text: &'t str,
    places: &Places,
    mut each: impl FnMut(&Captures<'t>),
) {
    match places {
        Places::Nowhere => {}
        Places::Everywhere => regex.captures_iter(text).for_each(|caps| each(&caps)),
        // Every match lies inside one window, and a window ends at a line
        // end, so searching each (with the text before it as context) finds
        // exactly the matches of the whole text.
        Places::Windows(windows) => {
            for window in windows {
                let haystack = &text[..window.end];
                let mut at = window.start;
                while let Some(caps) = regex.captures_at(haystack, at) {
                    let whole = caps.get(0).expect("group 0 always participates in a match");
                    each(&caps);
                    at = match haystack[whole.end()..].chars().next() {
                        _ if whole.end() > whole.start() => whole.end(),
                        Some(c) => whole.end() + c.len_utf8(),
                        None => break,
                    };
                }
            }
        }
    }
}

/// The lines holding `hit`, widened by `reach` lines on each side. The end
/// stops before the line break, where the pattern's word boundaries and
/// multi-line anchors see what they would in the whole text.
pub(super) fn lines_around(text: &str, hit: &Range<usize>, reach: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let line_start = |pos: usize| text[..pos].rfind('\n').map_or(0, |at| at + 1);
    let line_end = |pos: usize| text[pos..].find('\n').map_or(bytes.len(), |at| pos + at);
    let mut start = line_start(hit.start);
    for _ in 0..reach {
        if start == 0 {
            break;
        }
        start = line_start(start - 1);
    }
    let mut end = line_end(hit.end);
    for _ in 0..reach {
        if end >= bytes.len() {
            break;
        }
        end = line_end(end + 1);
    }
    start..end
}
