//! Globs over dotted paths: callees (`bcrypt.hash`, `**.cookie`) and
//! configuration key paths (`**.NODE_TLS_REJECT_UNAUTHORIZED`).
//!
//! A path is split on `.`; `**` stands for any number of segments (none
//! included) and `*` inside a segment for any run of characters in that
//! segment. Only matching lives here; where paths come from is the front
//! ends' business.

use super::prefilter::FoundWords;

/// One segment of a compiled glob.
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    /// `**`: zero or more whole segments.
    AnyDepth,
    /// A segment pattern, possibly with `*` wildcards.
    Pattern(Pattern),
}

/// A segment pattern and its shape: most are plain words or a word with one
/// leading or trailing `*`, compared without the general wildcard search.
#[derive(Debug, Clone, PartialEq)]
struct Pattern {
    text: String,
    shape: Shape,
}

#[derive(Debug, Clone, PartialEq)]
enum Shape {
    /// No wildcard.
    Exact,
    /// `word*`.
    Prefix(String),
    /// `*word` (and `*`).
    Suffix(String),
    /// `*word*`.
    Contains(String),
    /// Anything else with a `*`.
    General,
}

impl Shape {
    fn of(pattern: &str) -> Shape {
        let pieces: Vec<&str> = pattern.split('*').collect();
        match pieces.as_slice() {
            [_] => Shape::Exact,
            ["", word] => Shape::Suffix(word.to_string()),
            [word, ""] => Shape::Prefix(word.to_string()),
            ["", word, ""] => Shape::Contains(word.to_string()),
            _ => Shape::General,
        }
    }
}

/// A compiled dotted-path glob.
#[derive(Debug, Clone, PartialEq)]
pub struct PathGlob {
    source: String,
    segments: Vec<Segment>,
    ignore_case: bool,
    /// The glob is `**` followed by segments without another `**`, so it
    /// only ever matches the last parts of a path.
    anchored_tail: bool,
    /// [`PathGlob::literal_words`], lower-cased as the pre-filter finds them.
    words: Vec<String>,
}

impl PathGlob {
    /// Compiles `pattern`; `ignore_case` for configuration keys.
    pub fn new(pattern: &str, ignore_case: bool) -> PathGlob {
        let fold = |s: &str| {
            if ignore_case {
                s.to_lowercase()
            } else {
                s.to_string()
            }
        };
        let segments: Vec<Segment> = pattern
            .split('.')
            .map(|seg| match seg {
                "**" => Segment::AnyDepth,
                other => {
                    let text = fold(other);
                    let shape = Shape::of(&text);
                    Segment::Pattern(Pattern { text, shape })
                }
            })
            .collect();
        let anchored_tail = matches!(segments.first(), Some(Segment::AnyDepth))
            && !segments[1..].contains(&Segment::AnyDepth);
        let mut glob = PathGlob {
            source: pattern.to_string(),
            segments,
            ignore_case,
            anchored_tail,
            words: Vec::new(),
        };
        glob.words = glob
            .literal_words()
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        glob
    }

    /// Whether the pre-filter found every literal word of the glob in the
    /// file: when one is missing, no callee there can match (see
    /// [`PathGlob::literal_words`]), so its facts need not be looked at.
    pub fn may_occur_in(&self, found: &FoundWords) -> bool {
        self.words
            .iter()
            .all(|word| found.any_of(std::slice::from_ref(word)))
    }

