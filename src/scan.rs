//! The scan driver: discovery (`walk`: a walk of the paths, or the files
//! staged in git; or one buffer from standard input), then every file
//! analysed in parallel, then one sorted outcome. The only place with
//! parallelism; it decides no scope of its own.
//!
//! Files are collected and sorted before the parallel stage and results are
//! sorted after it, so output is byte-identical whatever the thread count and
//! wherever the content came from. Each file runs inside `catch_unwind`: one
//! bad file is a reported internal error, not a dead scan (`file`). The
//! reports become one outcome in `outcome`.

mod file;
mod outcome;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rayon::prelude::*;

use crate::analyze::{FileReport, ProjectParse};
use crate::engine::Engine;
use crate::error::Error;
use crate::progress::Progress;
use crate::project::{FileList, FileResult, PackagePass, Packages};
use crate::rules::RuleSet;
use crate::shard::{Shard, ShardRecord};
use crate::walk::{self, Buffer, Files, ListedScope, Scope, Skip, SkipReason, WalkOptions};
use crate::watch;
use file::{analyze_caught, read_and_analyze};
pub use outcome::ScanOutcome;
use outcome::{collect, Gathered};

/// Worker threads get a large stack: recursive parsers (syn) on deeply nested
/// input must not overflow it.
const WORKER_STACK_SIZE: usize = 64 << 20;

/// What to scan and how.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    /// Files and folders to scan.
    pub paths: Vec<PathBuf>,
    /// Worker threads (`None`: one per core).
    pub jobs: Option<usize>,
    /// Size cap override (bytes).
    pub max_file_size: Option<u64>,
    /// `--shard K/N`: analyse only this slice of the discovered files (and
    /// count only this slice's skipped entries). Project-scoped rules, which
    /// need the whole tree, run in the shard for which
    /// [`Shard::runs_project_pass`] holds, over every discovered file.
    pub shard: Option<Shard>,
    /// Counts analysed files, drawing a bar when asked to.
    pub progress: Option<Progress>,
    /// Per-file time budget override (`None`: comply.yaml's, else 5 s).
    pub file_timeout: Option<Duration>,
    /// `--force-exclude`: files named in `paths` (or as the standard-input
    /// file) get the skips `--staged` gives staged files instead of always
    /// being scanned.
    pub force_exclude: bool,
}

impl ScanOptions {
    /// Whether this scan runs the project-scoped rules (those needing the
    /// whole tree's facts), over every discovered file whatever the shard:
    /// an unsharded scan does, and of a sharded run only shard 1, so merged
    /// shards report their findings once.
    pub fn runs_project_pass(&self) -> bool {
        self.shard.is_none_or(|shard| shard.runs_project_pass())
    }
}

