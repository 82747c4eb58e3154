//! The key path of the one-pass JSON reader (`json_fast`): the segments of
//! the value being read, borrowed from the source where they can be.
//!
//! Every entry kept owns its whole path, so the path is copied once per
//! entry kept; what this saves is everything else: a key without escapes is
//! never copied until an entry needs it, the caller's filter reads borrowed
//! segments, and array indexes are formatted once per reader rather than
//! once per item.

use std::borrow::Cow;

/// Array indexes below this are formatted once and kept; later ones (in
/// huge arrays) are formatted per item, so the cache stays small.
const CACHED_INDEXES: usize = 4096;

/// The segments from the document root to the value being read.
#[derive(Default)]
pub(super) struct KeyPath<'s> {
    segments: Vec<Segment<'s>>,
    /// `"0"`, `"1"`, … as far as an array has reached, up to [`CACHED_INDEXES`].
    index_names: Vec<String>,
}

enum Segment<'s> {
    Key(Cow<'s, str>),
    Index(usize),
}

impl<'s> KeyPath<'s> {
    /// Descends into an object member.
    pub(super) fn push_key(&mut self, key: Cow<'s, str>) {
        self.segments.push(Segment::Key(key));
    }

    /// Descends into an array item.
    pub(super) fn push_index(&mut self, index: usize) {
        if index >= CACHED_INDEXES {
            self.push_key(Cow::Owned(index.to_string()));
            return;
        }
        while self.index_names.len() <= index {
            self.index_names.push(self.index_names.len().to_string());
        }
        self.segments.push(Segment::Index(index));
    }

    /// Leaves the innermost segment.
    pub(super) fn pop(&mut self) {
        self.segments.pop();
    }

    /// How many segments deep the path is.
    pub(super) fn len(&self) -> usize {
        self.segments.len()
    }

    /// The last of the first `len` segments.
    pub(super) fn last_of(&self, len: usize) -> Option<&str> {
        len.checked_sub(1).map(|at| self.segment(at))
    }

    /// The first `len` segments and then `key`, if any, borrowed.
    pub(super) fn view<'p>(&'p self, len: usize, key: Option<&'p str>) -> Vec<&'p str> {
        let mut out = Vec::with_capacity(len + usize::from(key.is_some()));
        out.extend((0..len).map(|at| self.segment(at)));
        out.extend(key);
        out
    }

    /// The first `len` segments and then `key`, if any, as an entry owns
    /// them.
    pub(super) fn owned(&self, len: usize, key: Option<String>) -> Vec<String> {
        let mut out = Vec::with_capacity(len + usize::from(key.is_some()));
        out.extend((0..len).map(|at| self.segment(at).to_owned()));
        out.extend(key);
        out
    }

    fn segment(&self, at: usize) -> &str {
        match &self.segments[at] {
            Segment::Key(key) => key,
            Segment::Index(index) => &self.index_names[*index],
        }
    }
}