    /// The glob as written in the rule.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The words that must all occur in a file for this glob to match any
    /// callee or key in it: every segment without a wildcard (call markers
    /// such as `build()` reduced to the typed word). Import aliases only ever
    /// replace the first segment, and the import itself still names the
    /// module, so the words stay in the text.
    pub fn literal_words(&self) -> Vec<&str> {
        self.segments
            .iter()
            .filter_map(|seg| match seg {
                Segment::Pattern(p) if p.shape == Shape::Exact => {
                    Some(p.text.trim_end_matches("()"))
                }
                _ => None,
            })
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// Every run of literal characters of at least `min_len` in the glob's
    /// segments, lower-cased (`**.*ssl-protocols` gives `ssl-protocols`): a
    /// path the glob matches holds each of them.
    pub fn literal_fragments(&self, min_len: usize) -> Vec<String> {
        self.segments
            .iter()
            .filter_map(|seg| match seg {
                Segment::Pattern(p) => Some(p.text.trim_end_matches("()")),
                Segment::AnyDepth => None,
            })
            .flat_map(|text| text.split('*'))
            .filter(|run| run.len() >= min_len)
            .map(str::to_lowercase)
            .collect()
    }

    /// Whether a dotted path matches.
    pub fn matches(&self, path: &str) -> bool {
        let last = path.rfind('.').map_or(path, |dot| &path[dot + 1..]);
        if !self.last_part_may_match(last) {
            return false;
        }
        let mut parts: [&str; INLINE_PARTS] = [""; INLINE_PARTS];
        let mut count = 0;
        for part in path.split('.') {
            if count == INLINE_PARTS {
                let all: Vec<&str> = path.split('.').collect();
                return self.matches_segments(&all);
            }
            parts[count] = part;
            count += 1;
        }
        self.matches_segments(&parts[..count])
    }

    /// Whether a path given as segments matches.
    pub fn matches_segments<S: AsRef<str>>(&self, parts: &[S]) -> bool {
        let last = parts.last().map_or("", AsRef::as_ref);
        if !parts.is_empty() && !self.last_part_may_match(last) {
            return false;
        }
        if self.anchored_tail {
            // `**.a.b`: the only `**` leads, so the rest must match the last parts.
            let tail = &self.segments[1..];
            return parts.len() >= tail.len()
                && match_from(tail, &parts[parts.len() - tail.len()..], self.ignore_case);
        }
        match_from(&self.segments, parts, self.ignore_case)
    }
}

impl PathGlob {
    /// For a case-insensitive glob whose last segment ends in a literal
    /// character (`**.host`, `**.*url`), the byte that the lower-cased last
    /// part of every key it matches ends with; `None` when any last part
    /// may match (`**`, `word*`, `*`) or the glob is case-sensitive.
    pub fn folded_last_byte(&self) -> Option<u8> {
        match self.segments.last() {
            Some(Segment::Pattern(p)) if self.ignore_case => {
                // An exact word equals the (folded) part; any other pattern
                // not ending in `*` ends with its last literal piece.
                p.text.as_bytes().last().copied().filter(|&b| b != b'*')
            }
            _ => None,
        }
    }

    /// A glob ending in a segment pattern matches only paths whose last
    /// part matches that pattern: a check that rejects most callees and
    /// keys before the path is split.
    fn last_part_may_match(&self, last: &str) -> bool {
        match self.segments.last() {
            Some(Segment::Pattern(p)) => segment_matches(p, last, self.ignore_case),
            _ => true,
        }
    }
}

/// The globs of a matcher that may match in a file with these words; an
/// empty list lets the matcher skip the file's facts altogether.
pub fn live_globs<'g>(globs: &'g [PathGlob], found: &FoundWords) -> Vec<&'g PathGlob> {
    globs.iter().filter(|g| g.may_occur_in(found)).collect()
}

/// Paths with more segments than this are split into a heap vector; real
/// callees and key paths are far shorter.
const INLINE_PARTS: usize = 32;

fn match_from<S: AsRef<str>>(segments: &[Segment], parts: &[S], ignore_case: bool) -> bool {
    match segments.split_first() {
        None => parts.is_empty(),
        Some((Segment::AnyDepth, rest)) => {
            (0..=parts.len()).any(|skip| match_from(rest, &parts[skip..], ignore_case))
        }
        Some((Segment::Pattern(p), rest)) => match parts.split_first() {
            Some((first, tail)) => {
                segment_matches(p, first.as_ref(), ignore_case)
                    && match_from(rest, tail, ignore_case)
            }
            None => false,
        },
    }
}

/// One segment against its pattern (already folded when `ignore_case`).
/// ASCII text is folded byte by byte as it is compared; other text is
/// lower-cased first, as the pattern was.
fn segment_matches(pattern: &Pattern, text: &str, ignore_case: bool) -> bool {
    if ignore_case && !text.is_ascii() {
        return shape_matches(pattern, text.to_lowercase().as_bytes(), false);
    }
    shape_matches(pattern, text.as_bytes(), ignore_case)
}

/// `fold`: the pattern is lower-case and `text` ASCII, folded as compared.
fn shape_matches(pattern: &Pattern, text: &[u8], fold: bool) -> bool {
    let eq = |p: u8, t: u8| p == if fold { t.to_ascii_lowercase() } else { t };
    let same = |p: &[u8], t: &[u8]| p.len() == t.len() && p.iter().zip(t).all(|(&p, &t)| eq(p, t));
    match &pattern.shape {
        Shape::Exact => same(pattern.text.as_bytes(), text),
        Shape::Prefix(word) => {
            text.len() >= word.len() && same(word.as_bytes(), &text[..word.len()])
        }
        Shape::Suffix(word) => {
            text.len() >= word.len() && same(word.as_bytes(), &text[text.len() - word.len()..])
        }
        Shape::Contains(word) => text
            .windows(word.len().max(1))
            .any(|window| same(word.as_bytes(), &window[..word.len()])),
        Shape::General => wildcard_match_by(pattern.text.as_bytes(), text, eq),
    }
}

