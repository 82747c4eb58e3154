//! The bundle's content, computed once from a scan and its triage: the
//! findings register's rows, each control's automated result, the inline
//! suppressions and risk acceptances, the gates and the disposition. Every
//! file of the bundle is a rendering of this model.

use std::collections::BTreeMap;

use serde::Serialize;

use super::areas::{AREAS, OTHER_AREA};
pub use super::controls::ControlRow;
use super::gates::{self, Disposition, GateControl, GateFinding, GateInputs, GateResult};
use super::settings::EvidenceSettings;
use crate::finding::{Finding, Status};
use crate::rules::RuleSet;
use crate::scan::ScanOutcome;
use crate::triage::date::Date;
use crate::triage::owners::Owners;
use crate::triage::Triage;

/// One row of the findings register.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Fingerprint.
    pub id: String,
    /// Rule id.
    pub rule: String,
    /// Rule title.
    pub title: String,
    /// Family.
    pub family: String,
    /// Severity.
    pub severity: String,
    /// 1–3.
    pub likelihood: u8,
    /// 1–3.
    pub impact: u8,
    /// likelihood × impact.
    pub risk_score: u8,
    /// Why the likelihood may differ from the rule's: `test` (a test file,
    /// scored with `test_files.likelihood`) or empty.
    pub context: String,
    /// Controls at risk.
    pub controls: Vec<String>,
    /// CWE ids.
    pub cwe: Vec<String>,
    /// Path.
    pub path: String,
    /// Line.
    pub line: usize,
    /// Owner.
    pub owner: String,
    /// Triage status.
    pub status: String,
    /// How to fix it.
    pub remediation: String,
    /// The message (redacted).
    pub message: String,
    /// When the finding was first recorded (this run, or a previous bundle).
    pub first_seen: String,
    /// Remediation due date (open findings: first seen + the severity's SLA).
    pub due: String,
    /// Risk acceptance id, when accepted.
    pub acceptance: String,
}

impl Row {
    /// The row as the gates see it.
    pub fn gate_finding(&self) -> GateFinding {
        GateFinding {
            id: self.id.clone(),
            rule: self.rule.clone(),
            severity: self.severity.clone(),
            status: self.status.clone(),
            owner: self.owner.clone(),
            due: self.due.clone(),
            acceptance: self.acceptance.clone(),
            place: format!("{}:{}", self.path, self.line),
        }
    }
}

/// A control area with its controls, for the templates.
#[derive(Debug, Clone, Serialize)]
pub struct AreaRows {
    /// Section title.
    pub title: String,
    /// Its controls.
    pub controls: Vec<ControlRow>,
}

/// One inline suppression, for the suppression register.
#[derive(Debug, Clone, Serialize)]
pub struct SuppressionRow {
    /// Place of the finding.
    pub place: String,
    /// Its rule.
    pub rule: String,
    /// What the comment named.
    pub target: String,
    /// Line of the comment.
    pub comment_line: usize,
    /// The reason given ("" when none).
    pub reason: String,
    /// Whether it applied (`never_suppress` and a missing reason stop it).
    pub applied: bool,
}

/// One risk acceptance as the documents show it.
#[derive(Debug, Clone, Serialize)]
pub struct AcceptanceRow {
    /// Reference.
    pub id: String,
    /// What it covers.
    pub covers: String,
    /// Why.
    pub reason: String,
    /// Who approved it.
    pub approver: String,
    /// When.
    pub date: String,
    /// Last day it applies.
    pub expires: String,
    /// Compensating control ("" when none).
    pub compensating_control: String,
    /// Findings it covers in this scan.
    pub findings: usize,
}

/// The whole bundle's content.
#[derive(Debug, Clone, Serialize)]
pub struct Model {
    /// Register rows, in report order.
    pub rows: Vec<Row>,
    /// Control areas with their controls.
    pub areas: Vec<AreaRows>,
    /// Inline suppressions.
    pub suppressions: Vec<SuppressionRow>,
    /// Acceptances in force.
    pub acceptances: Vec<AcceptanceRow>,
    /// Acceptances past their expiry.
    pub expired_acceptances: Vec<AcceptanceRow>,
    /// Counts per status.
    pub by_status: BTreeMap<String, usize>,
    /// Gate verdicts.
    pub gates: Vec<GateResult>,
    /// Recommended disposition.
    pub disposition: Disposition,
}

impl Model {
    /// The register as the gates see it.
    pub fn gate_findings(&self) -> Vec<GateFinding> {
        self.rows.iter().map(Row::gate_finding).collect()
    }

    /// The controls as the gates see them.
    pub fn gate_controls(&self) -> Vec<GateControl> {
        self.areas
            .iter()
            .flat_map(|a| &a.controls)
            .map(|c| GateControl {
                id: c.id.clone(),
                critical: c.critical,
                verdict: c.verdict,
            })
            .collect()
    }
}

/// Status as the documents write it.
pub fn status_text(status: Status) -> &'static str {
    match status {
        Status::Open => "open",
        Status::Suppressed => "suppressed",
        Status::Baselined => "baselined",
        Status::Accepted => "accepted",
    }
}

