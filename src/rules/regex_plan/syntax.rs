//! What a pattern's syntax says about its matches: literals one of which
//! every match contains (the best prefix, suffix or required part, with
//! ASCII case folded where the pattern ignores case), and how many line
//! breaks a match can hold.

use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Class, Hir, HirKind, Repetition};

/// The shortest literal worth a search of its own: shorter ones occur in
/// most files and would only add a pass.
const MIN_LITERAL_LEN: usize = 3;

/// The most literals one pattern may be summarised by.
const MAX_LITERALS: usize = 64;

/// The only non-ASCII characters a case-insensitive regex takes for an
/// ASCII letter: U+017F LATIN SMALL LETTER LONG S (`s`) and U+212A KELVIN
/// SIGN (`k`). A file holding one is searched whole by case-folded plans.
pub(super) const FOLDS_TO_ASCII: [char; 2] = ['\u{17F}', '\u{212A}'];

/// `hir` with each class that is one ASCII letter in either case (plus, for
/// `s` and `k`, [`FOLDS_TO_ASCII`]) replaced by the lower-case letter, so
/// literal extraction yields one literal where case-insensitivity would
/// multiply it.
pub(super) fn fold_ascii_case(hir: &Hir, folded: &mut bool) -> Hir {
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

/// Literals, lower-cased, one of which every match of `pattern` contains,
/// ASCII case aside: what a value must hold for the pattern to match it, so
/// a file holding none of them (looked for ignoring ASCII case) cannot hold
/// such a value. Where the pattern ignores case, a literal is cut to its
/// longest run without `s` or `k`, which the pattern also matches spelled
/// with [`FOLDS_TO_ASCII`]. `None` when a literal is not ASCII or when some
/// literal is too short to narrow anything.
pub fn required_literals(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let mut folded = false;
    let plain = fold_ascii_case(&hir, &mut folded);
    let words = best_literals(&plain)?;
    if !words.iter().all(|w| w.is_ascii()) {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for word in words {
        let word = word.to_ascii_lowercase();
        let kept = if folded {
            word.split(['s', 'k'])
                .max_by_key(|run| run.len())
                .unwrap_or_default()
                .to_string()
        } else {
            word
        };
        if kept.len() < MIN_LITERAL_LEN {
            return None;
        }
        out.push(kept);
    }
    out.sort();
    out.dedup();
    Some(out)
}

/// The best literal set every match of `hir` contains one of: the pattern's
/// own prefixes or suffixes, or those of any part a match cannot skip.
pub(super) fn best_literals(hir: &Hir) -> Option<Vec<String>> {
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
pub(super) fn usable(mut seq: Seq) -> Option<Vec<String>> {
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
pub(super) fn max_newlines(hir: &Hir) -> Option<usize> {
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