/// `*` matches any run of characters; everything else is literal.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    // Both sides are UTF-8, so a byte-wise match of a piece always starts
    // and ends on character boundaries.
    wildcard_match_by(pattern.as_bytes(), text.as_bytes(), |p, t| p == t)
}

fn wildcard_match_by(pattern: &[u8], text: &[u8], eq: impl Fn(u8, u8) -> bool + Copy) -> bool {
    let same = |a: &[u8], b: &[u8]| a.len() == b.len() && a.iter().zip(b).all(|(&p, &t)| eq(p, t));
    let mut pieces = pattern.split(|&b| b == b'*');
    let first = pieces.next().unwrap_or_default();
    if text.len() < first.len() || !same(first, &text[..first.len()]) {
        return false;
    }
    let mut rest = &text[first.len()..];
    let Some(mut piece) = pieces.next() else {
        return rest.is_empty();
    };
    for next in pieces {
        let found = (0..=rest.len().saturating_sub(piece.len()))
            .find(|&at| rest.len() >= at + piece.len() && same(piece, &rest[at..at + piece.len()]));
        match found {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
        piece = next;
    }
    rest.len() >= piece.len() && same(piece, &rest[rest.len() - piece.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_globs_match_exactly() {
        let g = PathGlob::new("bcrypt.hash", false);
        assert!(g.matches("bcrypt.hash"));
        assert!(!g.matches("bcrypt.hashSync"));
        assert!(!g.matches("my.bcrypt.hash"));
    }

    #[test]
    fn double_star_spans_any_number_of_segments() {
        let g = PathGlob::new("**.cookie", false);
        assert!(g.matches("res.cookie"));
        assert!(g.matches("this.res.cookie"));
        assert!(g.matches("cookie"));
        assert!(!g.matches("res.cookies"));
        let chain = PathGlob::new("**.http_only", false);
        assert!(chain.matches("Cookie.build().http_only"));
    }

    #[test]
    fn star_stays_inside_one_segment() {
        let g = PathGlob::new("bcrypt*.hash", false);
        assert!(g.matches("bcryptjs.hash"));
        assert!(!g.matches("bcrypt.x.hash"));
        assert!(wildcard_match("a*c*e", "abcde"));
        assert!(!wildcard_match("a*c", "abd"));
        assert!(wildcard_match("*", ""));
    }

    #[test]
    fn config_keys_ignore_case() {
        let g = PathGlob::new("**.node_tls_reject_unauthorized", true);
        assert!(g.matches_segments(&["spec", "env", "NODE_TLS_REJECT_UNAUTHORIZED"]));
        assert!(g.matches("NODE_TLS_REJECT_UNAUTHORIZED"));
        assert_eq!(g.literal_words(), ["node_tls_reject_unauthorized"]);
        let chain = PathGlob::new("Cookie.build().http_only", false);
        assert_eq!(chain.literal_words(), ["Cookie", "build", "http_only"]);
        assert!(PathGlob::new("**.*", false).literal_words().is_empty());
    }

    #[test]
    fn folding_covers_wildcards_unicode_and_long_paths() {
        let g = PathGlob::new("**.*Webhook*", true);
        assert!(g.matches_segments(&["hooks", "SLACK_WEBHOOK_URL"]));
        assert!(!g.matches_segments(&["hooks", "SLACK_HOOK"]));
        let shapes = |glob: &str, key: &str| PathGlob::new(glob, true).matches(key);
        assert!(shapes("**.*URL", "api.baseUrl") && !shapes("**.*url", "api.urls"));
        assert!(shapes("**.ssl*", "SSL_PROTOCOLS") && !shapes("**.ssl*", "use_ssl"));
        assert!(shapes("**.a*b*c", "aXbYc") && !shapes("**.a*b*c", "aXcYb"));
        assert!(shapes("**.*", "anything") && shapes("**.*hook*", "hook"));
        let u = PathGlob::new("**.Passwörd", true);
        assert!(u.matches_segments(&["db", "PASSWÖRD"]));
        assert!(!u.matches_segments(&["db", "PASSWORD"]));
        let mid = PathGlob::new("a.**.z", true);
        assert!(mid.matches("A.b.c.Z") && mid.matches("a.z") && !mid.matches("a.z.b"));
        let long = vec!["x"; 40].join(".") + ".cookie";
        assert!(PathGlob::new("**.cookie", false).matches(&long));
        assert!(PathGlob::new("x.**.cookie", false).matches(&long));
        assert!(!PathGlob::new("**.y", false).matches(&long));
    }
}
