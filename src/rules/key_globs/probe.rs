//! Cheap necessary conditions for a case-insensitive key glob, read off the
//! literal text of its trailing segments: how many parts a matching key has
//! at least, and how its last parts begin and end.
//!
//! Nearly every key fails nearly every glob, and it mostly fails on its last
//! part: comparing a few bytes there turns it away before the glob's
//! segments are matched. A probe only ever rejects keys the glob could not
//! match, so answers stay [`PathGlob`]'s.

use crate::rules::glob::PathGlob;

/// The probes of one glob; a glob that yields none admits every key.
#[derive(Debug, Default)]
pub(super) struct Probes {
    /// The fewest parts a key it matches has.
    min_parts: usize,
    /// By part, nearest the end first.
    parts: Vec<PartProbe>,
}

/// What one part of a key must look like for a glob segment to match it,
/// in the segment's folded (lower-case) form.
#[derive(Debug)]
struct PartProbe {
    /// Which part, counted from the last (0).
    from_end: usize,
    /// The literal text before the segment's first `*`.
    prefix: Box<[u8]>,
    /// The literal text after its last `*`.
    suffix: Box<[u8]>,
    /// The length of its literal pieces together, which no match is shorter than.
    min_len: usize,
    /// No `*`: a match is exactly the literal.
    exact: bool,
}

impl Probes {
    /// The probes of `glob`, or none when it is case-sensitive (key globs
    /// are not, but nothing here relies on it).
    pub(super) fn of(glob: &PathGlob) -> Probes {
        let source = glob.as_str();
        if PathGlob::new(source, true) != *glob {
            return Probes::default();
        }
        let segments: Vec<&str> = source.split('.').collect();
        let min_parts = segments.iter().filter(|s| **s != "**").count();
        let anchored = segments.first() == Some(&"**") && !segments[1..].contains(&"**");
        let probed: &[&str] = match segments.split_last() {
            _ if anchored => &segments[1..],
            Some((last, _)) if *last != "**" => std::slice::from_ref(last),
            _ => &[],
        };
        let parts = probed
            .iter()
            .rev()
            .enumerate()
            .map(|(from_end, segment)| PartProbe::of(from_end, segment))
            .collect();
        Probes { min_parts, parts }
    }

    /// Whether a key given as parts may match the glob: `false` only when it
    /// cannot. `last_is_ascii` says the caller has already seen that the
    /// last part is ASCII.
    pub(super) fn admit<S: AsRef<str>>(&self, key_path: &[S], last_is_ascii: bool) -> bool {
        key_path.len() >= self.min_parts
            && self.parts.iter().all(|p| {
                let part = key_path[key_path.len() - 1 - p.from_end].as_ref();
                let ascii = (last_is_ascii && p.from_end == 0) || part.is_ascii();
                !ascii || p.admits_ascii(part.as_bytes())
            })
    }
}

impl PartProbe {
    fn of(from_end: usize, segment: &str) -> PartProbe {
        let folded = segment.to_lowercase();
        let pieces: Vec<&str> = folded.split('*').collect();
        let first = pieces.first().copied().unwrap_or_default();
        let last = pieces.last().copied().unwrap_or_default();
        PartProbe {
            from_end,
            prefix: first.as_bytes().into(),
            suffix: last.as_bytes().into(),
            min_len: pieces.iter().map(|p| p.len()).sum(),
            exact: pieces.len() == 1,
        }
    }

    /// Only for ASCII parts: the folded form of any other may differ in
    /// length, so it is the glob's to work out.
    fn admits_ascii(&self, part: &[u8]) -> bool {
        let long_enough = if self.exact {
            part.len() == self.min_len
        } else {
            part.len() >= self.min_len
        };
        long_enough
            && folded_eq(&self.suffix, &part[part.len() - self.suffix.len()..])
            && folded_eq(&self.prefix, &part[..self.prefix.len()])
    }
}

/// `folded` (lower-case) against ASCII `text` of the same length, folding
/// `text` as it is compared; from the end, where keys differ soonest.
fn folded_eq(folded: &[u8], text: &[u8]) -> bool {
    folded
        .iter()
        .rev()
        .zip(text.iter().rev())
        .all(|(&f, &t)| f == t.to_ascii_lowercase())
}
