//! Each control's automated assessment: which rules covering it ran on
//! files in scope, how many files they read, what they found, and the
//! verdict (verified, failed, accepted, not assessed) Gate 2 starts from.

use std::collections::BTreeSet;

use serde::Serialize;

use super::areas::area_of;
use super::gates::ControlVerdict;
use super::model::{status_text, ModelInputs};
use crate::finding::{Finding, Status};
use crate::lang::Language;
use crate::scan::ScanOutcome;

/// One control's assessment.
#[derive(Debug, Clone, Serialize)]
pub struct ControlRow {
    /// Control id.
    pub id: String,
    /// Our short title.
    pub title: String,
    /// Whether Gate 2 requires it.
    pub critical: bool,
    /// The assessment section it belongs to.
    pub area: String,
    /// Rules covering it that ran on files in scope.
    pub checks: Vec<String>,
    /// Files those rules ran on.
    pub files_checked: usize,
    /// The automated verdict.
    pub verdict: ControlVerdict,
    /// The verdict's words.
    pub result: String,
    /// Findings against it: `path:line rule (status)`.
    pub evidence: Vec<String>,
    /// Compensating controls recorded in acceptances of its findings.
    pub compensating: Vec<String>,
}

/// The languages scanned, as front-end languages.
fn scanned_languages(outcome: &ScanOutcome) -> Vec<(Vec<Language>, usize)> {
    outcome
        .languages
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(name, n)| {
            let langs = Language::from_rule_name(name)
                .map(<[Language]>::to_vec)
                .unwrap_or_default();
            (langs, *n)
        })
        .collect()
}

/// Every catalog control's assessment, in catalog order.
pub fn control_rows(inputs: &ModelInputs<'_>) -> Vec<ControlRow> {
    let scanned = scanned_languages(inputs.outcome);
    let acceptances = &inputs.triage.acceptances.active;
    inputs
        .rules
        .catalog
        .controls()
        .iter()
        .map(|control| {
            let covering: Vec<_> = inputs
                .rules
                .rules
                .iter()
                .filter(|r| r.controls.contains(&control.id))
                .collect();
            let mut checks = BTreeSet::new();
            let mut files_checked = 0;
            for (langs, count) in &scanned {
                let ran: Vec<_> = covering
                    .iter()
                    .filter(|r| langs.iter().any(|l| r.applies_to(*l)))
                    .collect();
                if !ran.is_empty() {
                    files_checked += count;
                    checks.extend(ran.iter().map(|r| r.id.to_string()));
                }
            }
            let against: Vec<&Finding> = inputs
                .outcome
                .findings
                .iter()
                .filter(|f| f.controls.contains(&control.id))
                .collect();
            let any = |s: Status| against.iter().any(|f| f.status == s);
            let verdict = if any(Status::Open) {
                ControlVerdict::Failed
            } else if checks.is_empty() {
                ControlVerdict::NotAssessed
            } else if any(Status::Accepted) {
                ControlVerdict::Accepted
            } else {
                ControlVerdict::Verified
            };
            let compensating: BTreeSet<String> = against
                .iter()
                .filter_map(|f| f.acceptance.as_ref())
                .filter_map(|id| acceptances.iter().find(|a| &a.id == id))
                .filter_map(|a| {
                    a.compensating_control
                        .as_ref()
                        .map(|c| format!("{c} ({})", a.id))
                })
                .collect();
            ControlRow {
                id: control.id.clone(),
                title: control.title.clone(),
                critical: control.critical,
                area: area_of(&control.id).into(),
                checks: checks.into_iter().collect(),
                files_checked,
                verdict,
                result: verdict.text().into(),
                evidence: against
                    .iter()
                    .map(|f| {
                        format!(
                            "{}:{} {} ({})",
                            f.path,
                            f.line,
                            f.rule_id,
                            status_text(f.status)
                        )
                    })
                    .collect(),
                compensating: compensating.into_iter().collect(),
            }
        })
        .collect()
}
