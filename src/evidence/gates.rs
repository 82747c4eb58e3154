//! The three quality gates of CONTROLS.md and the disposition they lead to.
//!
//! Evaluated from plain data (the register's rows, the control results, the
//! reviewer's marks), so `comply scan --evidence` and `comply gate` — which
//! reads the same data back from the bundle — agree by construction.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::areas::MANUAL_ITEMS;
use super::review::{Entry, Mark};
use super::settings::GateThresholds;
use crate::triage::owners::UNASSIGNED;

/// What the gates need to know of one finding (a register row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateFinding {
    /// Fingerprint.
    pub id: String,
    /// Rule id.
    pub rule: String,
    /// `critical` … `info`.
    pub severity: String,
    /// `open`, `suppressed`, `baselined`, `accepted`.
    pub status: String,
    /// Owner, or `unassigned`.
    pub owner: String,
    /// Remediation due date, or empty.
    pub due: String,
    /// Risk acceptance id, or empty.
    pub acceptance: String,
    /// `path:line`.
    pub place: String,
}

/// The automated verdict on one control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ControlVerdict {
    /// Checks covering it ran on files in scope and nothing is open.
    Verified,
    /// Open findings put it at risk.
    Failed,
    /// Nothing open; accepted findings stand against it.
    Accepted,
    /// No covering check ran on files in scope.
    NotAssessed,
}

impl ControlVerdict {
    /// The words the assessment uses.
    pub fn text(self) -> &'static str {
        match self {
            ControlVerdict::Verified => "verified",
            ControlVerdict::Failed => "failed",
            ControlVerdict::Accepted => "accepted with compensating control",
            ControlVerdict::NotAssessed => "not assessed",
        }
    }
}

/// A control's automated result, as the gates need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateControl {
    /// Control id.
    pub id: String,
    /// Whether Gate 2 requires it.
    pub critical: bool,
    /// The automated verdict.
    pub verdict: ControlVerdict,
}

/// One gate's verdict with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateResult {
    /// 1, 2 or 3.
    pub number: u8,
    /// Its name.
    pub name: String,
    /// Whether it passes.
    pub passed: bool,
    /// Why it fails (or notes when it passes).
    pub reasons: Vec<String>,
}

/// The recommended disposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Disposition {
    /// Gates pass, nothing open or accepted.
    Approve,
    /// Gates pass with open or accepted findings.
    ApproveWithConditions,
    /// A gate fails.
    Reject,
}

impl Disposition {
    /// The words the documents use.
    pub fn text(self) -> &'static str {
        match self {
            Disposition::Approve => "approve",
            Disposition::ApproveWithConditions => "approve with conditions",
            Disposition::Reject => "reject",
        }
    }
}

/// Everything the gates read.
pub struct GateInputs<'a> {
    /// Every finding of the register.
    pub findings: &'a [GateFinding],
    /// Every control's automated result.
    pub controls: &'a [GateControl],
    /// The reviewer's marks by key (empty right after a scan).
    pub marks: &'a BTreeMap<String, Entry>,
    /// The name the marks' document is shown under, for line references.
    pub document: &'a str,
    /// Gate limits.
    pub thresholds: GateThresholds,
}

fn open(findings: &[GateFinding]) -> impl Iterator<Item = &GateFinding> {
    findings.iter().filter(|f| f.status == "open")
}

/// Gate 1, scan cleanliness.
pub fn gate1(inputs: &GateInputs<'_>) -> GateResult {
    let count = |sev: &str| open(inputs.findings).filter(|f| f.severity == sev).count();
    let (critical, high) = (count("critical"), count("high"));
    let t = inputs.thresholds;
    let mut reasons = Vec::new();
    if critical > t.max_open_critical {
        reasons.push(format!(
            "{critical} open critical findings (at most {} allowed)",
            t.max_open_critical
        ));
    }
    if high > t.max_open_high {
        reasons.push(format!(
            "{high} open high findings (at most {} allowed)",
            t.max_open_high
        ));
    }
    for f in open(inputs.findings).filter(|f| f.severity == "high" && f.due.is_empty()) {
        reasons.push(format!(
            "high finding {} ({} at {}) has no remediation due date",
            f.id, f.rule, f.place
        ));
    }
    let passed = reasons.is_empty();
    if passed {
        reasons.push(format!(
            "{critical} open critical, {high} open high (limits {} and {})",
            t.max_open_critical, t.max_open_high
        ));
    }
    GateResult {
        number: 1,
        name: "Scan cleanliness".into(),
        passed,
        reasons,
    }
}

