//! Globs over dotted paths: callees (`bcrypt.hash`, `**.cookie`) and
//! configuration key paths (`**.NODE_TLS_REJECT_UNAUTHORIZED`).
//!
//! A path is split on `.`; `**` stands for any number of segments (none
//! included) and `*` inside a segment for any run of characters in that
//! segment. Only matching lives here; where paths come from is the front
//! ends' business.

/// One segment of a compiled glob.
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    /// `**`: zero or more whole segments.
    AnyDepth,
    /// A segment pattern, possibly with `*` wildcards.
    Pattern(String),
}

/// A compiled dotted-path glob.
#[derive(Debug, Clone, PartialEq)]
pub struct PathGlob {
    source: String,
    segments: Vec<Segment>,
    ignore_case: bool,
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
        let segments = pattern
            .split('.')
            .map(|seg| match seg {
                "**" => Segment::AnyDepth,
                other => Segment::Pattern(fold(other)),
            })
            .collect();
        PathGlob {
            source: pattern.to_string(),
            segments,
            ignore_case,
        }
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
                Segment::Pattern(p) if !p.contains('*') => Some(p.trim_end_matches("()")),
                _ => None,
            })
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// Whether a dotted path matches.
    pub fn matches(&self, path: &str) -> bool {
        let folded;
        let path = if self.ignore_case {
            folded = path.to_lowercase();
            folded.as_str()
        } else {
            path
        };
        let parts: Vec<&str> = path.split('.').collect();
        self.matches_parts(&parts)
    }

    /// Whether a path given as segments matches.
    pub fn matches_segments<S: AsRef<str>>(&self, parts: &[S]) -> bool {
        let folded: Vec<String>;
        let parts: Vec<&str> = if self.ignore_case {
            folded = parts.iter().map(|p| p.as_ref().to_lowercase()).collect();
            folded.iter().map(String::as_str).collect()
        } else {
            parts.iter().map(AsRef::as_ref).collect()
        };
        self.matches_parts(&parts)
    }

    fn matches_parts(&self, parts: &[&str]) -> bool {
        match_from(&self.segments, parts)
    }
}

fn match_from(segments: &[Segment], parts: &[&str]) -> bool {
    match segments.split_first() {
        None => parts.is_empty(),
        Some((Segment::AnyDepth, rest)) => {
            (0..=parts.len()).any(|skip| match_from(rest, &parts[skip..]))
        }
        Some((Segment::Pattern(p), rest)) => match parts.split_first() {
            Some((first, tail)) => wildcard_match(p, first) && match_from(rest, tail),
            None => false,
        },
    }
}

/// `*` matches any run of characters; everything else is literal.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let mut pieces = pattern.split('*');
    let first = pieces.next().unwrap_or("");
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let pieces: Vec<&str> = pieces.collect();
    let Some((last, middle)) = pieces.split_last() else {
        return rest.is_empty();
    };
    for piece in middle {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
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
}
