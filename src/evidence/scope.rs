//! `scope-register.json`: what was reviewed and how — the revision, the
//! time, the tool, the rule packs with their hashes, the effective policy
//! and every project override, the controls in scope, the files scanned and
//! skipped, the triage inputs, and the checksums of the machine-written
//! files of the bundle (so hand-edits are detected).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Value};

use super::gitinfo::GitInfo;
use super::settings::EvidenceSettings;
use crate::engine::Engine;
use crate::rules::PackInfo;
use crate::scan::ScanOutcome;

/// The bundle format's version (a breaking change bumps it).
pub const BUNDLE_VERSION: u32 = 1;

/// A control of the catalog, as in scope.
#[derive(Debug, Clone, Serialize)]
pub struct ScopeControl {
    /// Id.
    pub id: String,
    /// Our short title.
    pub title: String,
    /// Whether Gate 2 requires it.
    pub critical: bool,
}

/// File accounting.
#[derive(Debug, Clone, Serialize)]
pub struct Files {
    /// Files analysed.
    pub scanned: usize,
    /// Analysed files per language.
    pub by_language: BTreeMap<String, usize>,
    /// Files and folders not scanned.
    pub skipped: usize,
    /// Skipped entries per reason.
    pub skipped_by_reason: BTreeMap<String, usize>,
}

/// The triage inputs used.
#[derive(Debug, Clone, Serialize)]
pub struct TriageInputs {
    /// `--baseline`, if given.
    pub baseline: Option<String>,
    /// The acceptances file read (it may not exist).
    pub acceptances: String,
    /// The CODEOWNERS file used, if any.
    pub codeowners: Option<String>,
    /// `never_suppress` of comply.yaml.
    pub never_suppress: Vec<String>,
}

/// The scope register.
#[derive(Debug, Clone, Serialize)]
pub struct ScopeRegister {
    /// Bundle format version.
    pub bundle_version: u32,
    /// UTC, RFC 3339 (`SOURCE_DATE_EPOCH` when set).
    pub generated_at: String,
    /// `comply` and its version.
    pub tool: BTreeMap<String, String>,
    /// The paths scanned, as given.
    pub scan_roots: Vec<String>,
    /// The revision.
    pub git: GitInfo,
    /// Rule packs with their SHA-256.
    pub rule_packs: Vec<PackInfo>,
    /// Rules loaded (after `disable`).
    pub rules: Vec<String>,
    /// Effective policy parameters and the project's changes.
    pub policy: Value,
    /// `comply.yaml` and what it changed.
    pub configuration: Value,
    /// The control catalog.
    pub controls_in_scope: Vec<ScopeControl>,
    /// Files scanned and skipped.
    pub files: Files,
    /// Baseline, acceptances, owners.
    pub triage: TriageInputs,
    /// SHA-256 of each machine-written file of the bundle.
    pub checksums: BTreeMap<String, String>,
}

/// What the scope register is built from.
pub struct ScopeInputs<'a> {
    /// Rules and configuration.
    pub engine: &'a Engine,
    /// The scan.
    pub outcome: &'a ScanOutcome,
    /// Paths scanned, as given.
    pub scan_roots: Vec<String>,
    /// Git state.
    pub git: GitInfo,
    /// RFC 3339 time.
    pub generated_at: String,
    /// Triage inputs.
    pub triage: TriageInputs,
    /// Exclude patterns comply added for the bundle's own folders.
    pub injected_excludes: &'a [String],
}

/// Builds the register (checksums are filled in by the writer).
pub fn build(inputs: ScopeInputs<'_>) -> ScopeRegister {
    let engine = inputs.engine;
    let rules = &engine.rules;
    let config = &engine.config;
    let effective: BTreeMap<&str, Value> = rules
        .policy
        .effective()
        .into_iter()
        .map(|(k, v)| (k, number(v)))
        .collect();
    let overrides: BTreeMap<&String, Value> = rules
        .policy
        .overrides()
        .iter()
        .map(|(k, v)| (k, number(*v)))
        .collect();
    let policy = json!({ "effective": effective, "overrides": overrides });
    let risk_overrides: BTreeMap<&String, Value> = config
        .overrides
        .iter()
        .map(|(id, o)| {
            (
                id,
                json!({
                    "likelihood": o.likelihood,
                    "impact": o.impact,
                    "test_likelihood": o.test_likelihood,
                }),
            )
        })
        .collect();
    let config_bytes = config.path.as_ref().map(|_| config.text.as_bytes());
    let settings: &EvidenceSettings = &config.evidence;
    let configuration = json!({
        "path": config.path.as_ref().map(|p| p.display().to_string().replace('\\', "/")),
        "sha256": config_bytes.map(super::files::sha256_hex),
        "builtin_rules": config.builtin_rules,
        "exclude": config
            .exclude
            .iter()
            .filter(|p| !inputs.injected_excludes.contains(p))
            .collect::<Vec<_>>(),
        "disabled_rules": config.disable,
        "risk_overrides": risk_overrides,
        "policy_overrides": config.policy.iter().map(|(k, v)| (k, number(*v))).collect::<BTreeMap<_, _>>(),
        "max_file_size": config.max_file_size,
        "test_files": config.test_files.record(),
        "evidence": settings,
    });
    let mut skipped_by_reason = BTreeMap::new();
    for skip in &inputs.outcome.skipped {
        *skipped_by_reason
            .entry(skip.reason.as_str().to_string())
            .or_insert(0) += 1;
    }
    ScopeRegister {
        bundle_version: BUNDLE_VERSION,
        generated_at: inputs.generated_at,
        tool: BTreeMap::from([
            ("name".into(), "comply".into()),
            ("version".into(), env!("CARGO_PKG_VERSION").into()),
        ]),
        scan_roots: inputs.scan_roots,
        git: inputs.git,
        rule_packs: rules.packs.clone(),
        rules: rules.rules.iter().map(|r| r.id.to_string()).collect(),
        policy,
        configuration,
        controls_in_scope: rules
            .catalog
            .controls()
            .iter()
            .map(|c| ScopeControl {
                id: c.id.clone(),
                title: c.title.clone(),
                critical: c.critical,
            })
            .collect(),
        files: Files {
            scanned: inputs.outcome.files_scanned,
            by_language: inputs.outcome.languages.clone(),
            skipped: inputs.outcome.skipped.len(),
            skipped_by_reason,
        },
        triage: inputs.triage,
        checksums: BTreeMap::new(),
    }
}

/// A policy figure as people write it: `12`, not `12.0`.
fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        json!(value as i64)
    } else {
        json!(value)
    }
}
