//! The `comply` binary: parse arguments, run the command, map the outcome to
//! an exit status (0 clean, 1 findings at or above `--fail-on`, 2 usage,
//! configuration or internal error). Nothing else.
#![allow(clippy::print_stderr)]

use std::process::ExitCode;

use comply::cli::{Cli, Command};
use comply::commands::{run_explain, run_hook, run_init, run_merge, run_rules, run_scan};
use comply::evidence::run::{run_baseline, run_gate};

fn main() -> ExitCode {
    // A panic message could quote scanned text; say where it happened, not what.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("comply: internal error at {place}");
    }));
    let cli = Cli::parse_with_versions();
    let result = match &cli.command {
        Command::Scan(args) => run_scan(args),
        Command::Merge(args) => run_merge(args),
        Command::Rules(args) => run_rules(args),
        Command::Explain(args) => run_explain(args),
        Command::Init(args) => run_init(args),
        Command::Hook(args) => run_hook(args),
        Command::Baseline(args) => run_baseline(args),
        Command::Gate(args) => run_gate(args),
    };
    match result {
        Ok(exit) => ExitCode::from(exit.code()),
        Err(err) => {
            eprintln!("{:?}", miette::Report::new(err));
            ExitCode::from(2)
        }
    }
}