/// Scans the paths with the engine's rules.
pub fn scan(engine: &Engine, options: &ScanOptions) -> Result<ScanOutcome, Error> {
    let walk_options = walk_options(engine, options);
    let discovery = walk::discover(&options.paths, &walk_options)
        .map_err(|(path, source)| Error::Io { path, source })?;
    // `discovery.files` stays whole for the project pass; `files` indexes this shard's slice.
    let (files, skipped, warnings) = crate::shard::slice(options.shard, &discovery);
    if let Some(progress) = &options.progress {
        progress.start(files.len());
    }
    let budget = budget_for(engine, options.file_timeout);
    ready_prefilter(&engine.rules, files.len());
    let analyze_for = |index: usize, project: ProjectParse| {
        read_and_analyze(
            discovery.files.get(index),
            &engine.rules,
            budget,
            walk_options.max_file_size,
            project,
        )
    };
    let analyze = |index: usize| analyze_for(index, ProjectParse::Deferrable);
    let pass = options
        .runs_project_pass()
        .then(|| PackagePass::new(Packages::of_files(&discovery.files), &engine.rules));
    let pool = worker_pool(options.jobs)?;
    let gathered = pool.install(|| {
        files
            .par_iter()
            .fold(Gathered::default, |gathered, &index| {
                let mut report = analyze(index);
                if let Some(progress) = &options.progress {
                    progress.inc();
                }
                if let Some(pass) = &pass {
                    pass.file_done(index, project_part(&mut report));
                }
                gathered.add(discovery.files.display(index), report)
            })
            .reduce(Gathered::default, Gathered::merge)
    });
    let project_findings = match pass {
        Some(pass) => pool.install(|| {
            // Shard 1 also reads the rest of the tree, keeping only what the
            // project pass needs, so the merged shards report cross-file
            // findings exactly once.
            if options.shard.is_some() {
                let mut inside = vec![false; discovery.files.len()];
                for &index in &files {
                    inside[index] = true;
                }
                (0..discovery.files.len())
                    .into_par_iter()
                    .filter(|&index| !inside[index])
                    .for_each(|index| pass.file_done(index, project_part(&mut analyze(index))));
            }
            pass.finish(|again| {
                again
                    .par_iter()
                    .map(|&index| {
                        let mut report = analyze_for(index, ProjectParse::Now);
                        (index, project_part(&mut report))
                    })
                    .collect()
            })
        }),
        None => Vec::new(),
    };
    let mut outcome = collect(gathered, skipped, warnings, engine, project_findings);
    outcome.shard = options.shard.map(|shard| ShardRecord {
        index: shard.index,
        count: shard.count,
        paths: options.paths.iter().map(|p| walk::given_path(p)).collect(),
    });
    Ok(outcome)
}

/// Discovered files by display path (the list is sorted by it).
impl FileList for Files {
    fn count(&self) -> usize {
        self.len()
    }

    fn path(&self, file: usize) -> &str {
        self.display(file)
    }
}

/// Buffers by display path and the path that decides their language.
impl FileList for Vec<(String, PathBuf)> {
    fn count(&self) -> usize {
        self.len()
    }

    fn path(&self, file: usize) -> &str {
        &self[file].0
    }
}

/// What a file's report gives the project pass, taken out of the report.
fn project_part(report: &mut FileReport) -> FileResult {
    FileResult {
        summary: report.routes.take().map(|r| *r),
        scanned: report.skipped.is_none(),
        hint: report.route_hint.take(),
    }
}

/// Scans contents already in memory, as `scan` scans files: same analysis,
/// same sorting, same outcome. `skipped` lists what was left out on the way.
pub fn scan_buffers(
    engine: &Engine,
    buffers: Vec<Buffer>,
    skipped: Vec<Skip>,
    jobs: Option<usize>,
) -> Result<ScanOutcome, Error> {
    scan_buffers_within(engine, buffers, skipped, jobs, None)
}

/// [`scan_buffers`] with a per-file time budget override.
fn scan_buffers_within(
    engine: &Engine,
    mut buffers: Vec<Buffer>,
    skipped: Vec<Skip>,
    jobs: Option<usize>,
    file_timeout: Option<Duration>,
) -> Result<ScanOutcome, Error> {
    let budget = budget_for(engine, file_timeout);
    buffers.sort_by(|a, b| a.display.cmp(&b.display));
    buffers.dedup_by(|a, b| a.display == b.display);
    ready_prefilter(&engine.rules, buffers.len());
    let (names, contents): (Vec<(String, PathBuf)>, Vec<Vec<u8>>) = buffers
        .into_iter()
        .map(|b| ((b.display, b.path), b.bytes))
        .unzip();
    // A handful of buffers: one package, judged when the last is in.
    let pass = PackagePass::new(Packages::whole(&names), &engine.rules);
    let pool = worker_pool(jobs)?;
    let gathered = pool.install(|| {
        names
            .par_iter()
            .enumerate()
            .zip(contents.into_par_iter())
            .fold(
                Gathered::default,
                |gathered, ((index, (display, path)), bytes)| {
                    // The buffers are gone once analysed: nothing is put off.
                    let mut report = analyze_caught(
                        display,
                        path,
                        bytes,
                        &engine.rules,
                        budget,
                        ProjectParse::Now,
                    );
                    pass.file_done(index, project_part(&mut report));
                    gathered.add(display, report)
                },
            )
            .reduce(Gathered::default, Gathered::merge)
    });
    // One package links to no other, so nothing is read again.
    let project_findings = pass.finish(|_| Vec::new());
    Ok(collect(
        gathered,
        skipped,
        Vec::new(),
        engine,
        project_findings,
    ))
}

