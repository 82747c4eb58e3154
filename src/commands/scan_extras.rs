//! The parts of `comply scan` around the scan itself: the progress bar,
//! `--diff-base` filtering, and the closing summary line on stderr.

use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use crate::cli::ScanArgs;
use crate::diff;
use crate::engine::Engine;
use crate::error::Error;
use crate::progress::Progress;
use crate::report::{self, Format, Report};
use crate::scan::ScanOutcome;

/// The progress counter, drawing only on a terminal, outside CI, without `--quiet`.
pub(super) fn progress(args: &ScanArgs) -> Progress {
    Progress::new(Progress::wanted(
        args.quiet,
        io::stderr().is_terminal(),
        std::env::var_os("CI"),
    ))
}

/// With `--diff-base REV`, drops what is not on a line changed since REV.
pub(super) fn keep_changed_lines(args: &ScanArgs, outcome: &mut ScanOutcome) -> Result<(), Error> {
    let Some(rev) = &args.diff_base else {
        return Ok(());
    };
    let cwd = std::env::current_dir().map_err(|source| Error::Io {
        path: ".".into(),
        source,
    })?;
    let changed = diff::changed_since(&cwd, rev)?;
    diff::retain_changed(outcome, &changed, &cwd);
    Ok(())
}

/// In human mode and without `--quiet`: files scanned and skipped, findings
/// by severity, time taken, as one line on stderr.
pub(super) fn write_summary(
    args: &ScanArgs,
    engine: &Engine,
    outcome: &ScanOutcome,
    elapsed: Duration,
) {
    if args.quiet || args.format != Format::Human {
        return;
    }
    let report = Report {
        outcome,
        rules: &engine.rules,
        color: false,
    };
    let line = report::human::summary_line(&report, elapsed);
    // A closed stderr leaves nothing to tell.
    let _ = writeln!(io::stderr(), "{line}");
}
