//! The control catalog (`rules/controls.yaml`) and the policy parameters
//! (`rules/policy.yaml`) that rules cite and reference.
//!
//! Loaded once, validated on load; rules are checked against them when they
//! are compiled. This module does not match anything.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::raw::parse_yaml;
use crate::error::InputError;

/// One control a finding can put at risk.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Control {
    /// `SOC2 CC6.1`, `GDPR Art. 32(1)(a)`.
    pub id: String,
    /// Our short paraphrase of the control.
    pub title: String,
    /// Critical controls must be verified for the release gate to pass.
    pub critical: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    controls: Vec<Control>,
}

/// Every control id a rule may cite.
#[derive(Debug, Clone, Default)]
pub struct ControlCatalog {
    controls: Vec<Control>,
}

impl ControlCatalog {
    /// Parses `controls.yaml`.
    pub fn parse(name: &str, text: &str) -> Result<ControlCatalog, InputError> {
        let raw: RawCatalog = parse_yaml(name, text)?;
        let mut seen = std::collections::BTreeSet::new();
        for control in &raw.controls {
            if !seen.insert(control.id.as_str()) {
                let at = text.find(&control.id);
                return Err(InputError::at(
                    name,
                    text,
                    at,
                    control.id.len(),
                    format!("control `{}` is listed twice", control.id),
                ));
            }
        }
        Ok(ControlCatalog {
            controls: raw.controls,
        })
    }

    /// The control with this id.
    pub fn get(&self, id: &str) -> Option<&Control> {
        self.controls.iter().find(|c| c.id == id)
    }

    /// All controls, in catalog order.
    pub fn controls(&self) -> &[Control] {
        &self.controls
    }
}

/// One named threshold with its default and where the figure comes from.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PolicyParameter {
    /// The default value.
    pub default: f64,
    /// The source of the figure (policy document, OWASP, NIST).
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    parameters: BTreeMap<String, PolicyParameter>,
}

/// The effective policy: defaults with the project's overrides applied.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    parameters: BTreeMap<String, PolicyParameter>,
    overrides: BTreeMap<String, f64>,
}

impl Policy {
    /// Parses `policy.yaml`.
    pub fn parse(name: &str, text: &str) -> Result<Policy, InputError> {
        let raw: RawPolicy = parse_yaml(name, text)?;
        Ok(Policy {
            parameters: raw.parameters,
            overrides: BTreeMap::new(),
        })
    }

    /// Whether a parameter of this name exists.
    pub fn knows(&self, name: &str) -> bool {
        self.parameters.contains_key(name)
    }

    /// Sets a project override; the caller has checked the name with `knows`.
    pub fn set_override(&mut self, name: &str, value: f64) {
        self.overrides.insert(name.to_string(), value);
    }

    /// The effective value of a parameter.
    pub fn value(&self, name: &str) -> Option<f64> {
        self.overrides
            .get(name)
            .copied()
            .or_else(|| self.parameters.get(name).map(|p| p.default))
    }

    /// Every parameter with its effective value, sorted by name.
    pub fn effective(&self) -> Vec<(&str, f64)> {
        self.parameters
            .keys()
            .filter_map(|name| Some((name.as_str(), self.value(name)?)))
            .collect()
    }

    /// The overrides the project made, sorted by name.
    pub fn overrides(&self) -> &BTreeMap<String, f64> {
        &self.overrides
    }

    /// Names of all parameters (for "did you mean" help).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.parameters.keys().map(String::as_str)
    }
}

/// Formats a policy number the way people write it (`12`, not `12.0`).
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_and_policy_load() {
        let catalog = ControlCatalog::parse("controls.yaml", crate::builtin::CONTROLS).unwrap();
        assert!(catalog.get("SOC2 CC6.1").unwrap().critical);
        assert!(!catalog.get("SOC2 CC6.2").unwrap().critical);
        let mut policy = Policy::parse("policy.yaml", crate::builtin::POLICY).unwrap();
        assert_eq!(policy.value("bcrypt_min_cost"), Some(12.0));
        policy.set_override("bcrypt_min_cost", 13.0);
        assert_eq!(policy.value("bcrypt_min_cost"), Some(13.0));
        assert_eq!(format_number(600000.0), "600000");
        assert_eq!(format_number(1.2), "1.2");
    }

    #[test]
    fn duplicate_control_is_an_error_pointing_at_it() {
        let text = "controls:\n  - {id: A, title: a, critical: true}\n  - {id: A, title: b, critical: false}\n";
        let err = ControlCatalog::parse("c.yaml", text).unwrap_err();
        assert!(err.message.contains("listed twice"), "{}", err.message);
    }
}
