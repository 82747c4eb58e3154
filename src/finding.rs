//! Findings: what a rule hit becomes once it has a place (line, column), a
//! severity, a redacted excerpt, a filled-in message and a stable fingerprint.
//!
//! Redaction happens here, once, before anything can be printed: a finding
//! never carries a secret in clear. This module does not match or print.

use std::collections::HashMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::facts::Span;
use crate::risk::Severity;
use crate::rules::load::hex;
use crate::rules::matcher::Hit;
use crate::rules::{Rule, RuleId};
use crate::source::{floor_char_boundary, SourceFile};

mod redact;

use redact::redact_range;
pub use redact::{excerpt, redact_secret, MAX_EXCERPT_BYTES, MAX_EXCERPT_LINES};

/// The longest `${value}` a message interpolates, in characters.
const MAX_VALUE_CHARS: usize = 60;

/// Where a finding stands in triage. Findings are never dropped, only marked,
/// so evidence can count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Needs action.
    Open,
    /// Silenced by an inline `comply-ignore` comment.
    Suppressed,
    /// Present in the baseline.
    Baselined,
    /// Covered by a valid risk acceptance.
    Accepted,
}

/// Where a finding stands that changes how it is scored. Findings in
/// ordinary code have none.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Context {
    /// In a test file (`test_files` in `comply.yaml`): scored with the
    /// test-file likelihood, so its severity may be below the rule's.
    Test,
}

/// An inline `comply-ignore` comment that names a finding's rule or family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Suppression {
    /// 1-based line of the comment.
    pub line: usize,
    /// What the comment names (`secrets/private-key` or `secrets`).
    pub target: String,
    /// The reason after `--`; empty when the comment gives none.
    pub reason: String,
}

/// The lines a finding stands on, redacted, with the finding's span inside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The redacted text of the finding's lines.
    pub text: String,
    /// 1-based line number of the first line of `text`.
    pub first_line: usize,
    /// Byte range of the finding within `text`.
    pub span: Span,
}

/// One problem found, ready for every report format.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The rule that found it.
    pub rule_id: RuleId,
    /// The rule's family.
    pub family: String,
    /// Severity from likelihood × impact.
    pub severity: Severity,
    /// 1–3.
    pub likelihood: u8,
    /// 1–3.
    pub impact: u8,
    /// likelihood × impact.
    pub risk_score: u8,
    /// Why the likelihood may differ from the rule's (`test`: a test file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// Display path, `/`-separated.
    pub path: String,
    /// 1-based first line.
    pub line: usize,
    /// 1-based column on the first line, in characters.
    pub column: usize,
    /// 1-based last line.
    pub end_line: usize,
    /// 1-based column just past the end (exclusive, as in SARIF).
    pub end_column: usize,
    /// The rule's message, filled in and redacted.
    pub message: String,
    /// The finding's source lines, redacted.
    pub snippet: String,
    /// Controls put at risk.
    pub controls: Vec<String>,
    /// `CWE-n` ids.
    pub cwe: Vec<String>,
    /// Stable id: unchanged when unrelated lines are added above.
    pub fingerprint: String,
    /// Triage status.
    pub status: Status,
    /// The inline `comply-ignore` comment aimed at this finding, whether or
    /// not triage let it apply (`never_suppress`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppression: Option<Suppression>,
    /// The id of the risk acceptance covering it, when `status` is accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acceptance: Option<String>,
    /// The rule's title.
    pub title: String,
    /// How to fix it.
    pub fix: String,
    /// The excerpt for graphical reports (not serialised; `snippet` is its text).
    #[serde(skip)]
    pub excerpt: Excerpt,
}

impl Finding {
    /// The order every report uses: path, line, column, rule id.
    pub fn sort_key(&self) -> (&str, usize, usize, &str) {
        (&self.path, self.line, self.column, self.rule_id.as_str())
    }
}

/// Makes one file's findings from its hits. `rules` is the rule list the
/// hits index into.
pub fn build_findings(file: &SourceFile, hits: &[Hit], rules: &[Rule]) -> Vec<Finding> {
    build_placed(file, hits, rules)
        .into_iter()
        .zip(hits)
        .map(|(placed, hit)| placed.complete(&rules[hit.rule], &file.display_path))
        .collect()
}

/// The part of a finding that needs the file's text: where it is, what it
/// says, its excerpt and fingerprint. The project pass holds these, not
/// whole findings, for every candidate until it knows which to report; the
/// rule's part (title, fix, controls) is added by [`PlacedFinding::complete`].
#[derive(Debug, Clone)]
pub struct PlacedFinding {
    /// 1-based start line.
    pub line: usize,
    /// 1-based start column.
    pub column: usize,
    /// 1-based end line.
    pub end_line: usize,
    /// 1-based end column.
    pub end_column: usize,
    /// The rule's message with the hit's values filled in.
    pub message: String,
    /// Stable identity across runs.
    pub fingerprint: String,
    /// The redacted lines of the finding.
    pub excerpt: Excerpt,
}

