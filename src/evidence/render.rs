//! Rendering the Markdown documents from minijinja templates: the built-in
//! ones (`templates/*.md.j2`), or the user's assessment template
//! (`--evidence-template`), since audit firms have their own formats.
//!
//! Text from the scanned repository goes through the `cell` filter (one
//! line, `|` escaped, control characters shown as escapes) so a file name or
//! message cannot break a table or drive a terminal.

use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

use super::areas::{ManualItem, MANUAL_ITEMS};
use super::compare::Comparison;
use super::model::{Model, Row};
use super::scope::ScopeRegister;
use crate::report::escape_control;

/// The built-in assessment template.
pub const MANUAL_ASSESSMENT_TEMPLATE: &str = include_str!("templates/manual-assessment.md.j2");
/// The disposition record's template.
pub const DISPOSITION_TEMPLATE: &str = include_str!("templates/disposition-record.md.j2");
/// The risk-baseline report's template.
pub const RISK_BASELINE_TEMPLATE: &str = include_str!("templates/risk-baseline-report.md.j2");

#[derive(Serialize)]
struct ManualItemCtx {
    id: &'static str,
    text: &'static str,
    control: &'static str,
}

impl From<&ManualItem> for ManualItemCtx {
    fn from(m: &ManualItem) -> Self {
        ManualItemCtx {
            id: m.id,
            text: m.text,
            control: m.control,
        }
    }
}

/// Everything a template may use.
#[derive(Serialize)]
pub struct Context<'a> {
    /// The scope register.
    pub scope: &'a ScopeRegister,
    /// The bundle's content.
    pub model: &'a Model,
    /// Open findings only.
    pub open: Vec<&'a Row>,
    /// The disposition's conditions, one sentence each.
    pub conditions: Vec<String>,
    /// The comparison, when a previous state was given.
    pub comparison: Option<&'a Comparison>,
    manual_items: Vec<ManualItemCtx>,
}

impl<'a> Context<'a> {
    /// The context of one bundle.
    pub fn new(
        scope: &'a ScopeRegister,
        model: &'a Model,
        comparison: Option<&'a Comparison>,
    ) -> Self {
        let open: Vec<&Row> = model.rows.iter().filter(|r| r.status == "open").collect();
        let mut conditions: Vec<String> = open
            .iter()
            .map(|r| {
                format!(
                    "Fix `{}` ({}) at {}:{} by {}; owner {}",
                    r.rule, r.severity, r.path, r.line, r.due, r.owner
                )
            })
            .collect();
        for a in model.acceptances.iter().filter(|a| a.findings > 0) {
            conditions.push(format!(
                "Risk acceptance {} ({}) approved by {} holds until {}{}",
                a.id,
                a.covers,
                a.approver,
                a.expires,
                if a.compensating_control.is_empty() {
                    String::new()
                } else {
                    format!("; compensating control: {}", a.compensating_control)
                }
            ));
        }
        Context {
            scope,
            model,
            open,
            conditions,
            comparison,
            manual_items: MANUAL_ITEMS.iter().map(ManualItemCtx::from).collect(),
        }
    }
}

/// One line of table-safe text.
fn cell(value: String) -> String {
    let one_line = value.replace(['\r', '\n'], " ");
    escape_control(&one_line, false).replace('|', "\\|")
}

/// Renders `template` with the context; a template error names the problem.
pub fn render(name: &str, template: &str, context: &Context<'_>) -> Result<String, String> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_keep_trailing_newline(true);
    env.add_filter("cell", cell);
    env.add_template(name, template).map_err(|e| describe(&e))?;
    let tmpl = env.get_template(name).map_err(|e| describe(&e))?;
    tmpl.render(context).map_err(|e| describe(&e))
}

fn describe(err: &minijinja::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        text.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    text
}
