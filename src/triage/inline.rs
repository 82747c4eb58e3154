//! Inline suppressions: `comply-ignore: <rule-id or family> -- <reason>` in a
//! comment on a finding's line or the line above it.
//!
//! Runs where the file's text is at hand (per file, during analysis): it
//! records which comment names which finding, and reports comments that give
//! no reason as `meta/suppression-without-reason` findings. Whether a
//! recorded suppression applies (`never_suppress`) is decided later, in
//! [`super::apply`], which knows the configuration.

use crate::facts::Span;
use crate::finding::{excerpt, fingerprint, Finding, Status, Suppression};
use crate::lang::Language;
use crate::risk::Risk;
use crate::rules::RuleId;
use crate::source::SourceFile;

/// The marker a suppression comment starts with.
pub const MARKER: &str = "comply-ignore";

/// The rule id of the finding a suppression without a reason becomes.
pub const WITHOUT_REASON: &str = "meta/suppression-without-reason";

/// One `comply-ignore` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// 1-based line.
    pub line: usize,
    /// Byte range of the comment text from the marker to the line's end.
    pub span: Span,
    /// Rule ids or families named.
    pub targets: Vec<String>,
    /// The reason after `--`, trimmed; empty when none.
    pub reason: String,
}

/// The comment openers a language has; a marker counts only inside one.
fn openers(language: Language) -> &'static [&'static str] {
    match language {
        Language::JavaScript | Language::TypeScript | Language::Tsx | Language::Rust => {
            &["//", "/*"]
        }
        Language::Yaml | Language::Toml | Language::Dotenv => &["#"],
        // JSON has no comments; JSONC and friends use JavaScript's.
        Language::Json => &["//", "/*"],
        Language::Text => &["#", "//", "/*", "<!--", "--", ";"],
    }
}

