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
//! out, only where the pattern provably cannot match. This module plans; it
//! never runs the rule's regex (`matcher` does).

use std::cell::OnceCell;
use std::ops::Range;

use aho_corasick::{packed, AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Captures, Regex};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Class, Hir, HirKind, Look, Repetition};

/// The shortest literal worth a search of its own: shorter ones occur in
/// most files and would only add a pass.
const MIN_LITERAL_LEN: usize = 3;

/// The most literals one pattern may be summarised by.
const MAX_LITERALS: usize = 64;

/// The only non-ASCII characters a case-insensitive regex takes for an
/// ASCII letter: U+017F LATIN SMALL LETTER LONG S (`s`) and U+212A KELVIN
/// SIGN (`k`). A file holding one is searched whole by case-folded plans.
const FOLDS_TO_ASCII: [char; 2] = ['\u{17F}', '\u{212A}'];

/// A file's text, with what plans ask of it computed once.
pub struct Haystack<'a> {
    text: &'a str,
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

    fn lowered(&self) -> &[u8] {
        self.lowered
            .get_or_init(|| self.text.as_bytes().to_ascii_lowercase())
    }

    fn folds_to_ascii(&self) -> bool {
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
    /// matched ignoring ASCII case, and [`FOLDS_TO_ASCII`] stop the plan.
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
fn lines_around(text: &str, hit: &Range<usize>, reach: usize) -> Range<usize> {
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

/// `hir` with each class that is one ASCII letter in either case (plus, for
/// `s` and `k`, [`FOLDS_TO_ASCII`]) replaced by the lower-case letter, so
/// literal extraction yields one literal where case-insensitivity would
/// multiply it.
fn fold_ascii_case(hir: &Hir, folded: &mut bool) -> Hir {
    match hir.kind() {
        HirKind::Class(class) => match single_letter(class) {
            Some(letter) => {
                *folded = true;
                Hir::literal([letter])
            }
            None => hir.clone(),
        },
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(fold_ascii_case(&rep.sub, folded)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => {
            let mut cap = cap.clone();
            cap.sub = Box::new(fold_ascii_case(&cap.sub, folded));
            Hir::capture(cap)
        }
        HirKind::Concat(subs) => {
            Hir::concat(subs.iter().map(|s| fold_ascii_case(s, folded)).collect())
        }
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|s| fold_ascii_case(s, folded)).collect())
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Look(_) => hir.clone(),
    }
}

/// The lower-case letter a class stands for when it holds exactly that
/// letter in both cases, plus at most [`FOLDS_TO_ASCII`].
fn single_letter(class: &Class) -> Option<u8> {
    let chars: Vec<char> = match class {
        Class::Unicode(u) => {
            let count: u32 = u
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if count > 4 {
                return None;
            }
            u.iter()
                .flat_map(|r| (r.start()..=r.end()).collect::<Vec<char>>())
                .collect()
        }
        Class::Bytes(b) => {
            let count: usize = b
                .ranges()
                .iter()
                .map(|r| usize::from(r.end() - r.start()) + 1)
                .sum();
            if count != 2 {
                return None;
            }
            b.iter()
                .flat_map(|r| (r.start()..=r.end()).map(char::from).collect::<Vec<char>>())
                .collect()
        }
    };
    let ascii: Vec<char> = chars.iter().copied().filter(char::is_ascii).collect();
    let [a, b] = ascii[..] else {
        return None;
    };
    if !a.is_ascii_alphabetic() || !a.eq_ignore_ascii_case(&b) || a == b {
        return None;
    }
    if chars
        .iter()
        .any(|c| !c.is_ascii() && !FOLDS_TO_ASCII.contains(c))
    {
        return None;
    }
    u8::try_from(a.to_ascii_lowercase()).ok()
}

/// Literals, lower-cased, one of which every match of a case-sensitive
/// ASCII `pattern` contains: what a value must hold for the pattern to match
/// it, so a file holding none of them cannot hold such a value. `None` when
/// the pattern ignores case somewhere (characters such as the Kelvin sign
/// fold to ASCII letters), when a literal is not ASCII, or when no literal is
/// long enough to narrow anything.
pub fn required_literals(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let mut folded = false;
    let plain = fold_ascii_case(&hir, &mut folded);
    if folded {
        return None;
    }
    let words = best_literals(&plain)?;
    words
        .iter()
        .all(|w| w.is_ascii())
        .then(|| words.iter().map(|w| w.to_ascii_lowercase()).collect())
}

/// The best literal set every match of `hir` contains one of: the pattern's
/// own prefixes or suffixes, or those of any part a match cannot skip.
fn best_literals(hir: &Hir) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    required_parts(hir, &mut parts);
    let mut best: Option<Vec<String>> = None;
    let candidates = std::iter::once(hir).chain(parts);
    for part in candidates {
        for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
            let mut extractor = Extractor::new();
            extractor.kind(kind);
            let Some(words) = usable(extractor.extract(part)) else {
                continue;
            };
            if best.as_ref().is_none_or(|b| better(&words, b)) {
                best = Some(words);
            }
        }
    }
    best
}

