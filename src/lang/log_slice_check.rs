//! Test support for the log slicers: the `log` rules' hits on a file
//! parsed whole and parsed for logging only, which must be the same.

use std::collections::BTreeMap;
use std::path::Path;

use crate::lang::{self, Language};
use crate::rules::matcher::{match_file, FileView, Hit};
use crate::rules::{Matcher, RuleSet};

/// The `log` rules' hits on `text` (named `path`) with the file parsed
/// whole and parsed for logging only, and how the latter went: `nothing`
/// parsed, `pieces`, or `whole` (the slicer gave up).
pub fn hits_both_ways(
    rules: &RuleSet,
    path: &str,
    text: &str,
) -> (Vec<Hit>, Vec<Hit>, &'static str) {
    let language = Language::detect(Path::new(path), "");
    let found = rules.prefilter().scan(text);
    let is_log = |h: &Hit| matches!(rules.rules[h.rule].matcher, Matcher::Log(_));
    let run = |parsed: Option<&lang::Parsed>| -> Vec<Hit> {
        let view = FileView {
            language,
            text,
            found: &found,
            parsed,
        };
        match_file(&rules.rules, &view)
            .into_iter()
            .filter(is_log)
            .collect()
    };
    let whole = lang::parse(language, text);
    let words = rules.prefilter().log_words(language).unwrap();
    let (sliced, parsed_whole) = lang::parse_for_logs(language, text, None, words);
    let how = match (&sliced, parsed_whole) {
        (None, _) => "nothing",
        (Some(_), true) => "whole",
        (Some(_), false) => "pieces",
    };
    (run(whole.as_ref()), run(sliced.as_ref()), how)
}

/// Checks every corpus file of the languages `wanted` accepts: the same
/// hits both ways, and at least `min_logged` of them in all. Returns how
/// many files went each way.
pub fn assert_corpus_logs_the_same(
    rules: &RuleSet,
    wanted: impl Fn(Language) -> bool,
    min_logged: usize,
) -> BTreeMap<&'static str, usize> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut ways = BTreeMap::new();
    let mut logged = 0;
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if wanted(Language::detect(&path, "")) {
                files.push(path);
            }
        }
    }
    files.sort();
    for file in files {
        let path = file.to_string_lossy().to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        let (whole, sliced, how) = hits_both_ways(rules, &path, &text);
        assert_eq!(whole, sliced, "{path} ({how})");
        logged += whole.len();
        *ways.entry(how).or_insert(0) += 1;
    }
    assert!(
        logged >= min_logged,
        "the corpus logs sensitive names in many places: {logged}"
    );
    ways
}
