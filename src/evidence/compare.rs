//! What changed since a previous bundle (or a baseline): new, fixed and
//! still-open findings, newly accepted ones, expired acceptances, and the
//! trend of open findings per severity and per control.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::files::{FINDINGS_REGISTER, SCAN_RESULTS, SCOPE_REGISTER};
use super::model::{AcceptanceRow, Row};
use crate::config::Config;
use crate::error::{Error, InputError};
use crate::risk::Severity;
use crate::rules::RuleSet;
use crate::triage::baseline::Baseline;
use crate::triage::date::Date;

/// A finding of the earlier state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrevFinding {
    /// Fingerprint.
    pub fingerprint: String,
    /// Rule id.
    pub rule_id: String,
    /// Path.
    pub path: String,
    /// Severity then.
    pub severity: String,
    /// Controls.
    #[serde(default)]
    pub controls: Vec<String>,
    /// Status then.
    #[serde(default = "open")]
    pub status: String,
}

fn open() -> String {
    "open".into()
}

/// The earlier state.
#[derive(Debug, Clone, Default)]
pub struct Previous {
    /// What it is, for the report's heading.
    pub label: String,
    /// Its findings.
    pub findings: Vec<PrevFinding>,
    /// First-seen dates by fingerprint (bundles only).
    pub first_seen: BTreeMap<String, Date>,
}

#[derive(Deserialize)]
struct ResultsDoc {
    findings: Vec<PrevFinding>,
}

/// Reads a previous bundle's scan results and register.
pub fn read_bundle(dir: &Path) -> Result<Previous, Error> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read(&path).map_err(|source| Error::Io { path, source })
    };
    let results = read(SCAN_RESULTS)?;
    let name = dir.join(SCAN_RESULTS).display().to_string();
    let doc: ResultsDoc = serde_json::from_slice(&results).map_err(|e| {
        let text = String::from_utf8_lossy(&results).into_owned();
        InputError::at(
            &name,
            &text,
            None,
            0,
            format!("not a comply scan-results.json: {e}"),
        )
    })?;
    let register = read(FINDINGS_REGISTER)?;
    let rows = super::register::read(&register)
        .map_err(|e| Error::Usage(format!("{}: {e}", dir.join(FINDINGS_REGISTER).display())))?;
    let first_seen = rows
        .iter()
        .filter_map(|r| Some((r.get("id")?.clone(), Date::parse(r.get("first_seen")?)?)))
        .collect();
    let generated = std::fs::read(dir.join(SCOPE_REGISTER))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| {
            v.get("generated_at")
                .and_then(|g| g.as_str())
                .map(str::to_string)
        });
    Ok(Previous {
        label: match generated {
            Some(at) => format!("the bundle of {at}"),
            None => "the previous bundle".into(),
        },
        findings: doc.findings,
        first_seen,
    })
}

/// A baseline as an earlier state: its entries, with today's rule severities
/// (an entry in a test file scored as the scan scores it, `test_files`).
pub fn from_baseline(
    baseline: &Baseline,
    path: &Path,
    rules: &RuleSet,
    config: &Config,
) -> Previous {
    let findings = baseline
        .findings
        .iter()
        .map(|e| {
            let rule = rules.get(&e.rule_id);
            let severity = rule.map(|r| {
                let mut risk = r.risk;
                let cap = config
                    .test_files
                    .cap(&config.overrides, &e.rule_id, &e.path);
                risk.likelihood = risk.likelihood.min(cap.unwrap_or(risk.likelihood));
                risk.severity()
            });
            PrevFinding {
                fingerprint: e.fingerprint.clone(),
                rule_id: e.rule_id.clone(),
                path: e.path.clone(),
                severity: severity.map_or("info".into(), |s| s.to_string()),
                controls: rule.map(|r| r.controls.clone()).unwrap_or_default(),
                status: "open".into(),
            }
        })
        .collect();
    Previous {
        label: format!("the baseline {}", path.display()),
        findings,
        first_seen: BTreeMap::new(),
    }
}

