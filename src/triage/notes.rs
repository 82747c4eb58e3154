//! What triage tells the user on standard error: expired risk acceptances
//! (as diagnostics pointing at the entry) and stale baseline entries.

use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme};

use super::{Triage, TriageResult};
use crate::report::escape_control;

/// Writes the notes; nothing when there is nothing to say.
pub fn write(triage: &Triage, result: &TriageResult, out: &mut dyn Write) -> io::Result<()> {
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor());
    for diagnostic in &triage.acceptances.expired_diagnostics {
        let mut rendered = String::new();
        handler
            .render_report(&mut rendered, diagnostic)
            .map_err(|e| io::Error::other(e.to_string()))?;
        writeln!(out, "{rendered}")?;
    }
    let baseline = triage
        .baseline_path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    for entry in &result.stale_baseline {
        writeln!(
            out,
            "warning: {}: stale baseline entry {} ({} in {}) matches no finding any more; `comply baseline` rewrites the file",
            escape_control(&baseline, false),
            entry.fingerprint,
            escape_control(&entry.rule_id, false),
            escape_control(&entry.path, false),
        )?;
    }
    Ok(())
}
