//! `comply gate DIR`: re-reads a bundle after the reviewer's edits and
//! re-evaluates the gates. The machine-written files are checked against the
//! checksums of `scope-register.json` first: a hand-edited register or
//! result is reported and fails the run, never silently trusted.

use std::io::{self, Write};
use std::path::Path;

use serde::Deserialize;

use super::files::{
    sha256_hex, FINDINGS_REGISTER, MANUAL_ASSESSMENT, SCAN_RESULTS, SCOPE_REGISTER,
};
use super::gates::{self, Disposition, GateFinding, GateInputs, GateResult};
use super::{register, results, review};
use crate::error::Error;
use crate::report::escape_control;

#[derive(Deserialize)]
struct ScopeChecksums {
    checksums: std::collections::BTreeMap<String, String>,
}

/// What `comply gate` concluded.
#[derive(Debug)]
pub struct GateVerdict {
    /// Machine-written files whose content no longer matches its checksum.
    pub tampered: Vec<String>,
    /// The three gates (empty when the bundle could not be trusted).
    pub gates: Vec<GateResult>,
    /// The recommended disposition.
    pub disposition: Disposition,
}

impl GateVerdict {
    /// Whether the release may go: nothing tampered, every gate passes.
    pub fn passed(&self) -> bool {
        self.tampered.is_empty() && !self.gates.is_empty() && self.gates.iter().all(|g| g.passed)
    }
}

fn read(dir: &Path, name: &str) -> Result<Vec<u8>, Error> {
    let path = dir.join(name);
    std::fs::read(&path).map_err(|source| Error::Io { path, source })
}

fn invalid(dir: &Path, name: &str, why: impl std::fmt::Display) -> Error {
    Error::Usage(format!(
        "{} is not a comply evidence file: {why}",
        dir.join(name).display()
    ))
}

/// Re-evaluates the gates of the bundle in `dir`.
pub fn evaluate(dir: &Path) -> Result<GateVerdict, Error> {
    let scope: ScopeChecksums = serde_json::from_slice(&read(dir, SCOPE_REGISTER)?)
        .map_err(|e| invalid(dir, SCOPE_REGISTER, e))?;
    let mut tampered = Vec::new();
    for (name, expected) in &scope.checksums {
        match std::fs::read(dir.join(name)) {
            Ok(bytes) if sha256_hex(&bytes) == *expected => {}
            Ok(_) => tampered.push(format!("{name} was changed after comply wrote it (SHA-256 differs from scope-register.json)")),
            Err(_) => tampered.push(format!("{name} is missing")),
        }
    }
    for required in [SCAN_RESULTS, FINDINGS_REGISTER] {
        if !scope.checksums.contains_key(required) {
            tampered.push(format!("{required} has no checksum in scope-register.json"));
        }
    }
    if !tampered.is_empty() {
        return Ok(GateVerdict {
            tampered,
            gates: Vec::new(),
            disposition: Disposition::Reject,
        });
    }
    let summary = results::read_summary(&read(dir, SCAN_RESULTS)?)
        .map_err(|e| invalid(dir, SCAN_RESULTS, e))?;
    let rows = register::read(&read(dir, FINDINGS_REGISTER)?)
        .map_err(|e| invalid(dir, FINDINGS_REGISTER, e))?;
    let cell = |row: &std::collections::BTreeMap<String, String>, key: &str| {
        row.get(key).cloned().unwrap_or_default()
    };
    let findings: Vec<GateFinding> = rows
        .iter()
        .map(|r| GateFinding {
            id: cell(r, "id"),
            rule: cell(r, "rule"),
            severity: cell(r, "severity"),
            status: cell(r, "status"),
            owner: cell(r, "owner"),
            due: cell(r, "due_date"),
            acceptance: cell(r, "acceptance"),
            place: format!("{}:{}", cell(r, "path"), cell(r, "line")),
        })
        .collect();
    let assessment = String::from_utf8_lossy(&read(dir, MANUAL_ASSESSMENT)?).into_owned();
    let marks = review::read(&assessment);
    let document = dir.join(MANUAL_ASSESSMENT).display().to_string();
    let inputs = GateInputs {
        findings: &findings,
        controls: &summary.controls,
        marks: &marks,
        document: &document,
        thresholds: summary.gate_thresholds,
    };
    let gates = gates::evaluate(&inputs);
    let disposition = gates::disposition(&gates, &findings);
    Ok(GateVerdict {
        tampered,
        gates,
        disposition,
    })
}

/// Prints the verdicts, one gate per paragraph.
pub fn render(verdict: &GateVerdict, out: &mut dyn Write) -> io::Result<()> {
    for t in &verdict.tampered {
        writeln!(out, "error: {}", escape_control(t, false))?;
    }
    if !verdict.tampered.is_empty() {
        writeln!(out, "the bundle cannot be trusted: rerun `comply scan --evidence` and complete the new manual-assessment.md")?;
    }
    for g in &verdict.gates {
        writeln!(
            out,
            "gate {} ({}): {}",
            g.number,
            g.name,
            if g.passed { "pass" } else { "FAIL" }
        )?;
        for r in &g.reasons {
            writeln!(out, "  - {}", escape_control(r, false))?;
        }
    }
    writeln!(
        out,
        "recommended disposition: {}",
        verdict.disposition.text()
    )
}
