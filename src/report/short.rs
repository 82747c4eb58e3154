//! `--format short`: one line per finding, `path:line:col: severity [rule] message`,
//! the shape vim's default errorformat, Emacs compilation mode and VS Code
//! problem matchers read without configuration.

use std::io::{self, Write};

use super::escape_control;
use crate::finding::Status;
use crate::scan::ScanOutcome;

/// Writes one line per open finding (suppressed, baselined and accepted
/// ones are settled, not problems for an editor to jump to).
pub fn render(outcome: &ScanOutcome, out: &mut dyn Write) -> io::Result<()> {
    for f in outcome.findings.iter().filter(|f| f.status == Status::Open) {
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
