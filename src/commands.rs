//! Running the subcommands: load the engine, scan (paths, staged files or
//! standard input), hand the outcome to the report module, install the
//! pre-commit hook, and say which exit status the run earned.
//!
//! `main` only parses arguments and maps `Exit` to a process status.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cli::{
    FailLevel, HookArgs, HookCommand, HookInstallArgs, RuleSource, RulesArgs, RulesFormat, ScanArgs,
};
use crate::config::FailOn;
use crate::engine::{load_engine, Engine, EngineOptions};
use crate::error::Error;
use crate::evidence::run as evidence;
use crate::git::Repository;
use crate::hook;
use crate::report::{self, Format, Report};
use crate::scan::{scan, scan_staged, scan_stdin, ScanOptions, ScanOutcome};
use crate::select::Selection;
use crate::walk::display_path;

mod docs;
mod init;
mod merge;
mod scan_extras;

pub use docs::run_explain;
pub use init::run_init;
pub use merge::run_merge;

/// How a successful run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// No open finding at or above the fail level.
    Clean,
    /// Open findings at or above the fail level.
    Findings,
    /// Some file hit an internal error (the scan finished, but CI must notice).
    InternalError,
}

impl Exit {
    /// The process exit status: 0, 1 or 2.
    pub fn code(self) -> u8 {
        match self {
            Exit::Clean => 0,
            Exit::Findings => 1,
            Exit::InternalError => 2,
        }
    }
}

/// The engine options the shared rule flags ask for.
pub(crate) fn engine_options(source: &RuleSource) -> EngineOptions {
    EngineOptions {
        config: source.config.clone(),
        rule_paths: source.rules.clone(),
        no_builtin: source.no_builtin_rules,
        selection: Selection {
            select: selectors(&source.select),
            ignore: selectors(&source.ignore),
        },
    }
}

/// `--select a,b --select c` as `[a, b, c]`, blanks dropped.
fn selectors(values: &[String]) -> Vec<String> {
    values
        .iter()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

fn fail_on(level: FailLevel) -> FailOn {
    use crate::risk::Severity;
    match level {
        FailLevel::Critical => FailOn::AtLeast(Severity::Critical),
        FailLevel::High => FailOn::AtLeast(Severity::High),
        FailLevel::Medium => FailOn::AtLeast(Severity::Medium),
        FailLevel::Low => FailOn::AtLeast(Severity::Low),
        FailLevel::Info => FailOn::AtLeast(Severity::Info),
        FailLevel::None => FailOn::Never,
    }
}

/// Where `comply scan` takes its files from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Input {
    /// Walk these paths.
    Paths(Vec<PathBuf>),
    /// The staged files (under these paths, when any).
    Staged(Vec<PathBuf>),
    /// One buffer from standard input, standing for this file.
    Stdin(PathBuf),
}

/// What `comply scan` should read, or a usage error for combinations that
/// cannot work (`-` without a name, a name without `-`, `-` among paths).
fn scan_input(args: &ScanArgs) -> Result<Input, Error> {
    let dash = args.paths.iter().any(|p| p.as_os_str() == "-");
    match (&args.stdin_filename, dash) {
        (None, true) => Err(Error::Usage(
            "`-` reads standard input and needs --stdin-filename PATH, the file it stands for \
             (its name decides the language and is the path reported)"
                .into(),
        )),
        (Some(_), false) => Err(Error::Usage(
            "--stdin-filename needs `-` among the paths: it names the file read from standard input"
                .into(),
        )),
        (Some(_), true) if args.paths.len() > 1 => Err(Error::Usage(
            "`-` cannot be combined with other paths: standard input holds one file".into(),
        )),
        (Some(name), true) if name.as_os_str().is_empty() => {
            Err(Error::Usage("--stdin-filename needs a file name".into()))
        }
        (Some(name), true) => Ok(Input::Stdin(name.clone())),
        (None, false) if args.staged => Ok(Input::Staged(args.paths.clone())),
        (None, false) if args.paths.is_empty() => Ok(Input::Paths(vec![".".into()])),
        (None, false) => Ok(Input::Paths(args.paths.clone())),
    }
}

