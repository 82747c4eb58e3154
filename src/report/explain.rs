//! `comply explain <rule-id>`: one rule described for the terminal — what
//! it finds, how bad it is, which controls and CWEs, where it applies, why
//! it matters, an example, the fix, and how to silence it. The facts shown
//! are shared with `comply rules --format markdown` (`report::markdown`).

use std::io::{self, Write};

use crate::rules::{Rule, RuleSet};

/// The rule's languages as pack names, or "all files" for a rule that
/// runs on every file.
pub fn languages(rule: &Rule) -> String {
    let mut names: Vec<&str> = rule.languages.iter().map(|l| l.rule_name()).collect();
    names.dedup();
    if names.contains(&"text") {
        "all files".to_string()
    } else {
        names.join(", ")
    }
}

/// `SOC2 CC6.1 (Logical access security)` for each control.
pub fn controls(rule: &Rule, rules: &RuleSet) -> Vec<String> {
    rule.controls
        .iter()
        .map(|id| match rules.catalog.get(id) {
            Some(control) => format!("{id} ({})", control.title),
            None => id.clone(),
        })
        .collect()
}

/// `CWE-916` for each CWE number.
pub fn cwes(rule: &Rule) -> Vec<String> {
    rule.cwe.iter().map(|n| format!("CWE-{n}")).collect()
}

/// The three ways to silence a rule, most local first.
pub fn silence_lines(rule: &Rule) -> [String; 3] {
    let id = rule.id.as_str();
    [
        format!(
            "one place: a comment `comply-ignore: {id} -- <reason>` on the finding's line or the \
             line above, in the file's comment syntax (`//`, `#`)"
        ),
        format!("the project: `disable: [{id}]` in comply.yaml"),
        format!("one run: `comply scan --ignore {id}`"),
    ]
}

/// Writes the description of one rule.
pub fn render(rule: &Rule, rules: &RuleSet, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}: {}", rule.id, rule.title)?;
    writeln!(out)?;
    writeln!(out, "  family     {}", rule.family)?;
    writeln!(
        out,
        "  severity   {} (likelihood {} x impact {} = {})",
        rule.severity(),
        rule.risk.likelihood,
        rule.risk.impact,
        rule.risk.likelihood * rule.risk.impact
    )?;
    writeln!(out, "  controls   {}", controls(rule, rules).join("; "))?;
    if !rule.cwe.is_empty() {
        writeln!(out, "  cwe        {}", cwes(rule).join(", "))?;
    }
    writeln!(out, "  languages  {}", languages(rule))?;
    writeln!(out, "  pack       {}", rule.origin)?;
    section(out, "Why", &rule.docs.why)?;
    if !rule.docs.example.trim().is_empty() {
        writeln!(out)?;
        writeln!(out, "Example")?;
        for line in rule.docs.example.trim_end().lines() {
            writeln!(out, "    {line}")?;
        }
    }
    section(out, "Fix", &rule.fix)?;
    writeln!(out)?;
    writeln!(out, "Silence it")?;
    for line in silence_lines(rule) {
        writeln!(out, "  - {line}")?;
    }
    if !rule.references.is_empty() {
        writeln!(out)?;
        writeln!(out, "References")?;
        for reference in &rule.references {
            writeln!(out, "  - {reference}")?;
        }
    }
    Ok(())
}

fn section(out: &mut dyn Write, title: &str, text: &str) -> io::Result<()> {
    if text.trim().is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{title}")?;
    for line in text.trim_end().lines() {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}
