//! Risk acceptances (`.comply/acceptances.yaml`): a named person accepting a
//! finding's risk until a date, optionally with a compensating control.
//!
//! An entry covers one finding by fingerprint, or every finding of a rule
//! under a path glob. Malformed entries are errors pointing at the entry;
//! expired ones are reported (pointing at the entry) and stop applying.

use std::path::Path;

use serde::Deserialize;

use super::date::Date;
use super::pathglob::FileGlob;
use crate::config::error_at_word;
use crate::error::{Error, InputError};
use crate::finding::Finding;

/// Where acceptances are read from when `--acceptances` is not given.
pub const DEFAULT_PATH: &str = ".comply/acceptances.yaml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    acceptances: Vec<RawAcceptance>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAcceptance {
    id: String,
    fingerprint: Option<String>,
    rule: Option<String>,
    path: Option<String>,
    reason: String,
    approver: String,
    date: String,
    expires: String,
    compensating_control: Option<String>,
}

/// What an acceptance covers.
#[derive(Debug, Clone)]
pub enum Scope {
    /// One finding.
    Fingerprint(String),
    /// Every finding of this rule (or family) whose path matches the glob.
    Rule {
        /// Rule id or family.
        rule: String,
        /// The glob as written (`**` when absent).
        glob_text: String,
        /// Compiled.
        glob: FileGlob,
    },
}

/// One valid acceptance entry.
#[derive(Debug, Clone)]
pub struct Acceptance {
    /// The reference findings registers cite.
    pub id: String,
    /// What it covers.
    pub scope: Scope,
    /// Why the risk is accepted.
    pub reason: String,
    /// Who accepted it.
    pub approver: String,
    /// When.
    pub date: Date,
    /// The last day it applies.
    pub expires: Date,
    /// The control that mitigates the risk meanwhile, if any.
    pub compensating_control: Option<String>,
}

impl Acceptance {
    /// Whether it covers this finding (expiry aside).
    pub fn covers(&self, finding: &Finding) -> bool {
        match &self.scope {
            Scope::Fingerprint(fp) => *fp == finding.fingerprint,
            Scope::Rule { rule, glob, .. } => {
                (rule == finding.rule_id.as_str() || rule == finding.rule_id.family())
                    && path_matches(glob, &finding.path)
            }
        }
    }

    /// What it covers, in words, for the registers.
    pub fn covers_text(&self) -> String {
        match &self.scope {
            Scope::Fingerprint(fp) => format!("finding {fp}"),
            Scope::Rule {
                rule, glob_text, ..
            } => format!("{rule} in {glob_text}"),
        }
    }
}

fn path_matches(glob: &FileGlob, path: &str) -> bool {
    glob.matches(path)
}

/// The acceptances file, split by validity on the run's date.
#[derive(Debug, Default)]
pub struct Acceptances {
    /// Entries that apply.
    pub active: Vec<Acceptance>,
    /// Entries past their expiry: they do not apply.
    pub expired: Vec<Acceptance>,
    /// A diagnostic per expired entry, pointing at it.
    pub expired_diagnostics: Vec<InputError>,
}

impl Acceptances {
    /// Reads `path`; a missing file means no acceptances when `required` is false.
    pub fn load(path: &Path, required: bool, today: Date) -> Result<Acceptances, Error> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if !required && err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Acceptances::default())
            }
            Err(source) => {
                return Err(Error::Io {
                    path: path.to_path_buf(),
                    source,
                })
            }
        };
        Ok(parse(&path.display().to_string(), &text, today)?)
    }
}

/// Parses and checks an acceptances file.
pub fn parse(name: &str, text: &str, today: Date) -> Result<Acceptances, InputError> {
    let raw: RawFile = if text.trim().is_empty() {
        RawFile {
            acceptances: Vec::new(),
        }
    } else {
        crate::rules::raw::parse_yaml(name, text)?
    };
    let mut out = Acceptances::default();
    let mut ids = std::collections::BTreeSet::new();
    for entry in raw.acceptances {
        let at = |word: &str, message: String| {
            let anchor = format!("id: {}", entry.id);
            let base = text.find(&anchor).unwrap_or(0);
            let offset = text[base..].find(word).map(|o| o + base);
            InputError::at(name, text, offset, word.len(), message)
        };
        if !ids.insert(entry.id.clone()) {
            return Err(error_at_word(
                name,
                text,
                &entry.id,
                format!("acceptance `{}` is listed twice", entry.id),
            ));
        }
        let date = |field: &str, value: &str| {
            Date::parse(value).ok_or_else(|| {
                at(
                    value,
                    format!("acceptance `{}`: {field} `{value}` is not a date", entry.id),
                )
                .with_help("write dates as YYYY-MM-DD")
            })
        };
        let accepted_on = date("date", &entry.date)?;
        let expires = date("expires", &entry.expires)?;
        if expires < accepted_on {
            return Err(at(
                &entry.expires,
                format!("acceptance `{}` expires before it was given", entry.id),
            ));
        }
        for (field, value) in [("reason", &entry.reason), ("approver", &entry.approver)] {
            if value.trim().is_empty() {
                return Err(at(
                    &entry.id,
                    format!("acceptance `{}` needs a {field}", entry.id),
                ));
            }
        }
        let scope = match (entry.fingerprint, entry.rule) {
            (Some(fp), None) if entry.path.is_none() => Scope::Fingerprint(fp),
            (None, Some(rule)) => {
                let glob_text = entry.path.clone().unwrap_or_else(|| "**".into());
                let glob = FileGlob::new(&glob_text).map_err(|e| {
                    at(&glob_text, format!("acceptance `{}`: invalid path glob: {e}", entry.id))
                })?;
                Scope::Rule { rule, glob_text, glob }
            }
            _ => {
                return Err(at(
                    &entry.id,
                    format!("acceptance `{}` must name either a fingerprint, or a rule (with an optional path glob)", entry.id),
                ))
            }
        };
        let acceptance = Acceptance {
            id: entry.id.clone(),
            scope,
            reason: entry.reason,
            approver: entry.approver,
            date: accepted_on,
            expires,
            compensating_control: entry.compensating_control,
        };
        if expires < today {
            out.expired_diagnostics.push(
                at(
                    &entry.expires,
                    format!(
                        "risk acceptance `{}` expired on {expires}; it no longer applies",
                        entry.id
                    ),
                )
                .with_label("expired")
                .with_help(
                    "renew it with a new expiry and approver, or fix the findings it covered",
                ),
            );
            out.expired.push(acceptance);
        } else {
            out.active.push(acceptance);
        }
    }
    Ok(out)
}
