//! The per-file pipeline: bytes → text → language → pre-filter → one parse →
//! matches → findings, for one file, sequentially.
//!
//! Called by the scan driver on worker threads; it takes `&` inputs, returns
//! owned results and shares nothing. Problems (unreadable, binary, syntax
//! errors, time-outs) are returned as data, never printed.

use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use crate::finding::{build_findings, Finding};
use crate::lang::{self, Language};
use crate::project::RouteHint;
use crate::rules::matcher::{match_file, FileView};
use crate::rules::RuleSet;
use crate::source::{decode, Encoding, SourceFile};
use crate::walk::SkipReason;
use crate::watch::{self, Stage};

/// The longest problem message kept, so a parser quoting a long source line
/// cannot carry much of the file (or a secret) into reports.
const MAX_PROBLEM_CHARS: usize = 160;

/// What kind of trouble a file gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// Could not be read.
    Unreadable,
    /// The parser met a syntax error; text rules still ran, facts may be partial.
    ParseError,
    /// Not valid UTF-8: decoded with replacement characters.
    NotUtf8,
    /// comply itself failed on this file (a bug); other files were scanned.
    InternalError,
    /// Ran past the per-file time budget and was abandoned.
    Timeout,
}

/// A problem with one file, reported so nothing is silently dropped.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FileProblem {
    /// Display path.
    pub path: String,
    /// Line, when the problem has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What kind.
    pub kind: ProblemKind,
    /// One line of explanation.
    pub message: String,
}

/// Everything the analysis of one file produced.
#[derive(Debug, Default)]
pub struct FileReport {
    /// The file's language, when it was read.
    pub language: Option<Language>,
    /// Findings, in span order.
    pub findings: Vec<Finding>,
    /// Problems met.
    pub problems: Vec<FileProblem>,
    /// Set when the file turned out not to be scannable after all.
    pub skipped: Option<SkipReason>,
    /// What the file contributes to the project pass (routes, mounts, exports);
    /// boxed, since every file's report is held until the tree is read and
    /// most files have none.
    pub routes: Option<Box<crate::project::FileRoutes>>,
    /// What the project pass learns of a JS/TS or Rust file from its
    /// literals (set when a `route` rule applies and the file was parsed or
    /// put off).
    pub route_hint: Option<RouteHint>,
}

/// Whether a file only the project pass wants parsed is parsed at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectParse {
    /// Parse it now: the pass cannot ask for it again (buffers), or is
    /// asking again.
    Now,
    /// Put it off when its literals name no route word ([`RouteHint`]).
    Deferrable,
}

/// Analyses a file's bytes. `path` decides the language; `display` is what
/// reports show. With a `budget`, a file still being analysed when it runs
/// out is abandoned: no findings, skipped as `timeout`, with a warning.
pub fn analyze_bytes(
    display: &str,
    path: &Path,
    bytes: Vec<u8>,
    rules: &RuleSet,
    budget: Option<Duration>,
) -> FileReport {
    analyze_for_project(display, path, bytes, rules, budget, ProjectParse::Now)
}

/// [`analyze_bytes`], saying whether a file only the project pass wants
/// parsed may be put off.
pub fn analyze_for_project(
    display: &str,
    path: &Path,
    bytes: Vec<u8>,
    rules: &RuleSet,
    budget: Option<Duration>,
    project: ProjectParse,
) -> FileReport {
    let _watch = watch::start(display, budget);
    let report = analyze_watched(display, path, bytes, rules, project);
    if report.skipped.is_none() && watch::expired() {
        return timed_out(display, budget.unwrap_or_default());
    }
    report
}

