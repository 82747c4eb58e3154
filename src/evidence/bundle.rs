//! Writing a bundle: build the model, render every file, checksum the
//! machine-written ones into the scope register, write each atomically.
//! Everything is a function of the scan, the triage, the configuration and
//! the clock, so two runs with the same inputs write the same bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::compare::{self, Previous};
use super::files::{
    sha256_hex, write_atomic, DISPOSITION_RECORD, FINDINGS_REGISTER, MANUAL_ASSESSMENT,
    RISK_BASELINE_REPORT, SCAN_RESULTS, SCOPE_REGISTER,
};
use super::gitinfo;
use super::model::{self, Model, ModelInputs};
use super::render::{self, Context};
use super::scope::{self, ScopeInputs, TriageInputs};
use super::{register, results};
use crate::engine::Engine;
use crate::error::Error;
use crate::report::Report;
use crate::scan::ScanOutcome;
use crate::triage::date::{rfc3339, Date};
use crate::triage::owners::Owners;
use crate::triage::Triage;

/// What a bundle is written from.
pub struct BundleRequest<'a> {
    /// The bundle's folder (created when missing).
    pub dir: &'a Path,
    /// Rules and configuration.
    pub engine: &'a Engine,
    /// The triaged scan.
    pub outcome: &'a ScanOutcome,
    /// Triage inputs.
    pub triage: &'a Triage,
    /// Paths scanned, as given.
    pub scan_roots: Vec<String>,
    /// `--previous DIR`.
    pub previous: Option<&'a Path>,
    /// `--evidence-template FILE`.
    pub template: Option<&'a Path>,
    /// Seconds since the epoch (`SOURCE_DATE_EPOCH` or now).
    pub now: i64,
    /// The `exclude` patterns comply added to keep the bundle's own
    /// folders out of the scan (not the project's: not recorded as such).
    pub injected_excludes: Vec<String>,
    /// Files the run read that are not part of the reviewed tree (a merge's
    /// shard reports): like the bundle's folders, they do not make it dirty.
    pub inputs: &'a [PathBuf],
}

/// What was written.
#[derive(Debug)]
pub struct Written {
    /// The bundle's content.
    pub model: Model,
    /// The files, in writing order.
    pub files: Vec<PathBuf>,
}

fn render_error(what: &str) -> impl Fn(String) -> Error + '_ {
    move |e| Error::Usage(format!("cannot render {what}: {e}"))
}

/// Writes the bundle.
pub fn write(request: &BundleRequest<'_>) -> Result<Written, Error> {
    let engine = request.engine;
    let today = Date::from_epoch(request.now);
    let previous: Option<Previous> = match (request.previous, &request.triage.baseline) {
        (Some(dir), _) => Some(compare::read_bundle(dir)?),
        (None, Some(baseline)) => {
            let path = request.triage.baseline_path.clone().unwrap_or_default();
            Some(compare::from_baseline(
                baseline,
                &path,
                &engine.rules,
                &engine.config,
            ))
        }
        (None, None) => None,
    };
    let template = request
        .template
        .map(|path| {
            std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })
        })
        .transpose()?;
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = crate::triage::project_root(&engine.config);
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    let owners = Owners::load(&root, &cwd, engine.config.evidence.default_owner.clone());
    let empty = BTreeMap::new();
    let model = model::build(&ModelInputs {
        outcome: request.outcome,
        rules: &engine.rules,
        triage: request.triage,
        owners: &owners,
        settings: &engine.config.evidence,
        today,
        first_seen: previous.as_ref().map_or(&empty, |p| &p.first_seen),
    });
    let comparison = previous
        .as_ref()
        .map(|p| compare::compare(p, &model.rows, &model.expired_acceptances, today));
    let mut ignore: Vec<&Path> = vec![request.dir];
    ignore.extend(request.previous);
    ignore.extend(request.inputs.iter().map(PathBuf::as_path));
    let display = |p: &Path| p.display().to_string().replace('\\', "/");
    let mut scope = scope::build(ScopeInputs {
        engine,
        outcome: request.outcome,
        scan_roots: request.scan_roots.clone(),
        git: gitinfo::read(&cwd, &ignore),
        generated_at: rfc3339(request.now),
        injected_excludes: &request.injected_excludes,
        triage: TriageInputs {
            baseline: request.triage.baseline_path.as_deref().map(display),
            acceptances: display(&request.triage.acceptances_path),
            codeowners: owners.source.clone(),
            never_suppress: request.triage.never_suppress.clone(),
        },
    });

    let report = Report {
        outcome: request.outcome,
        rules: &engine.rules,
        color: false,
    };
    let summary = results::summary(&model, engine.config.evidence.gates);
    let mut machine: Vec<(&str, Vec<u8>)> = vec![
        (
            SCAN_RESULTS,
            results::render(&report, &summary)
                .map_err(|e| Error::Usage(format!("cannot render {SCAN_RESULTS}: {e}")))?,
        ),
        (
            FINDINGS_REGISTER,
            register::render(&model.rows)
                .map_err(|e| Error::Usage(format!("cannot render {FINDINGS_REGISTER}: {e}")))?,
        ),
    ];
    {
        let context = Context::new(&scope, &model, comparison.as_ref());
        machine.push((
            DISPOSITION_RECORD,
            render::render(DISPOSITION_RECORD, render::DISPOSITION_TEMPLATE, &context)
                .map_err(render_error(DISPOSITION_RECORD))?
                .into_bytes(),
        ));
        if comparison.is_some() {
            machine.push((
                RISK_BASELINE_REPORT,
                render::render(
                    RISK_BASELINE_REPORT,
                    render::RISK_BASELINE_TEMPLATE,
                    &context,
                )
                .map_err(render_error(RISK_BASELINE_REPORT))?
                .into_bytes(),
            ));
        }
    }
    for (name, bytes) in &machine {
        scope
            .checksums
            .insert((*name).to_string(), sha256_hex(bytes));
    }
    let assessment = {
        let context = Context::new(&scope, &model, comparison.as_ref());
        let (name, text) = match (&template, request.template) {
            (Some(text), Some(path)) => (display(path), text.as_str()),
            _ => (
                MANUAL_ASSESSMENT.to_string(),
                render::MANUAL_ASSESSMENT_TEMPLATE,
            ),
        };
        render::render(&name, text, &context)
            .map_err(|e| Error::Usage(format!("cannot render {name}: {e}")))?
    };
    let mut scope_bytes =
        serde_json::to_vec_pretty(&scope).map_err(|e| Error::Usage(e.to_string()))?;
    scope_bytes.push(b'\n');

    std::fs::create_dir_all(request.dir).map_err(|source| Error::Write {
        path: request.dir.to_path_buf(),
        source,
    })?;
    let mut files = Vec::new();
    let mut all: Vec<(&str, Vec<u8>)> = machine;
    all.push((MANUAL_ASSESSMENT, assessment.into_bytes()));
    all.push((SCOPE_REGISTER, scope_bytes));
    for (name, bytes) in &all {
        write_atomic(request.dir, name, bytes)?;
        files.push(request.dir.join(name));
    }
    if comparison.is_none() {
        // A report left from an earlier run with --previous would describe
        // another comparison: it goes, so the folder holds one bundle.
        let stale = request.dir.join(RISK_BASELINE_REPORT);
        if stale.exists() {
            std::fs::remove_file(&stale).map_err(|source| Error::Write {
                path: stale,
                source,
            })?;
        }
    }
    Ok(Written { model, files })
}