/// Gate 2, control verification (automated results plus the reviewer's marks).
pub fn gate2(inputs: &GateInputs<'_>) -> GateResult {
    let mut reasons = Vec::new();
    let mark = |key: &str| inputs.marks.get(key);
    let unsigned = |key: &str, entry: &Entry, why: &str| {
        format!("{}:{}: `{key}` is ticked but does not count: {why}; write `[x] `{key}` verified by <name> on <YYYY-MM-DD>`", inputs.document, entry.line)
    };
    for control in inputs.controls.iter().filter(|c| c.critical) {
        let entry = mark(&control.id);
        let compensated = matches!(entry.map(|e| &e.mark), Some(Mark::Compensating { .. }));
        let manually_verified = matches!(entry.map(|e| &e.mark), Some(Mark::Verified { .. }));
        if let Some(
            e @ Entry {
                mark: Mark::Unsigned { why },
                ..
            },
        ) = entry
        {
            reasons.push(unsigned(&control.id, e, why));
        }
        let ok = match control.verdict {
            ControlVerdict::Verified | ControlVerdict::Accepted => true,
            ControlVerdict::NotAssessed => compensated || manually_verified,
            ControlVerdict::Failed => compensated,
        };
        if !ok {
            reasons.push(match control.verdict {
                ControlVerdict::NotAssessed => format!(
                    "critical control `{}` is not assessed: no automated check covers it in scope; a reviewer must record a manual verification or a compensating control",
                    control.id
                ),
                _ => format!("critical control `{}` failed: open findings put it at risk (fix them or record a compensating control)", control.id),
            });
        }
    }
    for item in MANUAL_ITEMS {
        match mark(item.id) {
            Some(Entry {
                mark: Mark::Verified { .. },
                ..
            }) => {}
            Some(
                e @ Entry {
                    mark: Mark::Unsigned { why },
                    ..
                },
            ) => reasons.push(unsigned(item.id, e, why)),
            Some(e) => reasons.push(format!(
                "{}:{}: manual item `{}` ({}) is not verified yet",
                inputs.document, e.line, item.id, item.text
            )),
            None => reasons.push(format!(
                "manual item `{}` ({}) awaits a reviewer's verification in {}",
                item.id, item.text, inputs.document
            )),
        }
    }
    let passed = reasons.is_empty();
    if passed {
        reasons.push(
            "every critical control is verified or compensated; every manual item is signed".into(),
        );
    }
    GateResult {
        number: 2,
        name: "Control verification".into(),
        passed,
        reasons,
    }
}

/// Gate 3, disposition integrity.
pub fn gate3(inputs: &GateInputs<'_>) -> GateResult {
    let mut reasons = Vec::new();
    for f in open(inputs.findings) {
        if f.owner.is_empty() || f.owner == UNASSIGNED {
            reasons.push(format!(
                "open finding {} ({} at {}) has no owner (CODEOWNERS or evidence.default_owner)",
                f.id, f.rule, f.place
            ));
        }
        if f.due.is_empty() && f.acceptance.is_empty() {
            reasons.push(format!(
                "open finding {} ({} at {}) has neither a due date nor a risk acceptance",
                f.id, f.rule, f.place
            ));
        }
    }
    let passed = reasons.is_empty();
    if passed {
        reasons.push("every open finding has an owner and a due date or an acceptance".into());
    }
    GateResult {
        number: 3,
        name: "Disposition integrity".into(),
        passed,
        reasons,
    }
}

/// All three gates, in order.
pub fn evaluate(inputs: &GateInputs<'_>) -> Vec<GateResult> {
    vec![gate1(inputs), gate2(inputs), gate3(inputs)]
}

/// The disposition the gates and findings recommend.
pub fn disposition(gates: &[GateResult], findings: &[GateFinding]) -> Disposition {
    if gates.iter().any(|g| !g.passed) {
        Disposition::Reject
    } else if findings
        .iter()
        .any(|f| f.status == "open" || f.status == "accepted")
    {
        Disposition::ApproveWithConditions
    } else {
        Disposition::Approve
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(severity: &str, status: &str, owner: &str, due: &str) -> GateFinding {
        GateFinding {
            id: "f".into(),
            rule: "r/x".into(),
            severity: severity.into(),
            status: status.into(),
            owner: owner.into(),
            due: due.into(),
            acceptance: String::new(),
            place: "a.js:1".into(),
        }
    }

    fn inputs<'a>(
        findings: &'a [GateFinding],
        marks: &'a BTreeMap<String, Entry>,
    ) -> GateInputs<'a> {
        GateInputs {
            findings,
            controls: &[],
            marks,
            document: "manual-assessment.md",
            thresholds: GateThresholds::default(),
        }
    }

    #[test]
    fn gate_1_counts_open_findings_against_the_limits() {
        let marks = BTreeMap::new();
        let highs: Vec<_> = (0..3)
            .map(|_| finding("high", "open", "@a", "2026-01-01"))
            .collect();
        assert!(gate1(&inputs(&highs, &marks)).passed);
        let mut four = highs.clone();
        four.push(finding("high", "open", "@a", "2026-01-01"));
        assert!(!gate1(&inputs(&four, &marks)).passed);
        let accepted = vec![finding("critical", "accepted", "@a", "")];
        assert!(
            gate1(&inputs(&accepted, &marks)).passed,
            "only open findings count"
        );
        let undated = vec![finding("high", "open", "@a", "")];
        assert!(!gate1(&inputs(&undated, &marks)).passed);
    }

    #[test]
    fn gate_3_and_the_disposition() {
        let marks = BTreeMap::new();
        let unowned = vec![finding("low", "open", UNASSIGNED, "2026-01-01")];
        let g3 = gate3(&inputs(&unowned, &marks));
        assert!(!g3.passed && g3.reasons[0].contains("has no owner"));
        let pass = |n| GateResult {
            number: n,
            name: String::new(),
            passed: true,
            reasons: Vec::new(),
        };
        let all_pass = [pass(1), pass(2), pass(3)];
        assert_eq!(disposition(&all_pass, &[]), Disposition::Approve);
        let open = [finding("low", "open", "@a", "2026-01-01")];
        assert_eq!(
            disposition(&all_pass, &open),
            Disposition::ApproveWithConditions
        );
        let mut failing = all_pass.clone();
        failing[1].passed = false;
        assert_eq!(disposition(&failing, &[]), Disposition::Reject);
    }
}
