//! What `comply hook install` says it did: one line naming the hook file and
//! the command it runs. It never decides or writes the hook itself.

use std::io::{self, Write};

use super::escape_control;
use crate::hook::{Action, Installed};

/// Writes one line about the installed hook, whose path is shown as `shown`.
pub fn render_installed(installed: &Installed, shown: &str, out: &mut dyn Write) -> io::Result<()> {
    let shown = escape_control(shown, false);
    let what = match installed.action {
        Action::Created => format!("installed the pre-commit hook {shown}"),
        Action::Unchanged => format!("the pre-commit hook {shown} is already installed"),
        Action::Updated => format!("updated the pre-commit hook {shown}"),
        Action::Replaced => format!("replaced the existing pre-commit hook {shown} (--force)"),
    };
    writeln!(
        out,
        "{what}: it runs `{} scan --staged` before each commit",
        escape_control(&installed.binary, false)
    )
}
