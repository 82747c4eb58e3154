//! The baseline: the fingerprints of the findings a codebase had when it
//! adopted comply, so the gate can apply to new findings only.
//!
//! The file is sorted and holds no timestamps or line numbers, so two
//! branches that each add entries merge without conflict, and edits above a
//! finding do not churn it.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, InputError};
use crate::finding::Finding;

/// The baseline file's schema version.
pub const BASELINE_VERSION: u32 = 1;

/// Where `comply baseline` writes by default.
pub const DEFAULT_PATH: &str = ".comply/baseline.json";

/// One recorded finding. Rule and path are there for people reading the
/// file and for reporting stale entries; matching uses the fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    /// Path of the finding when recorded.
    pub path: String,
    /// Its rule.
    pub rule_id: String,
    /// Its fingerprint.
    pub fingerprint: String,
}

/// A baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Schema version.
    pub version: u32,
    /// Entries sorted by path, rule, fingerprint.
    pub findings: Vec<BaselineEntry>,
}

impl Baseline {
    /// A baseline recording these findings, sorted and deduplicated.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Baseline {
        let set: BTreeSet<BaselineEntry> = findings
            .into_iter()
            .map(|f| BaselineEntry {
                path: f.path.clone(),
                rule_id: f.rule_id.to_string(),
                fingerprint: f.fingerprint.clone(),
            })
            .collect();
        Baseline {
            version: BASELINE_VERSION,
            findings: set.into_iter().collect(),
        }
    }

    /// Reads a baseline file; a malformed one is a diagnostic into it.
    pub fn load(path: &Path) -> Result<Baseline, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let name = path.display().to_string();
        let baseline: Baseline = serde_json::from_str(&text).map_err(|err| {
            let offset = offset_of(&text, err.line(), err.column());
            InputError::at(
                &name,
                &text,
                Some(offset),
                1,
                format!("invalid baseline: {err}"),
            )
            .with_help("`comply baseline --output FILE` writes a baseline")
        })?;
        if baseline.version != BASELINE_VERSION {
            return Err(InputError::at(
                &name,
                &text,
                text.find("\"version\""),
                9,
                format!(
                    "baseline version {} is not supported (expected {BASELINE_VERSION})",
                    baseline.version
                ),
            )
            .into());
        }
        Ok(baseline)
    }

    /// The file's text: pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a baseline serialises");
        text.push('\n');
        text
    }

    /// Every recorded fingerprint.
    pub fn fingerprints(&self) -> BTreeSet<&str> {
        self.findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect()
    }
}

/// Byte offset of a 1-based line and column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}
