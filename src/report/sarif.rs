//! `--format sarif`: SARIF 2.1.0 built from the `serde-sarif` types, with
//! what GitHub code scanning uses to rank and track results:
//! `properties.security-severity` and tags on rules, `partialFingerprints`
//! on results.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactContent, ArtifactLocation, Invocation, Location, Message, MultiformatMessageString,
    Notification, PhysicalLocation, PropertyBag, Region, ReportingConfiguration,
    ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Suppression, Tool,
    ToolComponent,
};

use super::Report;
use crate::finding::{Finding, Status};
use crate::risk::Severity;
use crate::rules::Rule;

/// The SARIF schema this report follows.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// GitHub's `security-severity` score for each severity (its bands: ≥9
/// critical, ≥7 high, ≥4 medium, else low).
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "7.5",
        Severity::Medium => "5.0",
        Severity::Low => "3.0",
        Severity::Info => "1.0",
    }
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Critical | Severity::High => ResultLevel::Error,
        Severity::Medium => ResultLevel::Warning,
        Severity::Low | Severity::Info => ResultLevel::Note,
    }
}

fn text(s: impl Into<String>) -> Message {
    Message::builder().text(s.into()).build()
}

fn plain(s: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s).build()
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let mut tags = vec!["security".to_string(), rule.family.clone()];
    tags.extend(rule.controls.iter().cloned());
    tags.extend(rule.cwe.iter().map(|n| format!("external/cwe/cwe-{n}")));
    let mut extra = BTreeMap::new();
    extra.insert(
        "security-severity".to_string(),
        json!(security_severity(rule.severity())),
    );
    extra.insert("controls".to_string(), json!(rule.controls));
    let properties = PropertyBag::builder()
        .tags(tags)
        .additional_properties(extra)
        .build();
    let configuration = ReportingConfiguration::builder()
        .level(json!(level_name(rule.severity())))
        .build();
    let builder = ReportingDescriptor::builder()
        .id(rule.id.to_string())
        .name(rule.id.as_str().replace(['/', '-'], "_"))
        .short_description(plain(&rule.title))
        .full_description(plain(&rule.docs.why))
        .help(plain(&rule.fix))
        .default_configuration(configuration)
        .properties(properties);
    match rule.references.first() {
        Some(uri) => builder.help_uri(uri.clone()).build(),
        None => builder.build(),
    }
}

fn level_name(severity: Severity) -> &'static str {
    match level(severity) {
        ResultLevel::Error => "error",
        ResultLevel::Warning => "warning",
        ResultLevel::Note => "note",
        ResultLevel::None => "none",
    }
}

fn location(path: &str, region: Option<Region>) -> Location {
    let artifact = if path.starts_with('/') {
        ArtifactLocation::builder().uri(uri_path(path)).build()
    } else {
        ArtifactLocation::builder()
            .uri(uri_path(path))
            .uri_base_id("%SRCROOT%")
            .build()
    };
    let physical = match region {
        Some(region) => PhysicalLocation::builder()
            .artifact_location(artifact)
            .region(region)
            .build(),
        None => PhysicalLocation::builder()
            .artifact_location(artifact)
            .build(),
    };
    Location::builder().physical_location(physical).build()
}

fn result(finding: &Finding, rule_index: Option<usize>) -> SarifResult {
    let region = Region::builder()
        .start_line(finding.line as i64)
        .start_column(finding.column as i64)
        .end_line(finding.end_line as i64)
        .end_column(finding.end_column as i64)
        .snippet(
            ArtifactContent::builder()
                .text(finding.snippet.clone())
                .build(),
        )
        .build();
    let mut extra = BTreeMap::new();
    extra.insert("severity".to_string(), json!(finding.severity));
    extra.insert("controls".to_string(), json!(finding.controls));
    extra.insert("status".to_string(), json!(finding.status));
    if let Some(context) = finding.context {
        extra.insert("context".to_string(), json!(context));
    }
    let fingerprints = BTreeMap::from([("comply/v1".to_string(), finding.fingerprint.clone())]);
    let builder = SarifResult::builder()
        .rule_id(finding.rule_id.to_string())
        .level(level(finding.severity))
        .message(text(finding.message.clone()))
        .locations(vec![location(&finding.path, Some(region))])
        .partial_fingerprints(fingerprints)
        .properties(PropertyBag::builder().additional_properties(extra).build());
    let mut result = match rule_index {
        Some(index) => builder.rule_index(index as i64).build(),
        None => builder.build(),
    };
    result.suppressions = suppression(finding).map(|s| vec![s]);
    result
}

/// A settled finding as SARIF sees it: an inline comment is an `inSource`
/// suppression, the baseline and risk acceptances are `external` ones, all
/// `accepted`. Code-scanning services then show the result as dismissed.
fn suppression(finding: &Finding) -> Option<Suppression> {
    let (kind, justification) = match finding.status {
        Status::Open => return None,
        Status::Suppressed => (
            "inSource",
            finding
                .suppression
                .as_ref()
                .map(|s| s.reason.clone())
                .unwrap_or_default(),
        ),
        Status::Baselined => ("external", "recorded in the baseline".to_string()),
        Status::Accepted => (
            "external",
            format!(
                "risk acceptance {}",
                finding.acceptance.as_deref().unwrap_or_default()
            ),
        ),
    };
    Some(
        Suppression::builder()
            .kind(json!(kind))
            .status(json!("accepted"))
            .justification(justification)
            .build(),
    )
}

/// Builds the SARIF log.
pub fn sarif_log(report: &Report<'_>) -> Sarif {
    let rules = &report.rules.rules;
    let walk_warnings = report.outcome.warnings.iter().map(|warning| {
        Notification::builder()
            .level(json!("warning"))
            .message(text(warning.clone()))
            .build()
    });
    let notifications: Vec<Notification> = report
        .outcome
        .problems
        .iter()
        .map(|p| {
            Notification::builder()
                .level(json!("warning"))
                .message(text(format!("{}: {}", p.path, p.message)))
                .locations(vec![location(&p.path, None)])
                .build()
        })
        .chain(walk_warnings)
        .collect();
    let driver = ToolComponent::builder()
        .name("comply")
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(rules.iter().map(descriptor).collect::<Vec<_>>())
        .build();
    let results: Vec<SarifResult> = report
        .outcome
        .findings
        .iter()
        .map(|f| result(f, rules.iter().position(|r| r.id == f.rule_id)))
        .collect();
    let invocation = if notifications.is_empty() {
        Invocation::builder()
            .execution_successful(!report.outcome.has_internal_errors())
            .build()
    } else {
        Invocation::builder()
            .execution_successful(!report.outcome.has_internal_errors())
            .tool_execution_notifications(notifications)
            .build()
    };
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation])
        .column_kind(json!("unicodeCodePoints"))
        .build();
    Sarif::builder()
        .schema(SARIF_SCHEMA)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

/// Writes the SARIF log, pretty-printed.
pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &sarif_log(report))?;
    writeln!(out)
}

/// Percent-encodes what a URI path may not hold; `/` stays.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&byte);
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_escape_spaces_and_controls() {
        assert_eq!(uri_path("src/my file.js"), "src/my%20file.js");
        assert_eq!(uri_path("a\nb"), "a%0Ab");
        assert_eq!(uri_path("src/é.rs"), "src/%C3%A9.rs");
    }
}