/// Every `comply-ignore` comment of the file, in line order.
pub fn directives(file: &SourceFile, language: Language) -> Vec<Directive> {
    if !file.text.contains(MARKER) {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut offset = 0;
    for (index, line) in file.text.split_inclusive('\n').enumerate() {
        if let Some(directive) = parse_line(line, language) {
            let (at, targets, reason) = directive;
            found.push(Directive {
                line: index + 1,
                span: Span::new(offset + at, offset + line.trim_end().len()),
                targets,
                reason,
            });
        }
        offset += line.len();
    }
    found
}

/// The marker's offset in the line, the targets and the reason, when the
/// line holds a suppression comment.
fn parse_line(line: &str, language: Language) -> Option<(usize, Vec<String>, String)> {
    let at = line.find(MARKER)?;
    let before = &line[..at];
    let in_comment = openers(language).iter().any(|opener| {
        before.rfind(opener).is_some_and(|o| {
            before[o + opener.len()..]
                .trim_matches([' ', '\t', '*', '!'])
                .is_empty()
        })
    });
    if !in_comment {
        return None;
    }
    let rest = line[at + MARKER.len()..].trim_start().strip_prefix(':')?;
    let rest = rest
        .trim_end()
        .trim_end_matches("*/")
        .trim_end_matches("-->")
        .trim_end();
    let (names, reason) = match rest.split_once("--") {
        Some((names, reason)) => (names, reason.trim()),
        None => (rest, ""),
    };
    let targets = names
        .split([',', ' ', '\t'])
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    Some((at, targets, reason.to_string()))
}

/// Whether a directive names this rule (by id or family).
fn names(directive: &Directive, rule: &RuleId) -> bool {
    directive
        .targets
        .iter()
        .any(|t| t == rule.as_str() || t == rule.family())
}

/// Records on each finding the comment aimed at it (its own line first,
/// then the line above), and adds a `meta/suppression-without-reason`
/// finding for every comment that gives no reason. `secrets` are the file's
/// secret spans, so the meta finding's excerpt is redacted like any other.
pub fn mark(file: &SourceFile, language: Language, secrets: &[Span], findings: &mut Vec<Finding>) {
    let directives = directives(file, language);
    if directives.is_empty() {
        return;
    }
    for finding in findings.iter_mut() {
        let aimed = [finding.line, finding.line.saturating_sub(1)]
            .into_iter()
            .filter_map(|line| directives.iter().find(|d| d.line == line))
            .find(|d| names(d, &finding.rule_id));
        if let Some(d) = aimed {
            finding.suppression = Some(Suppression {
                line: d.line,
                target: d
                    .targets
                    .iter()
                    .find(|t| *t == finding.rule_id.as_str() || *t == finding.rule_id.family())
                    .cloned()
                    .unwrap_or_default(),
                reason: d.reason.clone(),
            });
        }
    }
    let mut occurrences = std::collections::HashMap::new();
    for d in directives.iter().filter(|d| d.reason.is_empty()) {
        findings.push(without_reason(file, d, secrets, &mut occurrences));
    }
}

fn without_reason(
    file: &SourceFile,
    directive: &Directive,
    secrets: &[Span],
    occurrences: &mut std::collections::HashMap<String, usize>,
) -> Finding {
    let rule_id = RuleId::parse(WITHOUT_REASON).expect("a well-formed id");
    let risk = Risk {
        likelihood: 1,
        impact: 3,
    };
    let excerpt = excerpt(file, directive.span, secrets);
    let content: String = file
        .slice(directive.span)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let occurrence = occurrences.entry(content.clone()).or_insert(0);
    let fingerprint = fingerprint(&rule_id, &file.display_path, &content, *occurrence);
    *occurrence += 1;
    let start = file.position(directive.span.start);
    let end = file.position(directive.span.end);
    let named = if directive.targets.is_empty() {
        "names no rule and gives no reason".to_string()
    } else {
        format!(
            "silences `{}` without a reason",
            directive.targets.join(", ")
        )
    };
    Finding {
        rule_id,
        family: "meta".into(),
        severity: risk.severity(),
        likelihood: risk.likelihood,
        impact: risk.impact,
        risk_score: risk.score(),
        context: None,
        path: file.display_path.clone(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        message: format!("this comply-ignore comment {named}"),
        snippet: excerpt.text.clone(),
        controls: vec!["SOC2 CC8.1".into()],
        cwe: Vec::new(),
        fingerprint,
        status: Status::Open,
        suppression: None,
        acceptance: None,
        title: "Inline suppression without a reason".into(),
        fix: "Say why after `--` (`comply-ignore: <rule-id or family> -- <reason>`) so the \
              suppression register shows it, or remove the comment."
            .into(),
        excerpt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `@` stands for the marker, so this file holds no directive of its own.
    fn parse(line: &str, language: Language) -> Option<(Vec<String>, String)> {
        let line = line.replace('@', MARKER);
        parse_line(&line, language).map(|(_, t, r)| (t, r))
    }

    #[test]
    fn every_comment_syntax_of_the_language_is_read() {
        let want = Some((vec!["secrets".to_string()], "test fixture".to_string()));
        assert_eq!(
            parse("x // @: secrets -- test fixture\n", Language::JavaScript),
            want
        );
        assert_eq!(
            parse("x /* @: secrets -- test fixture */\n", Language::Rust),
            want
        );
        assert_eq!(
            parse("k: v # @: secrets -- test fixture\n", Language::Yaml),
            want
        );
        assert_eq!(
            parse("# @: secrets -- test fixture", Language::Dotenv),
            want
        );
        assert_eq!(
            parse("<!-- @: secrets -- test fixture -->", Language::Text),
            want
        );
    }

    #[test]
    fn markers_outside_comments_or_in_the_wrong_syntax_are_not_directives() {
        assert_eq!(
            parse("const s = '@: secrets -- x';", Language::JavaScript),
            None
        );
        assert_eq!(parse("# @: secrets -- x", Language::JavaScript), None);
        assert_eq!(parse("// @: secrets -- x", Language::Yaml), None);
        assert_eq!(parse("// @ secrets -- x", Language::Rust), None);
    }

    #[test]
    fn several_targets_and_a_missing_reason() {
        assert_eq!(
            parse(
                "// @: cookies/httponly-disabled, transport\n",
                Language::TypeScript
            ),
            Some((
                vec![
                    "cookies/httponly-disabled".to_string(),
                    "transport".to_string()
                ],
                String::new()
            ))
        );
    }
}
