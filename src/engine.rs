//! Assembling what a scan runs with: the control catalog, the policy with the
//! project's overrides, the built-in and user rule packs, the project's
//! per-rule changes, all validated before any file is read.
//!
//! This is the one place where `comply.yaml` names are checked against the
//! loaded rules and policy. It reads rule files; it does not scan.

use std::path::{Path, PathBuf};

use crate::builtin;
use crate::config::{self, error_at_word, Config};
use crate::error::{Error, InputError};
use crate::rules::catalog::{ControlCatalog, Policy};
use crate::rules::load::{compile_rule_set, PackSource};
use crate::rules::RuleSet;
use crate::select::Selection;

/// Everything a scan needs that does not depend on the files scanned.
#[derive(Debug)]
pub struct Engine {
    /// The compiled rules, catalog and policy.
    pub rules: RuleSet,
    /// The project configuration.
    pub config: Config,
}

/// Where the engine's inputs come from.
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// `--config FILE`; else `comply.yaml` in the working directory, if any.
    pub config: Option<PathBuf>,
    /// Extra packs from `--rules PATH` (files, or folders of `*.yaml`).
    pub rule_paths: Vec<PathBuf>,
    /// `--no-builtin-rules`.
    pub no_builtin: bool,
    /// `--select` / `--ignore`, which win over `comply.yaml`'s `disable`.
    pub selection: Selection,
}

/// Loads and validates the catalog, policy, configuration and rule packs.
pub fn load_engine(options: &EngineOptions) -> Result<Engine, Error> {
    let config = match config::locate(options.config.as_deref()) {
        Some(path) => config::load(&path)?,
        None => Config::default(),
    };
    let catalog = ControlCatalog::parse("builtin:controls.yaml", builtin::CONTROLS)?;
    let mut policy = Policy::parse("builtin:policy.yaml", builtin::POLICY)?;
    let config_name = config
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    for (name, value) in &config.policy {
        if !policy.knows(name) {
            return Err(error_at_word(
                &config_name,
                &config.text,
                name,
                format!("unknown policy parameter `{name}`"),
            )
            .with_help(format!(
                "parameters are: {}",
                policy.names().collect::<Vec<_>>().join(", ")
            ))
            .into());
        }
        policy.set_override(name, *value);
    }
    let mut packs = Vec::new();
    if config.builtin_rules && !options.no_builtin {
        packs.extend(
            builtin::PACKS
                .iter()
                .zip(builtin::PACKS_JSON)
                .map(|((name, text), json)| PackSource {
                    origin: format!("builtin:{name}"),
                    builtin: true,
                    text: text.to_string(),
                    json: Some(json),
                }),
        );
    }
    for path in config.rule_packs.iter().chain(&options.rule_paths) {
        packs.extend(read_packs(path)?);
    }
    let mut rules = compile_rule_set(&packs, catalog, policy)?;
    apply_project_changes(&mut rules, &config, &config_name)?;
    crate::select::apply(&mut rules, &options.selection, &config.disable)?;
    Ok(Engine { rules, config })
}

fn apply_project_changes(
    rules: &mut RuleSet,
    config: &Config,
    config_name: &str,
) -> Result<(), InputError> {
    let unknown = |id: &str| {
        error_at_word(
            config_name,
            &config.text,
            id,
            format!("unknown rule `{id}`"),
        )
        .with_help("`comply rules` lists the loaded rules")
    };
    for id in &config.disable {
        if rules.get(id).is_none() {
            return Err(unknown(id));
        }
    }
    for (id, change) in &config.overrides {
        let rule = rules
            .rules
            .iter_mut()
            .find(|r| r.id.as_str() == id)
            .ok_or_else(|| unknown(id))?;
        if let Some(l) = change.likelihood {
            rule.risk.likelihood = l;
        }
        if let Some(i) = change.impact {
            rule.risk.impact = i;
        }
    }
    Ok(())
}

/// A pack file, or every `*.yaml`/`*.yml` file of a folder (sorted).
fn read_packs(path: &Path) -> Result<Vec<PackSource>, Error> {
    let io = |e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let mut files = Vec::new();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).map_err(io)? {
            let entry_path = entry.map_err(io)?.path();
            let is_yaml = entry_path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml");
            if is_yaml {
                files.push(entry_path);
            }
        }
        files.sort();
    } else {
        files.push(path.to_path_buf());
    }
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).map_err(|e| Error::Io {
                path: file.clone(),
                source: e,
            })?;
            Ok(PackSource {
                origin: file.display().to_string(),
                builtin: false,
                text,
                json: None,
            })
        })
        .collect()
}
