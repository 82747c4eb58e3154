//! `scan-results.json`: the version 1 JSON report, plus an `evidence` object
//! with the severity breakdown by status, the Gate 1 verdict, each control's
//! automated result and the gate thresholds — what `comply gate` reads back.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::gates::{GateControl, GateResult};
use super::model::Model;
use super::settings::GateThresholds;
use crate::report::{json, Report};

/// The `evidence` object of `scan-results.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EvidenceSummary {
    /// Findings per severity, then per status.
    pub severity_breakdown: BTreeMap<String, BTreeMap<String, usize>>,
    /// Gate 1 as the scan saw it.
    pub gate_1: GateResult,
    /// Each control's automated result.
    pub controls: Vec<GateControl>,
    /// The limits the gates used.
    pub gate_thresholds: GateThresholds,
}

/// Builds the summary.
pub fn summary(model: &Model, thresholds: GateThresholds) -> EvidenceSummary {
    let mut severity_breakdown: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for sev in crate::risk::Severity::DESCENDING {
        let counts = severity_breakdown.entry(sev.to_string()).or_default();
        for status in ["open", "suppressed", "baselined", "accepted"] {
            let n = model
                .rows
                .iter()
                .filter(|r| r.severity == sev.as_str() && r.status == status)
                .count();
            counts.insert(status.to_string(), n);
        }
    }
    EvidenceSummary {
        severity_breakdown,
        gate_1: model.gates[0].clone(),
        controls: model.gate_controls(),
        gate_thresholds: thresholds,
    }
}

/// The file's bytes: the JSON report with `evidence` added, pretty, one
/// trailing newline.
pub fn render(report: &Report<'_>, summary: &EvidenceSummary) -> serde_json::Result<Vec<u8>> {
    let mut value = json::to_value(report)?;
    if let Value::Object(map) = &mut value {
        map.insert("evidence".into(), serde_json::to_value(summary)?);
    }
    let mut bytes = serde_json::to_vec_pretty(&value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Reads the `evidence` object back from a bundle's scan results.
pub fn read_summary(bytes: &[u8]) -> Result<EvidenceSummary, String> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let evidence = value
        .get("evidence")
        .cloned()
        .ok_or("no `evidence` object")?;
    serde_json::from_value(evidence).map_err(|e| e.to_string())
}