fn analyze_watched(
    display: &str,
    path: &Path,
    bytes: Vec<u8>,
    rules: &RuleSet,
    project: ProjectParse,
) -> FileReport {
    let Some(decoded) = decode(bytes) else {
        return FileReport {
            skipped: Some(SkipReason::Binary),
            ..FileReport::default()
        };
    };
    let first_line = decoded.text.lines().next().unwrap_or("");
    let language = Language::detect(path, first_line);
    let lossy = decoded.lossy;
    let encoding = decoded.encoding;
    let file = SourceFile::new(display.to_string(), decoded.text, lossy);
    let mut problems = Vec::new();
    if lossy {
        let message = match encoding {
            Encoding::Utf8 => "not valid UTF-8; decoded with replacement characters",
            Encoding::Utf16Le | Encoding::Utf16Be => {
                "not valid UTF-16; decoded with replacement characters"
            }
        };
        problems.push(problem(&file, None, ProblemKind::NotUtf8, message));
    }
    let found = rules.prefilter().scan(&file.text);
    if watch::expired() {
        return FileReport::default();
    }
    watch::enter(Stage::Parsing);
    let need = rules.prefilter().parse_need(language, &found);
    // When only `log` rules want a JS/TS or Rust file parsed, the pieces
    // they read will do; the project pass then treats the file as put off,
    // and reads it again, whole, if its package turns out to matter.
    let log_words = rules.prefilter().log_words(language);
    let logs_only = need.logs_only && log_words.is_some();
    let wants_hint = need.any()
        && (language.js_dialect().is_some() || language == Language::Rust)
        && rules.prefilter().has_project_rules(language);
    // The route hint and the logging slicer both read a JS/TS file's
    // tokens: lex it once for both.
    let lexed = (language.js_dialect().is_some() && wants_hint && logs_only)
        .then(|| lang::javascript::lex_all(&file.text));
    let route_hint = wants_hint.then(|| {
        let defer =
            project == ProjectParse::Deferrable && (need.project && !need.rules || logs_only);
        RouteHint::of_lexed(
            &file.text,
            language,
            lexed.as_ref(),
            rules.prefilter(),
            defer,
        )
    });
    let deferred = route_hint.as_ref().is_some_and(RouteHint::is_deferred);
    let (parsed, whole) = match log_words {
        Some(words) if logs_only && (deferred || route_hint.is_none()) => {
            lang::parse_for_logs(language, &file.text, lexed.as_ref(), words)
        }
        _ if need.any() && !deferred => {
            let keys = rules.entry_keys().of_language(language);
            let wanted = |segments: &[&str]| keys.is_some_and(|k| k.any_matches(segments));
            (
                lang::parse_keeping(language, &file.text, Some(&wanted)),
                true,
            )
        }
        _ => (None, false),
    };
    if watch::expired() {
        return FileReport::default();
    }
    if let Some(p) = parsed.as_ref().and_then(|p| p.extraction.problem.as_ref()) {
        let line = p.span.map(|s| file.position(s.start).line);
        let message = format!(
            "{} (facts may be incomplete; text rules still ran)",
            p.message
        );
        problems.push(problem(&file, line, ProblemKind::ParseError, &message));
    }
    let view = FileView {
        language,
        text: &file.text,
        found: &found,
        parsed: parsed.as_ref(),
    };
    let hits = match_file(&rules.rules, &view);
    watch::enter(Stage::Reporting);
    let mut findings = build_findings(&file, &hits, &rules.rules);
    let secret_spans: Vec<_> = hits.iter().filter_map(|h| h.secret).collect();
    crate::triage::inline::mark(&file, language, &secret_spans, &mut findings);
    let secrets: Vec<&str> = secret_spans
        .iter()
        .map(|span| file.slice(*span).trim())
        .collect();
    for problem in &mut problems {
        problem.message = redact_fragments(&problem.message, &secrets);
    }
    FileReport {
        language: Some(language),
        findings,
        problems,
        skipped: None,
        // A file put off, or parsed only in pieces, is the project pass's to
        // read again when its package matters.
        routes: parsed
            .as_ref()
            .filter(|_| whole && !deferred)
            .and_then(|p| crate::project::summarize(&file, language, &p.extraction.facts, rules))
            .map(Box::new),
        route_hint,
    }
}

/// The report of a file abandoned because it ran past its time budget.
fn timed_out(display: &str, budget: Duration) -> FileReport {
    FileReport {
        problems: vec![FileProblem {
            path: display.to_string(),
            line: None,
            kind: ProblemKind::Timeout,
            message: format!(
                "abandoned after the per-file time budget of {}s (--file-timeout); not scanned",
                budget.as_secs_f64()
            ),
        }],
        skipped: Some(SkipReason::Timeout),
        ..FileReport::default()
    }
}

/// The shortest piece of a secret that is hidden when a message quotes it.
const MIN_SECRET_FRAGMENT: usize = 6;

/// Hides every piece of a secret that a message quotes. Parsers quote the
/// text near a syntax error, cut at their own length, so a message may hold
/// a whole secret or only part of one: any run of at least
/// [`MIN_SECRET_FRAGMENT`] characters (or a whole shorter secret) found in
/// a secret becomes `…`.
fn redact_fragments(message: &str, secrets: &[&str]) -> String {
    if secrets.is_empty() {
        return message.to_string();
    }
    let chars: Vec<(usize, char)> = message.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(message.len(), |(at, _)| *at);
    let mut out = String::with_capacity(message.len());
    let mut i = 0;
    while i < chars.len() {
        let mut longest = 0;
        for secret in secrets.iter().filter(|s| !s.is_empty()) {
            let least = MIN_SECRET_FRAGMENT.min(secret.chars().count());
            let mut len = least;
            while i + len <= chars.len() && secret.contains(&message[chars[i].0..end_of(i + len)]) {
                len += 1;
            }
            if len > least {
                longest = longest.max(len - 1);
            }
        }
        if longest > 0 {
            out.push('…');
            i += longest;
        } else {
            out.push(chars[i].1);
            i += 1;
        }
    }
    out
}

fn problem(
    file: &SourceFile,
    line: Option<usize>,
    kind: ProblemKind,
    message: &str,
) -> FileProblem {
    let first = message.lines().next().unwrap_or("").trim();
    let mut message: String = first.chars().take(MAX_PROBLEM_CHARS).collect();
    if first.chars().count() > MAX_PROBLEM_CHARS {
        message.push('…');
    }
    FileProblem {
        path: file.display_path.clone(),
        line,
        kind,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_secrets_and_their_pieces_are_hidden_in_messages() {
        let key = "AKIA7KLFYYLBEG3RHDSV";
        assert_eq!(
            redact_fragments(&format!("JSON syntax error near `\"{key}\"`"), &[key]),
            "JSON syntax error near `\"…\"`"
        );
        assert_eq!(
            redact_fragments("near `{\"id\": AKIA7KLFYY`", &[key]),
            "near `{\"id\": …`"
        );
        assert_eq!(
            redact_fragments("expected `;` near AKIA", &[key]),
            "expected `;` near AKIA",
            "a piece shorter than the minimum says nothing"
        );
        assert_eq!(redact_fragments("pw=hunter é", &["hunter"]), "pw=… é");
        assert_eq!(redact_fragments("plain", &[]), "plain");
    }
}
