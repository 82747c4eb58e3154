//! `comply merge`: the shards' JSON reports as one report, in any format,
//! and with `--evidence` the bundle the unsharded scan would have written.

use super::{engine_options, exit_status, write_report, Exit};
use crate::cli::MergeArgs;
use crate::engine::load_engine;
use crate::error::Error;
use crate::evidence::run as evidence;
use crate::merge;

/// Merges the reports, applies triage as the unsharded scan would, and
/// renders the result (and the evidence bundle) like that scan; the exit
/// status is the one that scan would have earned.
pub fn run_merge(args: &MergeArgs) -> Result<Exit, Error> {
    let engine = load_engine(&engine_options(&args.source))?;
    let reports = merge::read_reports(&args.reports)?;
    let merged = merge::merge(&reports, &engine.rules)?;
    let scan_roots = match (&args.triage.evidence, merged.scan_paths) {
        (Some(_), None) => {
            return Err(Error::Usage(
                "--evidence needs the reports of `comply scan --shard K/N`, which record \
                 the scanned paths the bundle names"
                    .into(),
            ))
        }
        (_, paths) => paths.unwrap_or_default(),
    };
    let mut outcome = merged.outcome;
    let triaged = evidence::triage_scan(&args.triage, &engine, &mut outcome)?;
    write_report(args.format, args.output.as_deref(), &engine, &outcome)?;
    let gates_pass = evidence::write_bundle_if_asked(
        &args.triage,
        scan_roots,
        &args.reports,
        &engine,
        &outcome,
        &triaged,
    )?;
    Ok(exit_status(&outcome, args.fail_on, &engine, gates_pass))
}
