//! `--format gitlab-sast`: GitLab's SAST security report (schema 15.0.6),
//! the file a job names under `artifacts: reports: sast:` so findings show
//! in merge requests and the vulnerability report. GitLab does not read
//! SARIF there; it needs this schema.
//!
//! One vulnerability per open finding: its fingerprint as id (stable across
//! runs, as GitLab uses it to track a vulnerability), the rule's title and
//! the redacted message, GitLab's severity names, the fix as solution, the
//! rule id and CWEs as identifiers, and the place. File problems become
//! `warn` messages of the scan. The schema requires start and end times:
//! both are the time the report is written (`SOURCE_DATE_EPOCH` when set,
//! so reruns can be byte-identical).

use std::io::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::finding::{Finding, Status};
use crate::risk::Severity;
use crate::scan::ScanOutcome;

/// The report schema version written.
pub const SCHEMA_VERSION: &str = "15.0.6";

#[derive(Serialize)]
struct SastReport<'a> {
    version: &'static str,
    vulnerabilities: Vec<Vulnerability<'a>>,
    scan: Scan,
}

#[derive(Serialize)]
struct Vulnerability<'a> {
    id: &'a str,
    name: &'a str,
    description: &'a str,
    severity: &'static str,
    solution: &'a str,
    identifiers: Vec<Identifier>,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Identifier {
    #[serde(rename = "type")]
    kind: &'static str,
    name: String,
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Location<'a> {
    file: &'a str,
    start_line: usize,
    end_line: usize,
}

#[derive(Serialize)]
struct Tool {
    id: &'static str,
    name: &'static str,
    version: &'static str,
    vendor: Vendor,
}

#[derive(Serialize)]
struct Vendor {
    name: &'static str,
}

#[derive(Serialize)]
struct Message {
    level: &'static str,
    value: String,
}

#[derive(Serialize)]
struct Scan {
    analyzer: Tool,
    scanner: Tool,
    #[serde(rename = "type")]
    kind: &'static str,
    start_time: String,
    end_time: String,
    status: &'static str,
    messages: Vec<Message>,
}

fn tool() -> Tool {
    Tool {
        id: "comply",
        name: "comply",
        version: env!("CARGO_PKG_VERSION"),
        vendor: Vendor { name: "comply" },
    }
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
        Severity::Info => "Info",
    }
}

fn vulnerability(finding: &Finding) -> Vulnerability<'_> {
    let mut identifiers = vec![Identifier {
        kind: "comply_rule",
        name: format!("comply {}", finding.rule_id),
        value: finding.rule_id.to_string(),
        url: None,
    }];
    for cwe in &finding.cwe {
        let number = cwe.trim_start_matches("CWE-");
        identifiers.push(Identifier {
            kind: "cwe",
            name: cwe.clone(),
            value: number.to_string(),
            url: Some(format!(
                "https://cwe.mitre.org/data/definitions/{number}.html"
            )),
        });
    }
    Vulnerability {
        id: &finding.fingerprint,
        name: &finding.title,
        description: &finding.message,
        severity: severity(finding.severity),
        solution: &finding.fix,
        identifiers,
        location: Location {
            file: &finding.path,
            start_line: finding.line,
            end_line: finding.end_line,
        },
    }
}

/// Writes the report, pretty-printed, with a trailing newline.
pub fn render(outcome: &ScanOutcome, out: &mut dyn Write) -> io::Result<()> {
    let now = report_time();
    let messages = outcome
        .problems
        .iter()
        .map(|p| Message {
            level: "warn",
            value: format!("{}: {}", p.path, p.message),
        })
        .collect();
    let report = SastReport {
        version: SCHEMA_VERSION,
        vulnerabilities: outcome
            .findings
            .iter()
            .filter(|f| f.status == Status::Open)
            .map(vulnerability)
            .collect(),
        scan: Scan {
            analyzer: tool(),
            scanner: tool(),
            kind: "sast",
            start_time: now.clone(),
            end_time: now,
            status: if outcome.has_internal_errors() {
                "failure"
            } else {
                "success"
            },
            messages,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

/// `SOURCE_DATE_EPOCH` when set to a number, else the clock, as
/// `YYYY-MM-DDTHH:MM:SS` (UTC, the schema's format).
fn report_time() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0)
        });
    utc_timestamp(seconds)
}

/// Seconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SS` (proleptic
/// Gregorian calendar, days to civil date by the era method).
fn utc_timestamp(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(utc_timestamp(0), "1970-01-01T00:00:00");
        assert_eq!(utc_timestamp(951_782_400), "2000-02-29T00:00:00");
        assert_eq!(utc_timestamp(1_700_000_000), "2023-11-14T22:13:20");
        assert_eq!(utc_timestamp(4_107_542_399), "2100-02-28T23:59:59");
    }
}