/// `comply scan`.
pub fn run_scan(args: &ScanArgs) -> Result<Exit, Error> {
    let input = scan_input(args)?;
    let started = std::time::Instant::now();
    let mut engine = load_engine(&engine_options(&args.source))?;
    evidence::keep_bundle_out_of_scope(&args.triage, &mut engine.config);
    let progress = scan_extras::progress(args);
    let options = |paths| ScanOptions {
        paths,
        jobs: args.jobs,
        max_file_size: args.max_file_size,
        shard: args.shard,
        progress: Some(progress.clone()),
        file_timeout: args.file_timeout.map(Duration::from_secs),
        force_exclude: args.force_exclude,
    };
    let mut outcome = match input {
        Input::Paths(paths) => scan(&engine, &options(paths))?,
        Input::Staged(paths) => scan_staged(&engine, &options(paths))?,
        Input::Stdin(name) => scan_stdin(
            &engine,
            &name,
            &mut io::stdin().lock(),
            &options(Vec::new()),
        )?,
    };
    progress.finish();
    scan_extras::keep_changed_lines(args, &mut outcome)?;
    let triaged = evidence::triage_scan(&args.triage, &engine, &mut outcome)?;
    write_report(args.format, args.output.as_deref(), &engine, &outcome)?;
    let gates_pass = evidence::write_bundle_if_asked(
        &args.triage,
        evidence::scan_roots(&args.paths),
        &[],
        &engine,
        &outcome,
        &triaged,
    )?;
    scan_extras::write_summary(args, &engine, &outcome, started.elapsed());
    Ok(exit_status(&outcome, args.fail_on, &engine, gates_pass))
}

/// The exit status a finished scan (or merge) earned; `gates_pass` is false
/// when an evidence run's automated gates failed. `--fail-on none` (or
/// `fail_on: none`) makes the run report-only: neither findings nor gates
/// fail it, and `comply gate` decides later.
fn exit_status(
    outcome: &ScanOutcome,
    fail_level: Option<FailLevel>,
    engine: &Engine,
    gates_pass: bool,
) -> Exit {
    let level = fail_level
        .map(fail_on)
        .or(engine.config.fail_on)
        .unwrap_or(FailOn::AtLeast(crate::risk::Severity::Low));
    if outcome.has_internal_errors() {
        Exit::InternalError
    } else if report::fails(&outcome.findings, level) || (!gates_pass && level != FailOn::Never) {
        Exit::Findings
    } else {
        Exit::Clean
    }
}

/// Renders the outcome to `--output` or standard output.
fn write_report(
    format: Format,
    output: Option<&Path>,
    engine: &Engine,
    outcome: &ScanOutcome,
) -> Result<(), Error> {
    let color = output.is_none()
        && format == Format::Human
        && io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let report = Report {
        outcome,
        rules: &engine.rules,
        color,
    };
    let write_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    match output {
        Some(path) => {
            let file = File::create(path).map_err(write_err(path))?;
            let mut out = BufWriter::new(file);
            report::render(format, &report, &mut out, &mut io::stderr())
                .map_err(write_err(path))?;
            out.flush().map_err(write_err(path))?;
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let written = report::render(format, &report, &mut out, &mut io::stderr())
                .and_then(|()| out.flush());
            match written {
                // A reader that stopped early (`comply scan | head`) is not an error.
                Err(err) if err.kind() == io::ErrorKind::BrokenPipe => {}
                other => other.map_err(write_err("<stdout>".as_ref()))?,
            }
        }
    }
    Ok(())
}

/// `comply hook`.
pub fn run_hook(args: &HookArgs) -> Result<Exit, Error> {
    match &args.command {
        HookCommand::Install(install) => run_hook_install(install),
    }
}

/// `comply hook install`: the pre-commit hook goes where git looks for hooks
/// (`core.hooksPath` when set), calling this very binary while it exists.
fn run_hook_install(args: &HookInstallArgs) -> Result<Exit, Error> {
    let cwd = std::env::current_dir().map_err(|source| Error::Io {
        path: ".".into(),
        source,
    })?;
    let repo = Repository::discover(&cwd)?;
    let hooks_dir = repo.hooks_dir()?;
    let binary = std::env::current_exe().ok().filter(|p| p.is_file());
    let installed = hook::install(&hooks_dir, binary.as_deref(), args.force)?;
    let shown = display_path(&installed.path, &cwd);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    report::hook::render_installed(&installed, &shown, &mut out)
        .and_then(|()| out.flush())
        .map_err(|source| Error::Write {
            path: "<stdout>".into(),
            source,
        })?;
    Ok(Exit::Clean)
}

/// `comply rules`.
pub fn run_rules(args: &RulesArgs) -> Result<Exit, Error> {
    let engine = load_engine(&engine_options(&args.source))?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let to_io = |source| Error::Write {
        path: "<stdout>".into(),
        source,
    };
    match args.format {
        RulesFormat::Table => report::rules::render_table(&engine.rules, &mut out),
        RulesFormat::Json => report::rules::render_json(&engine.rules, &mut out),
        RulesFormat::Markdown => report::markdown::render(&engine.rules, &mut out),
    }
    .map_err(to_io)?;
    out.flush().map_err(to_io)?;
    Ok(Exit::Clean)
}