/// What the model is built from.
pub struct ModelInputs<'a> {
    /// The triaged scan.
    pub outcome: &'a ScanOutcome,
    /// The rules that ran.
    pub rules: &'a RuleSet,
    /// Triage inputs (acceptances).
    pub triage: &'a Triage,
    /// Owners.
    pub owners: &'a Owners,
    /// SLAs and thresholds.
    pub settings: &'a EvidenceSettings,
    /// The run's date.
    pub today: Date,
    /// First-seen dates from a previous bundle, by fingerprint.
    pub first_seen: &'a BTreeMap<String, Date>,
}

/// Builds the model.
pub fn build(inputs: &ModelInputs<'_>) -> Model {
    let rows: Vec<Row> = inputs
        .outcome
        .findings
        .iter()
        .map(|f| row(f, inputs))
        .collect();
    let controls = super::controls::control_rows(inputs);
    let mut areas: Vec<AreaRows> = AREAS
        .iter()
        .map(|a| AreaRows {
            title: a.title.into(),
            controls: Vec::new(),
        })
        .chain([AreaRows {
            title: OTHER_AREA.into(),
            controls: Vec::new(),
        }])
        .collect();
    for area in &mut areas {
        let order = AREAS
            .iter()
            .find(|a| a.title == area.title)
            .map(|a| a.controls)
            .unwrap_or(&[]);
        let mut mine: Vec<ControlRow> = controls
            .iter()
            .filter(|c| c.area == area.title)
            .cloned()
            .collect();
        mine.sort_by_key(|c| {
            order
                .iter()
                .position(|id| *id == c.id)
                .unwrap_or(usize::MAX)
        });
        area.controls = mine;
    }
    areas.retain(|a| !a.controls.is_empty());
    let mut by_status = BTreeMap::new();
    for s in ["open", "suppressed", "baselined", "accepted"] {
        by_status.insert(s.to_string(), rows.iter().filter(|r| r.status == s).count());
    }
    let suppressions = inputs
        .outcome
        .findings
        .iter()
        .filter_map(|f| {
            let s = f.suppression.as_ref()?;
            Some(SuppressionRow {
                place: format!("{}:{}", f.path, f.line),
                rule: f.rule_id.to_string(),
                target: s.target.clone(),
                comment_line: s.line,
                reason: s.reason.clone(),
                applied: f.status == Status::Suppressed,
            })
        })
        .collect();
    let acceptance_row = |a: &crate::triage::acceptances::Acceptance| AcceptanceRow {
        id: a.id.clone(),
        covers: a.covers_text(),
        reason: a.reason.clone(),
        approver: a.approver.clone(),
        date: a.date.to_string(),
        expires: a.expires.to_string(),
        compensating_control: a.compensating_control.clone().unwrap_or_default(),
        findings: rows.iter().filter(|r| r.acceptance == a.id).count(),
    };
    let acceptances = inputs
        .triage
        .acceptances
        .active
        .iter()
        .map(acceptance_row)
        .collect();
    let expired_acceptances = inputs
        .triage
        .acceptances
        .expired
        .iter()
        .map(acceptance_row)
        .collect();
    let mut model = Model {
        rows,
        areas,
        suppressions,
        acceptances,
        expired_acceptances,
        by_status,
        gates: Vec::new(),
        disposition: Disposition::Reject,
    };
    let findings = model.gate_findings();
    let controls = model.gate_controls();
    let marks = BTreeMap::new();
    let gate_inputs = GateInputs {
        findings: &findings,
        controls: &controls,
        marks: &marks,
        document: super::files::MANUAL_ASSESSMENT,
        thresholds: inputs.settings.gates,
    };
    model.gates = gates::evaluate(&gate_inputs);
    model.disposition = gates::disposition(&model.gates, &findings);
    model
}

fn row(f: &Finding, inputs: &ModelInputs<'_>) -> Row {
    let first_seen = inputs
        .first_seen
        .get(&f.fingerprint)
        .copied()
        .unwrap_or(inputs.today);
    let due = if f.status == Status::Open {
        let days = inputs.settings.sla_days.days(f.severity);
        first_seen.plus_days(i64::from(days)).to_string()
    } else {
        String::new()
    };
    Row {
        id: f.fingerprint.clone(),
        rule: f.rule_id.to_string(),
        title: f.title.clone(),
        family: f.family.clone(),
        severity: f.severity.to_string(),
        likelihood: f.likelihood,
        impact: f.impact,
        risk_score: f.risk_score,
        context: f.context.map(|c| json_name(&c)).unwrap_or_default(),
        controls: f.controls.clone(),
        cwe: f.cwe.clone(),
        path: f.path.clone(),
        line: f.line,
        owner: inputs.owners.owner_of(&f.path),
        status: status_text(f.status).into(),
        remediation: f.fix.clone(),
        message: f.message.clone(),
        first_seen: first_seen.to_string(),
        due,
        acceptance: f.acceptance.clone().unwrap_or_default(),
    }
}

/// A value's name as serde writes it (`Context::Test` → `test`).
fn json_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}