/// Scans what the next commit will contain: the staged content of the
/// staged files (see [`walk::discover_staged`] for what is in scope).
/// Non-empty `options.paths` keep only the staged files under them.
pub fn scan_staged(engine: &Engine, options: &ScanOptions) -> Result<ScanOutcome, Error> {
    let walk_options = walk_options(engine, options);
    let staged = walk::discover_staged(&options.paths, &walk_options)?;
    scan_buffers_within(
        engine,
        staged.buffers,
        staged.skipped,
        options.jobs,
        options.file_timeout,
    )
}

/// Scans one buffer read from `input` as the file `name`: its language comes
/// from the name and findings are reported against it. The name counts as a
/// file named on the command line: scanned whatever ignore files and
/// `exclude` say (unless `options.force_exclude`); the size cap and the
/// binary check apply. `options.paths` and `options.shard` are not used.
pub fn scan_stdin(
    engine: &Engine,
    name: &Path,
    input: &mut dyn Read,
    options: &ScanOptions,
) -> Result<ScanOutcome, Error> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let display = walk::display_path(name, &cwd);
    let walk_options = walk_options(engine, options);
    let cap = walk_options.max_file_size;
    let mut bytes = Vec::new();
    input
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            path: "<stdin>".into(),
            source,
        })?;
    if options.force_exclude {
        let mut named = ListedScope::new(&cwd, &cwd, &walk_options);
        match named.decide(&walk::absolute(&cwd, name)) {
            Scope::Scan => {}
            Scope::Skipped(skip) => return scan_buffers(engine, Vec::new(), vec![skip], Some(1)),
            Scope::Ignored => return scan_buffers(engine, Vec::new(), Vec::new(), Some(1)),
        }
    }
    if bytes.len() as u64 > cap {
        let skip = Skip {
            path: display,
            reason: SkipReason::TooLarge,
        };
        return scan_buffers(engine, Vec::new(), vec![skip], Some(1));
    }
    let buffer = Buffer {
        display,
        path: name.to_path_buf(),
        bytes,
    };
    scan_buffers_within(
        engine,
        vec![buffer],
        Vec::new(),
        Some(1),
        options.file_timeout,
    )
}

/// The per-file time budget: the option, else comply.yaml's, else 5 s.
fn budget_for(engine: &Engine, option: Option<Duration>) -> Option<Duration> {
    Some(
        option
            .or(engine.config.file_timeout)
            .unwrap_or(watch::DEFAULT_FILE_TIMEOUT),
    )
}

fn walk_options(engine: &Engine, options: &ScanOptions) -> WalkOptions {
    WalkOptions {
        max_file_size: options
            .max_file_size
            .or(engine.config.max_file_size)
            .unwrap_or(walk::DEFAULT_MAX_FILE_SIZE),
        exclude: engine.config.exclude.clone(),
        exclude_base: engine
            .config
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(".")),
        force_exclude: options.force_exclude,
        threads: options.jobs.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        }),
    }
}

/// From this many files on, the pre-filter's faster automaton pays for its
/// build (tens of milliseconds) within the scan.
const MANY_FILES: usize = 64;

/// Builds the pre-filter (and the configuration keys the rules ask about)
/// before the parallel stage, so no file's time budget pays for it, with
/// the faster automaton for scans of many files.
fn ready_prefilter(rules: &RuleSet, files: usize) {
    rules.entry_keys();
    let prefilter = rules.prefilter();
    if files >= MANY_FILES {
        prefilter.prepare_for_many_files();
    }
}

fn worker_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, Error> {
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK_SIZE);
    if let Some(jobs) = jobs {
        builder = builder.num_threads(jobs.max(1));
    }
    builder
        .build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))
}