impl PlacedFinding {
    /// The finding, with `rule`'s part added, in the file at `path`.
    pub fn complete(self, rule: &Rule, path: &str) -> Finding {
        Finding {
            rule_id: rule.id.clone(),
            family: rule.family.clone(),
            severity: rule.severity(),
            likelihood: rule.risk.likelihood,
            impact: rule.risk.impact,
            risk_score: rule.risk.score(),
            context: None,
            path: path.to_string(),
            line: self.line,
            column: self.column,
            end_line: self.end_line,
            end_column: self.end_column,
            message: self.message,
            snippet: self.excerpt.text.clone(),
            controls: rule.controls.clone(),
            cwe: rule.cwe.iter().map(|n| format!("CWE-{n}")).collect(),
            fingerprint: self.fingerprint,
            status: Status::Open,
            suppression: None,
            acceptance: None,
            title: rule.title.clone(),
            fix: rule.fix.clone(),
            excerpt: self.excerpt,
        }
    }
}

/// The file-dependent part of each hit's finding, in hit order.
pub fn build_placed(file: &SourceFile, hits: &[Hit], rules: &[Rule]) -> Vec<PlacedFinding> {
    let mut secrets: Vec<Span> = hits.iter().filter_map(|h| h.secret).collect();
    secrets.sort();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    hits.iter()
        .map(|hit| {
            let rule = &rules[hit.rule];
            let excerpt = excerpt(file, hit.span, &secrets);
            let message = fill_message(rule, hit, file, &secrets);
            let content = fingerprint_content(file, hit.span, &secrets);
            let occurrence = seen
                .entry((rule.id.to_string(), content.clone()))
                .or_insert(0);
            let fingerprint = fingerprint(&rule.id, &file.display_path, &content, *occurrence);
            *occurrence += 1;
            let start = file.position(hit.span.start);
            let end = file.position(hit.span.end);
            PlacedFinding {
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                message,
                fingerprint,
                excerpt,
            }
        })
        .collect()
}

fn fill_message(rule: &Rule, hit: &Hit, file: &SourceFile, secrets: &[Span]) -> String {
    let value_span = hit.value_span.unwrap_or(hit.span);
    let mut message = rule.message.clone();
    if message.contains("${value}") {
        let (value, _) = redact_range(&file.text, clamp(file, value_span), secrets);
        message = message.replace("${value}", &shorten(&value));
    }
    if message.contains("${secret}") {
        let secret = hit
            .secret
            .map(|s| redact_secret(file.slice(s)))
            .unwrap_or_default();
        message = message.replace("${secret}", &secret);
    }
    for (name, value) in &hit.vars {
        message = message.replace(&format!("${{{name}}}"), &shorten(value));
    }
    message
}

fn clamp(file: &SourceFile, span: Span) -> Span {
    let start = floor_char_boundary(&file.text, span.start.min(file.text.len()));
    let end = floor_char_boundary(&file.text, span.end.min(file.text.len())).max(start);
    Span::new(start, end)
}

fn shorten(value: &str) -> String {
    let one_line: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= MAX_VALUE_CHARS {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(MAX_VALUE_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// What a fingerprint hashes of a finding's place: the text of its lines
/// with every whitespace character removed (re-indenting, re-spacing or
/// moving the lines keeps it) and every secret replaced by a hash of itself
/// (another key on the same line is another finding; the key never leaves
/// this function in clear).
fn fingerprint_content(file: &SourceFile, span: Span, secrets: &[Span]) -> String {
    let first_line = file.lines.line_of(span.start);
    let last_line = file
        .lines
        .line_of(span.end.saturating_sub(1).max(span.start))
        .min(first_line + MAX_EXCERPT_LINES - 1);
    let start = file.lines.line_span(&file.text, first_line).start;
    let end = file.lines.line_span(&file.text, last_line).end.max(start);
    let mut out = String::with_capacity(end - start);
    let mut cursor = start;
    for secret in secrets.iter().filter(|s| s.start < end && s.end > start) {
        let from = secret.start.max(cursor);
        let to = secret.end.min(end);
        if from >= to {
            continue;
        }
        push_folded(&mut out, &file.text[cursor..from]);
        let digest = Sha256::digest(file.text[from..to].trim().as_bytes());
        out.push_str("<secret:");
        out.push_str(&hex(&digest[..8]));
        out.push('>');
        cursor = to;
    }
    push_folded(&mut out, &file.text[cursor..end]);
    out
}

fn push_folded(out: &mut String, text: &str) {
    out.extend(text.chars().filter(|c| !c.is_whitespace()));
}

/// A stable id from the rule, the path, the (redacted) content of the lines
/// and which occurrence of that content in the file it is; line numbers are
/// left out so edits above the finding do not change it.
pub fn fingerprint(rule: &RuleId, path: &str, content: &str, occurrence: usize) -> String {
    let mut hasher = Sha256::new();
    for part in [rule.as_str(), path, content, &occurrence.to_string()] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hex(&hasher.finalize()[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_line_numbers_but_not_content() {
        let id = RuleId::parse("hashing/bcrypt-low-cost").unwrap();
        let a = fingerprint(&id, "a.js", "bcrypt.hash(pw, 8)", 0);
        assert_eq!(a, fingerprint(&id, "a.js", "bcrypt.hash(pw, 8)", 0));
        assert_ne!(a, fingerprint(&id, "a.js", "bcrypt.hash(pw, 8)", 1));
        assert_ne!(a, fingerprint(&id, "b.js", "bcrypt.hash(pw, 8)", 0));
        assert_eq!(a.len(), 32);
    }
}
