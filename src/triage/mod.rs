//! Triage: deciding each finding's status (open, suppressed, baselined,
//! accepted) and owner from what the project recorded about it: inline
//! `comply-ignore` comments, the baseline, risk acceptances, CODEOWNERS.
//!
//! Findings are never dropped, only marked, so reports can hide what is
//! settled while the evidence bundle still counts and lists it.
//!
//! Precedence, most deliberate first: a valid risk acceptance; then an inline
//! suppression with a reason; then the baseline. Rules and families named in
//! `never_suppress` can be settled only by a risk acceptance: neither a
//! comment nor the baseline silences them. A suppression without a reason
//! never applies (and is reported as `meta/suppression-without-reason`).

pub mod acceptances;
pub mod baseline;
pub mod date;
pub mod inline;
pub mod notes;
pub mod owners;
pub mod pathglob;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::config::{error_at_word, Config};
use crate::error::Error;
use crate::finding::{Finding, Status};
use crate::rules::{RuleSet, FAMILIES};

use acceptances::Acceptances;
use baseline::{Baseline, BaselineEntry};
use date::Date;

/// What triage knows about the project.
#[derive(Debug)]
pub struct Triage {
    /// Rule ids and families no comment or baseline may silence.
    pub never_suppress: Vec<String>,
    /// The baseline given with `--baseline`.
    pub baseline: Option<Baseline>,
    /// The baseline's path, for messages.
    pub baseline_path: Option<PathBuf>,
    /// Risk acceptances, split into active and expired.
    pub acceptances: Acceptances,
    /// The acceptances file read (whether or not it existed).
    pub acceptances_path: PathBuf,
    /// The run's date: acceptances expire against it.
    pub today: Date,
}

/// What applying triage found beyond statuses.
#[derive(Debug, Default, Clone)]
pub struct TriageResult {
    /// Baseline entries that match no finding any more.
    pub stale_baseline: Vec<BaselineEntry>,
}

/// The folder project files (`.comply/`, CODEOWNERS) are relative to: the
/// configuration file's folder, else the working directory.
pub fn project_root(config: &Config) -> PathBuf {
    config
        .path
        .as_ref()
        .and_then(|p| p.parent())
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Reads the baseline and acceptances and checks `never_suppress` against
/// the loaded rules.
pub fn load(
    config: &Config,
    rules: &RuleSet,
    baseline: Option<&Path>,
    acceptances: Option<&Path>,
    today: Date,
) -> Result<Triage, Error> {
    let config_name = config
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    for name in &config.never_suppress {
        let known = rules.get(name).is_some() || FAMILIES.contains(&name.as_str());
        if !known {
            return Err(error_at_word(
                &config_name,
                &config.text,
                name,
                format!(
                    "never_suppress names `{name}`, which is neither a loaded rule nor a family"
                ),
            )
            .with_help(format!("families are: {}", FAMILIES.join(", ")))
            .into());
        }
    }
    let acceptances_path = acceptances
        .map(Path::to_path_buf)
        .unwrap_or_else(|| project_root(config).join(acceptances::DEFAULT_PATH));
    Ok(Triage {
        never_suppress: config.never_suppress.clone(),
        baseline: baseline.map(Baseline::load).transpose()?,
        baseline_path: baseline.map(Path::to_path_buf),
        acceptances: Acceptances::load(&acceptances_path, acceptances.is_some(), today)?,
        acceptances_path,
        today,
    })
}

impl Triage {
    fn never_suppressed(&self, finding: &Finding) -> bool {
        self.never_suppress
            .iter()
            .any(|n| n == finding.rule_id.as_str() || n == finding.rule_id.family())
    }

    /// The status a finding earns; sets its acceptance reference.
    fn decide(&self, finding: &mut Finding, baselined: &BTreeSet<&str>) -> Status {
        finding.acceptance = None;
        if finding.family == "meta" {
            return Status::Open;
        }
        if let Some(a) = self.acceptances.active.iter().find(|a| a.covers(finding)) {
            finding.acceptance = Some(a.id.clone());
            return Status::Accepted;
        }
        if self.never_suppressed(finding) {
            return Status::Open;
        }
        if finding
            .suppression
            .as_ref()
            .is_some_and(|s| !s.reason.is_empty())
        {
            return Status::Suppressed;
        }
        if baselined.contains(finding.fingerprint.as_str()) {
            return Status::Baselined;
        }
        Status::Open
    }

    /// Sets every finding's status and reports stale baseline entries.
    pub fn apply(&self, findings: &mut [Finding]) -> TriageResult {
        let baselined = self
            .baseline
            .as_ref()
            .map(Baseline::fingerprints)
            .unwrap_or_default();
        for finding in findings.iter_mut() {
            finding.status = self.decide(finding, &baselined);
        }
        let present: BTreeSet<&str> = findings.iter().map(|f| f.fingerprint.as_str()).collect();
        let stale_baseline = self
            .baseline
            .iter()
            .flat_map(|b| &b.findings)
            .filter(|e| !present.contains(e.fingerprint.as_str()))
            .cloned()
            .collect();
        TriageResult { stale_baseline }
    }
}
