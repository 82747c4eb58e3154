//! Command-line definitions (clap). Only the shape of the command line lives
//! here; `commands` runs what it asks for.

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::report::Format;
use crate::shard::Shard;

mod examples;

/// comply: find the compliance problems code and configuration reveal.
#[derive(Debug, Parser)]
#[command(name = "comply", version, about, long_about = None, after_help = examples::COMPLY)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
// Parsed once per process: the size of the largest variant never matters.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Scan files and folders with the rule packs.
    #[command(after_help = examples::SCAN)]
    Scan(ScanArgs),
    /// Combine the JSON reports of a sharded scan (`scan --shard K/N`) into one report and evidence bundle.
    #[command(after_help = examples::MERGE)]
    Merge(MergeArgs),
    /// List the loaded rules.
    #[command(after_help = examples::RULES)]
    Rules(RulesArgs),
    /// Describe one rule: what it finds, why, an example, the fix, how to silence it.
    #[command(after_help = examples::EXPLAIN)]
    Explain(ExplainArgs),
    /// Write a commented starter comply.yaml and print the pre-commit snippet.
    #[command(after_help = examples::INIT)]
    Init(InitArgs),
    /// Manage the git pre-commit hook.
    #[command(after_help = examples::HOOK)]
    Hook(HookArgs),
    /// Record the current findings' fingerprints in a baseline file.
    #[command(after_help = examples::BASELINE)]
    Baseline(BaselineArgs),
    /// Re-evaluate the gates of an evidence bundle after the reviewer's edits.
    #[command(after_help = examples::GATE)]
    Gate(GateArgs),
}

impl Cli {
    /// Parses the process's arguments, with `--version` listing the built-in
    /// rule packs too.
    pub fn parse_with_versions() -> Cli {
        let mut command = Cli::command();
        // Hashing the packs costs more than a small scan: only for `--version`.
        if std::env::args_os().any(|arg| arg == "--version") {
            command = command.long_version(&*Box::leak(examples::long_version().into_boxed_str()));
        }
        let matches = command.get_matches();
        Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit())
    }
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
    /// Run only these families or rule ids (comma-separated, repeatable); a
    /// rule named by id runs even if comply.yaml disables it.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these families or rule ids (comma-separated, repeatable).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
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
    /// Skip files named on the command line (and --stdin-filename) that
    /// comply.yaml `exclude`, .complyignore or .ignore leave out, or that
    /// sit in a default-excluded folder or are lock files or minified
    /// bundles, as a walk would (for pre-commit, which names the files).
    #[arg(long)]
    pub force_exclude: bool,
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
    /// Report only findings on lines changed since the merge-base of REV and
    /// HEAD (committed, staged and unstaged changes, untracked files).
    #[arg(long, value_name = "REV", conflicts_with_all = ["staged", "stdin_filename"])]
    pub diff_base: Option<String>,
    /// Scan only slice K of N of the discovered files (for a CI job
    /// matrix); combine the slices' JSON reports, and write the evidence
    /// bundle, with `comply merge`.
    #[arg(long, value_name = "K/N", conflicts_with_all = ["staged", "stdin_filename", "evidence"])]
    pub shard: Option<Shard>,
    /// No progress bar and no summary line on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Abandon a file (skipped as `timeout`, with a warning) after this many
    /// seconds of analysis (default 5).
    #[arg(long, value_name = "SECS")]
    pub file_timeout: Option<u64>,
    /// Rules and configuration.
    #[command(flatten)]
    pub source: RuleSource,
    /// Triage and audit evidence.
    #[command(flatten)]
    pub triage: TriageArgs,
}

/// Triage inputs and the evidence bundle (`comply scan`, `comply merge`).
#[derive(Debug, clap::Args)]
pub struct TriageArgs {
    /// Mark the findings recorded in this baseline file as `baselined`.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Risk acceptances file (default: .comply/acceptances.yaml next to comply.yaml).
    #[arg(long, value_name = "FILE")]
    pub acceptances: Option<PathBuf>,
    /// Write the audit evidence bundle into DIR.
    #[arg(long, value_name = "DIR")]
    pub evidence: Option<PathBuf>,
    /// Render manual-assessment.md from this minijinja template instead of the built-in one.
    #[arg(long, value_name = "FILE", requires = "evidence")]
    pub evidence_template: Option<PathBuf>,
    /// A previous bundle to compare with (writes risk-baseline-report.md).
    #[arg(long, value_name = "DIR", requires = "evidence")]
    pub previous: Option<PathBuf>,
}

/// `comply baseline`.
#[derive(Debug, clap::Args)]
pub struct BaselineArgs {
    /// Files and folders to scan (default: the current directory).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Where to write the baseline.
    #[arg(
        long,
        short,
        value_name = "FILE",
        default_value = ".comply/baseline.json"
    )]
    pub output: PathBuf,
    /// Risk acceptances file (accepted findings are not recorded).
    #[arg(long, value_name = "FILE")]
    pub acceptances: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Rules and configuration.
    #[command(flatten)]
    pub source: RuleSource,
}

/// `comply gate`.
#[derive(Debug, clap::Args)]
pub struct GateArgs {
    /// The evidence bundle's folder.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// `comply merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The JSON reports of every shard of one run.
    #[arg(value_name = "REPORT", required = true)]
    pub reports: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Write the merged report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with status 1 when an open finding is at or above this severity.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailLevel>,
    /// Rules and configuration (the same as the shards used).
    #[command(flatten)]
    pub source: RuleSource,
    /// Triage and audit evidence, applied as in an unsharded scan.
    #[command(flatten)]
    pub triage: TriageArgs,
}

/// `comply explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rule id, such as `hashing/bcrypt-low-cost`.
    #[arg(value_name = "RULE")]
    pub rule: String,
    /// Rules and configuration.
    #[command(flatten)]
    pub source: RuleSource,
}

/// `comply init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to write the configuration.
    #[arg(long, short, value_name = "FILE", default_value = "comply.yaml")]
    pub output: PathBuf,
    /// Replace an existing configuration file.
    #[arg(long)]
    pub force: bool,
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
    #[command(after_help = examples::HOOK)]
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
    /// A Markdown document (docs/rules.md is generated with it).
    Markdown,
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
