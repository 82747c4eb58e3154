//! Where in a file a rule's regex can match at all, decided before it runs.
//!
//! Many secret patterns begin with a class (`[A-Za-z_$]…password`,
//! `[a-f0-9]{36}NRAL`) or are case-insensitive, so the regex engine finds no
//! literal to skip ahead with and walks every byte of every candidate file.
//! From the pattern's syntax this module derives a set of literals one of
//! which every match must contain (the best prefix, suffix or required part,
//! case-folded where the pattern ignores case) and how many line breaks a
//! match can span. A file without any of the literals is skipped; in a file
//! with a few, the regex runs only on the lines around them.
//!
//! The answer is exact, never a guess: a file is skipped, or a line left
//! out, only where the pattern provably cannot match. Which rules run, and
//! what a match becomes, is `matcher`'s business.
//!
//! `syntax` reads the pattern; `search` holds the file's side (its text, the
//! places left, the search over just those places).

mod search;
mod syntax;

use std::ops::Range;

use aho_corasick::{packed, AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::Look;

use search::lines_around;
pub use search::{captures_in, Haystack, Places};
pub use syntax::required_literals;
use syntax::{best_literals, fold_ascii_case, max_newlines, usable};

/// What a pattern's matches must contain, and how far they reach.
#[derive(Debug)]
pub struct RegexPlan {
    needles: Option<Needles>,
    /// Most line breaks inside one match; `None` when unbounded, or when a
    /// window's edge could change what the pattern's anchors see.
    reach: Option<usize>,
}

/// How a plan's literals are searched for.
#[derive(Debug)]
enum Finder {
    /// Leftmost hits, with the packed (SIMD) searcher: a hit hidden by an
    /// overlapping one starts inside it, so on its line.
    Packed(packed::Searcher),
    /// Every hit: a literal spans lines, so a hidden hit could reach
    /// another line (or the packed searcher does not take these literals).
    Overlapping(AhoCorasick),
}

/// Literals one of which every match contains.
#[derive(Debug)]
struct Needles {
    /// Finds them: in the text, or in its lower-cased copy when the pattern
    /// ignores case (then the literals are lower-cased too).
    finder: Finder,
    words: Vec<String>,
    /// Whether the pattern ignores case somewhere: literals are then
    /// matched ignoring ASCII case, and [`syntax::FOLDS_TO_ASCII`] stop the plan.
    folded: bool,
}

impl RegexPlan {
    /// The plan for `pattern`; a pattern this cannot read is run everywhere.
    pub fn new(pattern: &str) -> RegexPlan {
        let Ok(hir) = regex_syntax::ParserBuilder::new().build().parse(pattern) else {
            return RegexPlan::everywhere();
        };
        let mut folded = false;
        let plain = fold_ascii_case(&hir, &mut folded);
        // A case-sensitive pattern with literal prefixes of its own is
        // already searched by skipping to them; a plan would only add a pass.
        if !folded && usable(Extractor::new().extract(&hir)).is_some() {
            return RegexPlan::everywhere();
        }
        let needles = best_literals(&plain).and_then(|mut words| {
            if folded {
                words.iter_mut().for_each(|w| w.make_ascii_lowercase());
            }
            let packed = (!words.iter().any(|w| w.contains('\n')))
                .then(|| {
                    packed::Config::new()
                        .match_kind(packed::MatchKind::LeftmostFirst)
                        .builder()
                        .extend(&words)
                        .build()
                })
                .flatten();
            let finder = match packed {
                Some(searcher) => Finder::Packed(searcher),
                None => Finder::Overlapping(
                    AhoCorasickBuilder::new()
                        .match_kind(MatchKind::Standard)
                        .build(&words)
                        .ok()?,
                ),
            };
            Some(Needles {
                finder,
                words,
                folded,
            })
        });
        let anchors = hir.properties().look_set();
        let edge_sensitive = anchors.contains(Look::End)
            || anchors.contains(Look::StartCRLF)
            || anchors.contains(Look::EndCRLF);
        RegexPlan {
            needles,
            reach: if edge_sensitive {
                None
            } else {
                max_newlines(&hir)
            },
        }
    }

    fn everywhere() -> RegexPlan {
        RegexPlan {
            needles: None,
            reach: None,
        }
    }

    /// The literals every match contains (for tests and statistics).
    pub fn literals(&self) -> Option<&[String]> {
        self.needles.as_ref().map(|n| n.words.as_slice())
    }

    /// Where the pattern can match in a file.
    pub fn places(&self, haystack: &Haystack<'_>) -> Places {
        let Some(needles) = &self.needles else {
            return Places::Everywhere;
        };
        if needles.folded && haystack.folds_to_ascii() {
            return Places::Everywhere;
        }
        let text = haystack.text;
        let searched = if needles.folded {
            haystack.lowered()
        } else {
            text.as_bytes()
        };
        let mut hits: Vec<Range<usize>> = match &needles.finder {
            Finder::Packed(searcher) => searcher.find_iter(searched).map(|m| m.range()).collect(),
            Finder::Overlapping(automaton) => automaton
                .find_overlapping_iter(searched)
                .map(|m| m.range())
                .collect(),
        };
        if hits.is_empty() {
            return Places::Nowhere;
        }
        let Some(reach) = self.reach else {
            return Places::Everywhere;
        };
        hits.sort_by_key(|h| h.start);
        let mut windows: Vec<Range<usize>> = Vec::new();
        for hit in hits {
            if windows
                .last()
                .is_some_and(|w| w.start <= hit.start && hit.end <= w.end)
            {
                continue;
            }
            let window = lines_around(text, &hit, reach);
            match windows.last_mut() {
                Some(last) if window.start <= last.end => last.end = last.end.max(window.end),
                _ => windows.push(window),
            }
        }
        // Many small searches cost more than one pass.
        let covered: usize = windows.iter().map(|w| w.len()).sum();
        if covered > text.len() / 2 {
            return Places::Everywhere;
        }
        Places::Windows(windows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(pattern: &str) -> Vec<String> {
        let mut words = RegexPlan::new(pattern)
            .literals()
            .map(<[String]>::to_vec)
            .unwrap_or_default();
        words.sort();
        words
    }

    #[test]
    fn literals_come_from_prefixes_suffixes_and_required_parts() {
        assert!(
            literals(r"(?-u:\b)(?P<secret>ghp_[A-Za-z0-9]{36})").is_empty(),
            "the regex skips to its own prefix"
        );
        assert_eq!(literals(r"(?i)(?P<secret>ghp_[A-Za-z0-9]{36})"), ["ghp_"]);
        assert_eq!(
            literals(r"(?-u:\b)(?P<s>[a-f0-9]{36}NRAL|eu01xx[a-f0-9]{34}NRAL)(?-u:\b)"),
            ["NRAL"]
        );
        assert_eq!(
            literals(r"(?i)(?P<key>[A-Za-z_]*?(?:password|pwd))\s*=\s*'(?P<s>[^']{8,})'"),
            ["password", "pwd"]
        );
        assert!(literals(r"[a-z]{3}\.[0-9]+").is_empty(), "nothing required");
        assert!(literals(r"(?-u:\b)SK[a-f0-9]{32}").is_empty(), "too short");
    }

    #[test]
    fn a_file_without_the_literals_is_skipped() {
        let plan = RegexPlan::new(r"(?-u:\b)[a-f0-9]{32}NRAL");
        assert_eq!(
            plan.places(&Haystack::new("general\nnral")),
            Places::Nowhere
        );
        let plan = RegexPlan::new(r"(?i)password\s*=\s*'[^']+'");
        assert_ne!(
            plan.places(&Haystack::new("PassWord = 'x'")),
            Places::Nowhere
        );
    }

    #[test]
    fn matches_stay_inside_the_windows() {
        let plan = RegexPlan::new(r"(?i)password[ \t]*=[ \t]*'[^'\n]+'");
        let text = "a\nb\nlet password = 'hunter22';\nc\nd\n".repeat(3) + &"x".repeat(200);
        let Places::Windows(windows) = plan.places(&Haystack::new(&text)) else {
            panic!("expected windows");
        };
        assert_eq!(windows.len(), 3);
        for w in &windows {
            assert_eq!(&text[w.clone()], "let password = 'hunter22';");
        }
        let two_lines = RegexPlan::new(r"(?i)name: password\r?\n[ \t]*value: \S+");
        let text = "x\n".repeat(50) + "- name: PASSWORD\n  value: abc\n" + &"y\n".repeat(50);
        let Places::Windows(windows) = two_lines.places(&Haystack::new(&text)) else {
            panic!("expected windows");
        };
        assert_eq!(
            &text[windows[0].clone()],
            "x\n- name: PASSWORD\n  value: abc"
        );
    }

    #[test]
    fn anchors_and_unbounded_spans_search_the_whole_text() {
        let text = "k\n".repeat(100) + "password = 'x'\n";
        let end_anchored = RegexPlan::new(r"password = '[^']+'$");
        assert_eq!(
            end_anchored.places(&Haystack::new(&text)),
            Places::Everywhere
        );
        let multi_line = RegexPlan::new(r"-----BEGIN[\s\S]+?-----END");
        assert_eq!(
            multi_line.places(&Haystack::new(
                &("-----BEGIN x\n".to_string() + &"k".repeat(100))
            )),
            Places::Everywhere
        );
    }

    /// Every built-in pattern over every corpus file (and the files with
    /// their line endings doubled, so windows meet): the planned search
    /// finds exactly the matches of the whole text.
    #[test]
    fn planned_searches_find_what_whole_searches_find_in_the_corpus() {
        fn files(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("corpus folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    files(&path, out);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push(text);
                }
            }
        }
        fn regexes<'a>(
            m: &'a crate::rules::Matcher,
            out: &mut Vec<&'a crate::rules::RegexMatcher>,
        ) {
            match m {
                crate::rules::Matcher::Regex(r) => out.push(r),
                crate::rules::Matcher::Any(parts) => parts.iter().for_each(|p| regexes(p, out)),
                _ => {}
            }
        }
        let engine = crate::load_engine(&crate::EngineOptions::default()).expect("built-in packs");
        let mut texts = Vec::new();
        files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
            &mut texts,
        );
        let doubled: Vec<String> = texts.iter().map(|t| t.replace('\n', "\n\n")).collect();
        texts.extend(doubled);
        let mut matchers = Vec::new();
        for rule in &engine.rules.rules {
            regexes(&rule.matcher, &mut matchers);
        }
        let (mut windowed, mut matched) = (0, 0);
        for text in &texts {
            let haystack = Haystack::new(text);
            for m in &matchers {
                let places = m.plan().places(&haystack);
                windowed += usize::from(matches!(places, Places::Windows(_)));
                let mut planned = Vec::new();
                captures_in(&m.regex, text, &places, |caps| {
                    planned.push(caps.get(0).map(|g| g.range()))
                });
                let whole: Vec<_> = m
                    .regex
                    .captures_iter(text)
                    .map(|c| c.get(0).map(|g| g.range()))
                    .collect();
                matched += whole.len();
                assert_eq!(planned, whole, "{}", m.regex.as_str());
            }
        }
        assert!(
            windowed > 100 && matched > 100,
            "the corpus exercises windows ({windowed}) and matches ({matched})"
        );
    }

    #[test]
    fn characters_folding_to_ascii_letters_search_the_whole_text() {
        let plan = RegexPlan::new(r"(?i)secret");
        assert_eq!(plan.places(&Haystack::new("nothing here")), Places::Nowhere);
        // U+017F LATIN SMALL LETTER LONG S is an `s` to a case-insensitive regex.
        assert_eq!(plan.places(&Haystack::new("ſecret")), Places::Everywhere);
    }
}
