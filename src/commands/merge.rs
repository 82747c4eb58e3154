//! `comply merge`: the shards' JSON reports as one report, in any format.

use super::{engine_options, exit_status, write_report, Exit};
use crate::cli::MergeArgs;
use crate::engine::load_engine;
use crate::error::Error;
use crate::merge;

/// Merges the reports and renders the result like one unsharded scan; the
/// exit status is the one that scan would have earned.
pub fn run_merge(args: &MergeArgs) -> Result<Exit, Error> {
    let engine = load_engine(&engine_options(&args.source))?;
    let reports = merge::read_reports(&args.reports)?;
    let outcome = merge::merge(&reports, &engine.rules)?;
    write_report(args.format, args.output.as_deref(), &engine, &outcome)?;
    Ok(exit_status(&outcome, args.fail_on, &engine, true))
}
