//! `--format short`: one line per finding, `path:line:col: severity [rule] message`,
//! the shape vim's default errorformat, Emacs compilation mode and VS Code
//! problem matchers read without configuration.

use std::io::{self, Write};

use super::escape_control;
use crate::scan::ScanOutcome;

/// Writes one line per finding.
pub fn render(outcome: &ScanOutcome, out: &mut dyn Write) -> io::Result<()> {
    for f in &outcome.findings {
        writeln!(
            out,
            "{}:{}:{}: {} [{}] {}",
            escape_control(&f.path, false),
            f.line,
            f.column,
            f.severity,
            f.rule_id,
            escape_control(&f.message, false)
        )?;
    }
    Ok(())
}