/// A row that is still there, with its age.
#[derive(Debug, Clone, Serialize)]
pub struct Aged {
    /// The row.
    pub row: Row,
    /// Days since first seen.
    pub age_days: i64,
}

/// Before and after counts of open findings.
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    /// Severity or control.
    pub key: String,
    /// Open before.
    pub before: usize,
    /// Open now.
    pub after: usize,
    /// `+n`, `-n` or `0`.
    pub change: String,
}

/// The comparison the risk-baseline report renders.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// What the state is compared with.
    pub label: String,
    /// Open now, absent before.
    pub new: Vec<Row>,
    /// Present before, absent now.
    pub fixed: Vec<PrevFinding>,
    /// Present before and still open or baselined now.
    pub still_open: Vec<Aged>,
    /// Accepted now, not accepted before.
    pub newly_accepted: Vec<Row>,
    /// Acceptances past their expiry.
    pub expired: Vec<AcceptanceRow>,
    /// Open findings per severity.
    pub by_severity: Vec<Trend>,
    /// Open findings per control.
    pub by_control: Vec<Trend>,
}

fn trend(key: String, before: usize, after: usize) -> Trend {
    let change = match after as i64 - before as i64 {
        0 => "0".to_string(),
        d if d > 0 => format!("+{d}"),
        d => d.to_string(),
    };
    Trend {
        key,
        before,
        after,
        change,
    }
}

/// Compares the current rows with the earlier state.
pub fn compare(
    previous: &Previous,
    rows: &[Row],
    expired: &[AcceptanceRow],
    today: Date,
) -> Comparison {
    let before: BTreeMap<&str, &PrevFinding> = previous
        .findings
        .iter()
        .map(|f| (f.fingerprint.as_str(), f))
        .collect();
    let now: BTreeSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let is_open = |s: &str| s == "open" || s == "baselined";
    let new = rows
        .iter()
        .filter(|r| r.status == "open" && !before.contains_key(r.id.as_str()))
        .cloned()
        .collect();
    let fixed = previous
        .findings
        .iter()
        .filter(|f| !now.contains(f.fingerprint.as_str()))
        .cloned()
        .collect();
    let still_open = rows
        .iter()
        .filter(|r| is_open(&r.status) && before.contains_key(r.id.as_str()))
        .map(|r| Aged {
            row: r.clone(),
            age_days: Date::parse(&r.first_seen).map_or(0, |d| today.days_since(d)),
        })
        .collect();
    let newly_accepted = rows
        .iter()
        .filter(|r| {
            r.status == "accepted"
                && before
                    .get(r.id.as_str())
                    .is_none_or(|p| p.status != "accepted")
        })
        .cloned()
        .collect();
    let by_severity = Severity::DESCENDING
        .iter()
        .map(|s| {
            let s = s.as_str();
            let b = previous
                .findings
                .iter()
                .filter(|f| f.severity == s && is_open(&f.status))
                .count();
            let a = rows
                .iter()
                .filter(|r| r.severity == s && r.status == "open")
                .count();
            trend(s.to_string(), b, a)
        })
        .collect();
    let controls: BTreeSet<&str> = previous
        .findings
        .iter()
        .flat_map(|f| f.controls.iter())
        .chain(rows.iter().flat_map(|r| r.controls.iter()))
        .map(String::as_str)
        .collect();
    let by_control = controls
        .into_iter()
        .map(|c| {
            let b = previous
                .findings
                .iter()
                .filter(|f| is_open(&f.status) && f.controls.iter().any(|x| x == c))
                .count();
            let a = rows
                .iter()
                .filter(|r| r.status == "open" && r.controls.iter().any(|x| x == c))
                .count();
            trend(c.to_string(), b, a)
        })
        .collect();
    Comparison {
        label: previous.label.clone(),
        new,
        fixed,
        still_open,
        newly_accepted,
        expired: expired.to_vec(),
        by_severity,
        by_control,
    }
}