/// The parts of a concatenation (through groups and nested concatenations)
/// that every match goes through.
fn required_parts<'h>(hir: &'h Hir, out: &mut Vec<&'h Hir>) {
    match hir.kind() {
        HirKind::Capture(cap) => required_parts(&cap.sub, out),
        HirKind::Concat(subs) => {
            for sub in subs {
                out.push(sub);
                required_parts(sub, out);
            }
        }
        HirKind::Repetition(rep) if rep.min > 0 => required_parts(&rep.sub, out),
        _ => {}
    }
}

/// A finite set of literals, none too short, not too many, as text.
fn usable(mut seq: Seq) -> Option<Vec<String>> {
    seq.dedup();
    let literals = seq.literals()?;
    if literals.is_empty()
        || literals.len() > MAX_LITERALS
        || literals.iter().any(|l| l.len() < MIN_LITERAL_LEN)
    {
        return None;
    }
    literals
        .iter()
        .map(|l| String::from_utf8(l.as_bytes().to_vec()).ok())
        .collect()
}

/// Whether `a` narrows files down more than `b`: longer shortest literal
/// first, then fewer literals.
fn better(a: &[String], b: &[String]) -> bool {
    let shortest = |s: &[String]| s.iter().map(String::len).min().unwrap_or(0).min(8);
    (shortest(a), std::cmp::Reverse(a.len())) > (shortest(b), std::cmp::Reverse(b.len()))
}

/// The most line breaks one match of `hir` can hold (`None`: unbounded).
fn max_newlines(hir: &Hir) -> Option<usize> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(0),
        HirKind::Literal(lit) => Some(lit.0.iter().filter(|&&b| b == b'\n').count()),
        HirKind::Class(Class::Unicode(c)) => Some(usize::from(
            c.ranges()
                .iter()
                .any(|r| r.start() <= '\n' && '\n' <= r.end()),
        )),
        HirKind::Class(Class::Bytes(c)) => Some(usize::from(
            c.ranges()
                .iter()
                .any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
        )),
        HirKind::Repetition(rep) => {
            let inner = max_newlines(&rep.sub)?;
            match (inner, rep.max) {
                (0, _) => Some(0),
                (_, None) => None,
                (n, Some(max)) => n.checked_mul(usize::try_from(max).ok()?),
            }
        }
        HirKind::Capture(cap) => max_newlines(&cap.sub),
        HirKind::Concat(subs) => subs
            .iter()
            .try_fold(0usize, |sum, s| sum.checked_add(max_newlines(s)?)),
        HirKind::Alternation(subs) => subs
            .iter()
            .try_fold(0usize, |most, s| Some(most.max(max_newlines(s)?))),
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
