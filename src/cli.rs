//! Command-line definitions (clap). Only the shape of the command line lives
//! here; `commands` runs what it asks for.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::report::Format;

/// comply: find the compliance problems code and configuration reveal.
#[derive(Debug, Parser)]
#[command(name = "comply", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files and folders with the rule packs.
    Scan(ScanArgs),
    /// List the loaded rules.
    Rules(RulesArgs),
    /// Manage the git pre-commit hook.
    Hook(HookArgs),
}

/// Where rules and configuration come from (shared by `scan` and `rules`).
#[derive(Debug, clap::Args)]
pub struct RuleSource {
    /// Configuration file (default: comply.yaml or .comply.yaml in the working directory).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// An extra rule pack, or a folder of packs (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Do not load the built-in packs.
    #[arg(long)]
    pub no_builtin_rules: bool,
}

/// `comply scan`.
#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Files and folders to scan (default: the current directory); `-` reads
    /// one file from standard input (with --stdin-filename). With --staged,
    /// only the staged files under these paths.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Scan the staged content of the files staged in git (what the next commit records).
    #[arg(long, conflicts_with = "stdin_filename")]
    pub staged: bool,
    /// The file that the content read from standard input (`-`) stands for:
    /// its name decides the language and is the path reported.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with status 1 when an open finding is at or above this severity.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailLevel>,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Skip files larger than this many bytes (default 2 MiB).
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,
    /// Abandon a file (skipped as `timeout`, with a warning) after this many
    /// seconds of analysis (default 5).
    #[arg(long, value_name = "SECS")]
    pub file_timeout: Option<u64>,
    /// Rules and configuration.
    #[command(flatten)]
    pub source: RuleSource,
}

/// `comply rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
    /// Rules and configuration.
    #[command(flatten)]
    pub source: RuleSource,
}

/// `comply hook`.
#[derive(Debug, clap::Args)]
pub struct HookArgs {
    /// What to do with the hook.
    #[command(subcommand)]
    pub command: HookCommand,
}

/// The subcommands of `comply hook`.
#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Write a git pre-commit hook that runs `comply scan --staged`.
    Install(HookInstallArgs),
}

/// `comply hook install`.
#[derive(Debug, clap::Args)]
pub struct HookInstallArgs {
    /// Replace an existing pre-commit hook that comply did not write.
    #[arg(long)]
    pub force: bool,
}

/// Formats of `comply rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// One line per rule.
    Table,
    /// A JSON array.
    Json,
}

/// `--fail-on` levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    /// Only critical findings fail.
    Critical,
    /// High and above.
    High,
    /// Medium and above.
    Medium,
    /// Low and above (the default).
    Low,
    /// Any finding.
    Info,
    /// Never fail because of findings.
    None,
}
