//! `comply.yaml`: the project's configuration (excludes, extra packs, policy
//! overrides, per-rule risk overrides, disabled rules, size cap, per-file
//! time budget, fail level, test files).
//!
//! Read with serde-saphyr; every mistake is a diagnostic pointing into the
//! file. Checking names against the loaded rules and policy happens in
//! `engine`, which knows them; this module only reads and shapes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::error::InputError;
use crate::evidence::settings::EvidenceSettings;
use crate::risk::Severity;
use crate::rules::raw::parse_yaml;
use crate::testfiles::{RawTestFiles, TestFiles};

/// File names looked for in the working directory when `--config` is not given.
pub const CONFIG_NAMES: [&str; 2] = ["comply.yaml", ".comply.yaml"];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default = "yes")]
    builtin_rules: bool,
    #[serde(default)]
    policy: BTreeMap<String, f64>,
    max_file_size: Option<u64>,
    file_timeout: Option<u64>,
    fail_on: Option<String>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    overrides: BTreeMap<String, RiskOverride>,
    #[serde(default)]
    never_suppress: Vec<String>,
    #[serde(default)]
    evidence: EvidenceSettings,
    #[serde(default)]
    test_files: RawTestFiles,
}

fn yes() -> bool {
    true
}

/// A project's change to one rule's likelihood or impact (recorded in evidence).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RiskOverride {
    /// New likelihood (1–3).
    pub likelihood: Option<u8>,
    /// New impact (1–3).
    pub impact: Option<u8>,
    /// The highest likelihood this rule's findings keep in test files
    /// (1–3), instead of `test_files.likelihood`; 3 keeps them whole.
    pub test_likelihood: Option<u8>,
}

/// The project configuration, with paths resolved against the file's folder.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where it was read from (`None`: defaults).
    pub path: Option<PathBuf>,
    /// The file's text, for diagnostics about names it uses.
    pub text: String,
    /// Gitignore-style patterns to skip.
    pub exclude: Vec<String>,
    /// Extra rule packs.
    pub rule_packs: Vec<PathBuf>,
    /// Whether the built-in packs are loaded.
    pub builtin_rules: bool,
    /// Policy parameter overrides.
    pub policy: BTreeMap<String, f64>,
    /// Size cap in bytes.
    pub max_file_size: Option<u64>,
    /// Per-file time budget.
    pub file_timeout: Option<Duration>,
    /// Lowest severity that fails the run (`None` in the file: CLI default).
    pub fail_on: Option<FailOn>,
    /// Rule ids turned off.
    pub disable: Vec<String>,
    /// Per-rule risk overrides.
    pub overrides: BTreeMap<String, RiskOverride>,
    /// Rules and families only a risk acceptance may silence.
    pub never_suppress: Vec<String>,
    /// Owners, SLAs and gate thresholds of the evidence bundle.
    pub evidence: EvidenceSettings,
    /// Which files are test files and how their findings are scored.
    pub test_files: TestFiles,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            text: String::new(),
            exclude: Vec::new(),
            rule_packs: Vec::new(),
            builtin_rules: true,
            policy: BTreeMap::new(),
            max_file_size: None,
            file_timeout: None,
            fail_on: None,
            disable: Vec::new(),
            overrides: BTreeMap::new(),
            never_suppress: Vec::new(),
            evidence: EvidenceSettings::default(),
            test_files: TestFiles::default(),
        }
    }
}

/// The lowest severity that makes the exit status 1, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// Fail on open findings at or above this severity.
    AtLeast(Severity),
    /// Never fail because of findings.
    Never,
}

impl FailOn {
    /// Parses `critical|high|medium|low|info|none`.
    pub fn parse(text: &str) -> Option<FailOn> {
        if text == "none" {
            return Some(FailOn::Never);
        }
        text.parse().ok().map(FailOn::AtLeast)
    }
}

/// The config file to use: the one named, else `comply.yaml` / `.comply.yaml`
/// in the working directory, else none.
pub fn locate(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = explicit {
        return Some(path.to_path_buf());
    }
    CONFIG_NAMES.iter().map(PathBuf::from).find(|p| p.is_file())
}

/// Reads and checks the shape of a config file.
pub fn load(path: &Path) -> Result<Config, InputError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        InputError::at(
            &name,
            "",
            None,
            0,
            format!("cannot read configuration {name}: {e}"),
        )
    })?;
    let raw: RawConfig = if text.trim().is_empty() {
        RawConfig {
            builtin_rules: true,
            ..RawConfig::default()
        }
    } else {
        parse_yaml(&name, &text)?
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let fail_on = raw
        .fail_on
        .as_deref()
        .map(|level| {
            FailOn::parse(level).ok_or_else(|| {
                error_at_word(
                    &name,
                    &text,
                    level,
                    format!("unknown fail_on level `{level}`"),
                )
                .with_help("levels are: critical, high, medium, low, info, none")
            })
        })
        .transpose()?;
    for pattern in &raw.exclude {
        let mut builder = ignore::gitignore::GitignoreBuilder::new(base);
        if let Err(err) = builder.add_line(None, pattern) {
            return Err(error_at_word(
                &name,
                &text,
                pattern,
                format!("invalid exclude pattern: {err}"),
            ));
        }
    }
    for (id, o) in &raw.overrides {
        if [o.likelihood, o.impact, o.test_likelihood]
            .into_iter()
            .flatten()
            .any(|v| !(1..=3).contains(&v))
        {
            return Err(error_at_word(
                &name,
                &text,
                id,
                "likelihood, impact and test_likelihood are 1, 2 or 3",
            ));
        }
    }
    let test_files = TestFiles::compile(raw.test_files).map_err(|err| {
        let at = text.find("test_files").unwrap_or(0);
        let offset = text[at..].find(&err.word).map(|o| at + o);
        InputError::at(&name, &text, offset, err.word.len(), err.message)
    })?;
    Ok(Config {
        path: Some(path.to_path_buf()),
        exclude: raw.exclude,
        rule_packs: raw.rules.iter().map(|p| base.join(p)).collect(),
        builtin_rules: raw.builtin_rules,
        policy: raw.policy,
        max_file_size: raw.max_file_size,
        file_timeout: raw.file_timeout.map(Duration::from_secs),
        fail_on,
        disable: raw.disable,
        overrides: raw.overrides,
        never_suppress: raw.never_suppress,
        evidence: raw.evidence,
        test_files,
        text,
    })
}

/// A diagnostic at the first occurrence of `word` in the config text (names
/// are checked after parsing, when their exact span is no longer known).
pub fn error_at_word(name: &str, text: &str, word: &str, message: impl Into<String>) -> InputError {
    InputError::at(name, text, text.find(word), word.len(), message)
}
