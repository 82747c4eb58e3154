//! The risk matrix: likelihood × impact gives a score, the score a severity.
//!
//! One place decides severity so every report, gate and register agrees. It
//! knows nothing of rules or findings beyond the two numbers.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// How bad a finding is, from its risk score (CONTROLS.md's matrix).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Score 1–2: fix when convenient, or accept.
    Info,
    /// Score 3: fix in the next iteration.
    Low,
    /// Score 4: fix soon; may release with a mitigation.
    Medium,
    /// Score 6: fix before release.
    High,
    /// Score 9: block the release.
    Critical,
}

impl Severity {
    /// Every severity from the most to the least severe (report order).
    pub const DESCENDING: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    /// The severity of a likelihood × impact score.
    pub fn from_score(score: u8) -> Severity {
        match score {
            9.. => Severity::Critical,
            6..=8 => Severity::High,
            4..=5 => Severity::Medium,
            3 => Severity::Low,
            _ => Severity::Info,
        }
    }

    /// Lower-case name, as in reports and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::DESCENDING
            .into_iter()
            .find(|sev| sev.as_str() == s)
            .ok_or_else(|| format!("unknown severity `{s}`"))
    }
}

/// A rule's (or an override's) likelihood and impact, each 1–3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Risk {
    /// 3 likely to be exploited, 2 under specific conditions, 1 unlikely.
    pub likelihood: u8,
    /// 3 critical, 2 high, 1 low.
    pub impact: u8,
}

impl Risk {
    /// likelihood × impact.
    pub fn score(self) -> u8 {
        self.likelihood * self.impact
    }

    /// The severity the matrix gives this risk.
    pub fn severity(self) -> Severity {
        Severity::from_score(self.score())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_maps_every_product_to_its_band() {
        let sev = |l, i| {
            Risk {
                likelihood: l,
                impact: i,
            }
            .severity()
        };
        assert_eq!(sev(3, 3), Severity::Critical);
        assert_eq!(sev(2, 3), Severity::High);
        assert_eq!(sev(3, 2), Severity::High);
        assert_eq!(sev(2, 2), Severity::Medium);
        assert_eq!(sev(1, 3), Severity::Low);
        assert_eq!(sev(1, 2), Severity::Info);
        assert_eq!(sev(1, 1), Severity::Info);
    }

    #[test]
    fn severities_parse_and_order() {
        assert_eq!("high".parse::<Severity>(), Ok(Severity::High));
        assert!("severe".parse::<Severity>().is_err());
        assert!(Severity::Critical > Severity::Low);
    }
}
