//! The `comply` binary: parse arguments, run the command, map the outcome to
//! an exit status (0 clean, 1 findings at or above `--fail-on`, 2 usage,
//! configuration or internal error). Nothing else.
#![allow(clippy::print_stderr)]

use std::process::ExitCode;

use comply::cli::{Cli, Command};
use comply::commands::{run_explain, run_hook, run_init, run_merge, run_rules, run_scan};
use comply::evidence::run::{run_baseline, run_gate};

/// The scan allocates and frees many small syntax nodes and facts per file;
/// mimalloc's per-thread free lists serve that pattern with about 10% less
/// CPU than glibc malloc, and lower peak RSS once tuned (see BENCHMARKS.md).
/// Built with `no_thp`: transparent huge pages turned every touched arena
/// chunk into 2 MiB of resident memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc v3's `mi_option_purge_delay` (`include/mimalloc.h`);
/// libmimalloc-sys names no constant for it.
const MI_OPTION_PURGE_DELAY: i32 = 15;

/// Returns freed pages to the system at once rather than a second later, so
/// peak RSS follows the live working set instead of every file's high-water
/// mark.
fn return_freed_memory_at_once() {
    // SAFETY: mi_option_set stores a value in mimalloc's option table.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}

/// tree-sitter's C code allocates every syntax tree through `malloc`, which
/// took about 3% of a whole-tree scan in glibc; it gets mimalloc too.
fn parse_trees_with_mimalloc() {
    use libmimalloc_sys::{mi_calloc, mi_free, mi_malloc, mi_realloc};
    // SAFETY: called first in `main`, before any tree-sitter object exists,
    // so nothing allocated by one allocator is freed by the other; the
    // mimalloc functions have the C signatures tree-sitter expects and are
    // thread-safe.
    unsafe {
        tree_sitter::set_allocator(
            Some(mi_malloc),
            Some(mi_calloc),
            Some(mi_realloc),
            Some(mi_free),
        )
    }
}

fn main() -> ExitCode {
    parse_trees_with_mimalloc();
    return_freed_memory_at_once();
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

#[cfg(test)]
mod tests {
    use super::MI_OPTION_PURGE_DELAY;

    /// The option number is mimalloc v3's purge delay (default 1000 ms, a
    /// value no neighbouring option has): a renumbering upstream fails here.
    #[test]
    fn purge_delay_option_number_is_mimallocs() {
        // SAFETY: mi_option_get reads mimalloc's option table.
        let default = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(default, 1000);
    }
}
