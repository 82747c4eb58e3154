//! `comply rules`: the loaded rules as a table or as JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::rules::RuleSet;

#[derive(Serialize)]
struct RuleRow<'a> {
    id: &'a str,
    title: &'a str,
    family: &'a str,
    severity: &'static str,
    likelihood: u8,
    impact: u8,
    languages: Vec<&'static str>,
    controls: &'a [String],
    cwe: Vec<String>,
    origin: &'a str,
}

fn rows(rules: &RuleSet) -> Vec<RuleRow<'_>> {
    rules
        .rules
        .iter()
        .map(|r| {
            let mut languages: Vec<&'static str> =
                r.languages.iter().map(|l| l.rule_name()).collect();
            languages.dedup();
            RuleRow {
                id: r.id.as_str(),
                title: &r.title,
                family: &r.family,
                severity: r.severity().as_str(),
                likelihood: r.risk.likelihood,
                impact: r.risk.impact,
                languages,
                controls: &r.controls,
                cwe: r.cwe.iter().map(|n| format!("CWE-{n}")).collect(),
                origin: &r.origin,
            }
        })
        .collect()
}

/// One line per rule: id, severity, languages, controls.
pub fn render_table(rules: &RuleSet, out: &mut dyn Write) -> io::Result<()> {
    let rows = rows(rules);
    let width = rows.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for row in &rows {
        writeln!(
            out,
            "{:width$}  {:8}  {:40}  {}",
            row.id,
            row.severity,
            row.languages.join(","),
            row.controls.join("; "),
        )?;
    }
    writeln!(out, "{} rules", rows.len())
}

/// The rules as a JSON array.
pub fn render_json(rules: &RuleSet, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &rows(rules))?;
    writeln!(out)
}
