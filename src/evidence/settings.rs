//! The `evidence:` section of `comply.yaml`: the default owner, remediation
//! SLAs per severity and the gate thresholds (CONTROLS.md's defaults).

use serde::{Deserialize, Serialize};

use crate::risk::Severity;

/// Days to remediate, per severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SlaDays {
    /// Critical: 1 day.
    pub critical: u32,
    /// High: 7 days.
    pub high: u32,
    /// Medium: 30 days.
    pub medium: u32,
    /// Low: 90 days.
    pub low: u32,
    /// Info: 365 days (CONTROLS.md says "when convenient"; a year is our reading).
    pub info: u32,
}

impl Default for SlaDays {
    fn default() -> Self {
        SlaDays {
            critical: 1,
            high: 7,
            medium: 30,
            low: 90,
            info: 365,
        }
    }
}

impl SlaDays {
    /// The SLA of a severity.
    pub fn days(&self, severity: Severity) -> u32 {
        match severity {
            Severity::Critical => self.critical,
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
            Severity::Info => self.info,
        }
    }
}

/// Gate 1's limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct GateThresholds {
    /// Most open critical findings Gate 1 allows (0).
    pub max_open_critical: usize,
    /// Most open high findings Gate 1 allows (3).
    pub max_open_high: usize,
}

impl Default for GateThresholds {
    fn default() -> Self {
        GateThresholds {
            max_open_critical: 0,
            max_open_high: 3,
        }
    }
}

/// `evidence:` in `comply.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct EvidenceSettings {
    /// Owner of findings CODEOWNERS does not cover.
    pub default_owner: Option<String>,
    /// Remediation SLAs.
    pub sla_days: SlaDays,
    /// Gate limits.
    pub gates: GateThresholds,
}
