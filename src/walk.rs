//! Discovery: which files a scan reads, and why every other file was skipped.
//!
//! Built on the `ignore` crate's walker (walkdir underneath), so `.gitignore`,
//! `.ignore` and `.complyignore` are honoured the way ripgrep honours them.
//! Walking decides what is scanned; nothing later re-decides it. Binary
//! detection needs the bytes, so it is `source`'s, and counted by the driver.
//! Files that arrive as a list rather than a tree (the paths staged in git's
//! index, discovered by [`discover_staged`] with their index content) get the
//! same decisions from [`ListedScope`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::WalkBuilder;
use serde::Serialize;

mod files;
mod listed;
mod paths;
mod staged;

pub use files::{Candidate, Files};
pub use listed::{ListedScope, Scope};
pub use paths::{absolute, display_path, given_path};
pub use staged::{discover_staged, StagedDiscovery};

/// Directories never descended into: VCS data, dependencies, build output.
pub const EXCLUDED_DIRS: [&str; 6] = [".git", "node_modules", "target", "vendor", "dist", "build"];

/// Lock files: generated, full of hashes that look like secrets.
pub const LOCK_FILES: [&str; 12] = [
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lockb",
    "Cargo.lock",
    "composer.lock",
    "Gemfile.lock",
    "poetry.lock",
    "Pipfile.lock",
    "go.sum",
    "flake.lock",
];

/// Default size cap: files above it are skipped (and counted).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 2 * 1024 * 1024;

/// Why a file or directory was not scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// A default-excluded directory (`node_modules`, `target`, …), counted once.
    ExcludedDirectory,
    /// Matched an `exclude` pattern of comply.yaml.
    ExcludedByConfig,
    /// A dependency lock file.
    LockFile,
    /// A minified bundle or source map.
    Minified,
    /// A NUL byte in the first 8 KiB.
    Binary,
    /// Larger than the size cap.
    TooLarge,
    /// Could not be read (permission, vanished, symlink loop).
    Unreadable,
    /// Abandoned after the per-file time budget.
    Timeout,
}

impl SkipReason {
    /// Kebab-case name, as in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::ExcludedDirectory => "excluded-directory",
            SkipReason::ExcludedByConfig => "excluded-by-config",
            SkipReason::LockFile => "lock-file",
            SkipReason::Minified => "minified",
            SkipReason::Binary => "binary",
            SkipReason::TooLarge => "too-large",
            SkipReason::Unreadable => "unreadable",
            SkipReason::Timeout => "timeout",
        }
    }
}

/// One skipped path with its reason.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Skip {
    /// Display path.
    pub path: String,
    /// Why.
    pub reason: SkipReason,
}

/// A file's content already in memory: a staged blob, a standard-input buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Buffer {
    /// Display path, as reports show it (the sort key).
    pub display: String,
    /// The file the content stands for; its name decides the language.
    pub path: PathBuf,
    /// The content.
    pub bytes: Vec<u8>,
}

/// What discovery found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to scan, sorted by display path, without duplicates.
    pub files: Files,
    /// Everything skipped, sorted.
    pub skipped: Vec<Skip>,
    /// Problems met while walking (unreadable directories, loops).
    pub warnings: Vec<String>,
}

/// Discovery settings.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// Size cap in bytes.
    pub max_file_size: u64,
    /// Gitignore-style patterns from comply.yaml's `exclude`.
    pub exclude: Vec<String>,
    /// The folder `exclude` patterns are relative to (comply.yaml's folder).
    pub exclude_base: PathBuf,
    /// `--force-exclude`: files named as roots get the skips `--staged`
    /// gives staged files ([`ListedScope`]) instead of always being scanned,
    /// so a file list handed over by a tool (pre-commit) keeps the
    /// project's excludes.
    pub force_exclude: bool,
    /// Threads that walk a folder (1: the calling thread alone). The walk
    /// holds most of a scan's serial time; the set of files found, and so
    /// the report, does not depend on it.
    pub threads: usize,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            exclude: Vec::new(),
            exclude_base: PathBuf::from("."),
            force_exclude: false,
            threads: 1,
        }
    }
}

/// Walks the roots. A root that is a file is scanned whatever the ignore
/// rules say (an explicit argument), unless `force_exclude` asks for the
/// skips of listed files; a root that does not exist is an error.
pub fn discover(
    roots: &[PathBuf],
    options: &WalkOptions,
) -> Result<Discovery, (PathBuf, std::io::Error)> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut found = BTreeMap::new();
    let skipped = Arc::new(Mutex::new(Vec::new()));
    let mut warnings = Vec::new();
    let excludes = build_excludes(&absolute(&cwd, &options.exclude_base), &options.exclude);
    let mut named = options
        .force_exclude
        .then(|| ListedScope::new(&cwd, &cwd, options));
    for root in roots {
        let meta = std::fs::metadata(root).map_err(|e| (root.clone(), e))?;
        if meta.is_file() {
            match named.as_mut().map(|n| n.decide(&absolute(&cwd, root))) {
                None | Some(Scope::Scan) => {}
                Some(Scope::Skipped(skip)) => {
                    skipped.lock().unwrap_or_else(|e| e.into_inner()).push(skip);
                    continue;
                }
                Some(Scope::Ignored) => continue,
            }
            let display = display_path(root, &cwd);
            classify(
                under_cwd(root, &cwd),
                display,
                meta.len(),
                options,
                &mut found,
                &skipped,
                true,
            );
            continue;
        }
        walk_dir(
            root,
            &cwd,
            options,
            excludes.clone(),
            &mut found,
            &skipped,
            &mut warnings,
        );
    }
    let mut skipped = std::mem::take(&mut *skipped.lock().unwrap_or_else(|e| e.into_inner()));
    skipped.sort();
    skipped.dedup();
    // Directory order is the file system's: sorted, reports do not depend on it.
    warnings.sort();
    warnings.dedup();
    Ok(Discovery {
        files: Files::from_sorted(found),
        skipped,
        warnings,
    })
}

/// The `exclude` patterns as one matcher rooted at `base` (absolute); paths
/// are matched as absolute paths so the scan root does not matter.
fn build_excludes(base: &Path, patterns: &[String]) -> Option<Gitignore> {
    if patterns.is_empty() {
        return None;
    }
    let mut builder = GitignoreBuilder::new(base);
    for pattern in patterns {
        // Patterns were validated when comply.yaml was loaded.
        let _ = builder.add_line(None, pattern);
    }
    builder.build().ok()
}

/// Whether an absolute path falls under an `exclude` pattern. Paths outside
/// the patterns' folder are never excluded (and must not reach the matcher,
/// which requires paths under its root).
fn is_excluded(excludes: &Gitignore, path: &Path, is_dir: bool) -> bool {
    path.starts_with(excludes.path())
        && excludes
            .matched_path_or_any_parents(path, is_dir)
            .is_ignore()
}

fn walk_dir(
    root: &Path,
    cwd: &Path,
    options: &WalkOptions,
    excludes: Option<Gitignore>,
    found: &mut BTreeMap<String, Box<Path>>,
    skipped: &Arc<Mutex<Vec<Skip>>>,
    warnings: &mut Vec<String>,
) {
    let filter_skips = Arc::clone(skipped);
    let filter_cwd = cwd.to_path_buf();
    let mut builder = WalkBuilder::new(root);
    builder
        .hidden(false)
        .parents(true)
        .ignore(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .add_custom_ignore_filename(".complyignore")
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            let name = entry.file_name().to_string_lossy();
            let reason = if entry.depth() > 0 && is_dir && EXCLUDED_DIRS.contains(&name.as_ref()) {
                Some(SkipReason::ExcludedDirectory)
            } else if excludes
                .as_ref()
                .is_some_and(|ex| is_excluded(ex, &absolute(&filter_cwd, entry.path()), is_dir))
            {
                Some(SkipReason::ExcludedByConfig)
            } else {
                None
            };
            if let Some(reason) = reason {
                let path = display_path(entry.path(), &filter_cwd);
                let path = if is_dir { format!("{path}/") } else { path };
                filter_skips
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(Skip { path, reason });
                return false;
            }
            true
        });
    if options.threads > 1 {
        // Entries arrive in no fixed order; `found` is a sorted map and the
        // caller sorts the skips and warnings, so the result is the same.
        let entries = Mutex::new(Vec::new());
        builder.threads(options.threads).build_parallel().run(|| {
            Box::new(|entry| {
                // Read the size here, in parallel: it is a `statx` per file.
                let size = match &entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        e.metadata().map(|m| m.len()).unwrap_or(0)
                    }
                    _ => 0,
                };
                entries
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((entry, size));
                ignore::WalkState::Continue
            })
        });
        let entries = entries.into_inner().unwrap_or_else(|e| e.into_inner());
        for (entry, size) in entries {
            take_entry(entry, Some(size), cwd, options, found, skipped, warnings);
        }
    } else {
        for entry in builder.build() {
            take_entry(entry, None, cwd, options, found, skipped, warnings);
        }
    }
}

/// Files one walked entry into `found`, `skipped` or `warnings`; `size` is
/// the file's, when the walker read it already.
fn take_entry(
    entry: Result<ignore::DirEntry, ignore::Error>,
    size: Option<u64>,
    cwd: &Path,
    options: &WalkOptions,
    found: &mut BTreeMap<String, Box<Path>>,
    skipped: &Arc<Mutex<Vec<Skip>>>,
    warnings: &mut Vec<String>,
) {
    match entry {
        Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
            let size = size.unwrap_or_else(|| entry.metadata().map(|m| m.len()).unwrap_or(0));
            let display = display_path(entry.path(), cwd);
            let path = under_cwd(entry.path(), cwd);
            classify(path, display, size, options, found, skipped, false);
        }
        // A FIFO, socket or device: reading it could block or never end,
        // so it is not read, and the report says so.
        Ok(entry) if entry.file_type().is_some_and(is_special) => {
            let path = display_path(entry.path(), cwd);
            warnings.push(format!(
                "{path}: not a regular file (a FIFO, socket or device); not read"
            ));
            skipped
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(Skip {
                    path,
                    reason: SkipReason::Unreadable,
                });
        }
        Ok(_) => {}
        Err(err) => {
            warnings.push(clean_walk_error(&err, cwd));
            if let Some(path) = error_path(&err) {
                skipped
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(Skip {
                        path: display_path(&path, cwd),
                        reason: SkipReason::Unreadable,
                    });
            }
        }
    }
}

/// Neither a file, a directory nor a symbolic link (which are not followed).
fn is_special(kind: std::fs::FileType) -> bool {
    !kind.is_file() && !kind.is_dir() && !kind.is_symlink()
}

fn classify(
    path: &Path,
    display: String,
    size: u64,
    options: &WalkOptions,
    found: &mut BTreeMap<String, Box<Path>>,
    skipped: &Arc<Mutex<Vec<Skip>>>,
    explicit: bool,
) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let reason = if explicit {
        None
    } else {
        name_skip_reason(&name)
    }
    .or_else(|| (size > options.max_file_size).then_some(SkipReason::TooLarge));
    match reason {
        Some(reason) => skipped
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Skip {
                path: display,
                reason,
            }),
        None => {
            found.entry(display.clone()).or_insert_with(|| path.into());
        }
    }
}

/// A path under the working directory as a relative path, which opens the
/// same file (comply never changes directory) and is, as a rule, the
/// display path itself, so the candidate stores one string.
fn under_cwd<'p>(path: &'p Path, cwd: &Path) -> &'p Path {
    path.strip_prefix(cwd)
        .or_else(|_| path.strip_prefix("."))
        .unwrap_or(path)
}

/// Why a file found by walking (not named explicitly) is skipped for its
/// name alone: a lock file or a minified bundle.
pub fn name_skip_reason(name: &str) -> Option<SkipReason> {
    if LOCK_FILES.contains(&name) {
        Some(SkipReason::LockFile)
    } else if is_minified_name(name) {
        Some(SkipReason::Minified)
    } else {
        None
    }
}

/// `app.min.js`, `styles.min.css`, `vendor-min.js`, and source maps.
fn is_minified_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".map")
        || [".min.js", ".min.mjs", ".min.cjs", ".min.css", "-min.js"]
            .iter()
            .any(|suffix| lower.ends_with(suffix))
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn clean_walk_error(err: &ignore::Error, cwd: &Path) -> String {
    match error_path(err) {
        Some(path) => format!("{}: {}", display_path(&path, cwd), innermost(err)),
        None => err.to_string(),
    }
}

fn innermost(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => innermost(err),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parallel_walk_finds_what_a_serial_one_finds() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let walk = |threads: usize| {
            let options = WalkOptions {
                threads,
                exclude: vec!["fixtures/".to_string()],
                exclude_base: root.clone(),
                ..WalkOptions::default()
            };
            let found = discover(&[root.join("corpus"), root.join("tests")], &options).unwrap();
            let files: Vec<(String, PathBuf)> = found
                .files
                .iter()
                .map(|c| (c.display.to_string(), c.path.to_path_buf()))
                .collect();
            (files, found.skipped, found.warnings)
        };
        let serial = walk(1);
        assert!(serial.0.len() > 100, "{}", serial.0.len());
        assert!(!serial.1.is_empty(), "`fixtures/` folders are excluded");
        for threads in [2, 4] {
            assert_eq!(walk(threads), serial, "{threads} threads");
        }
    }

    #[test]
    fn excludes_match_under_their_folder_and_ignore_paths_outside_it() {
        let cwd = Path::new("/repo");
        let excludes =
            build_excludes(&absolute(cwd, Path::new(".")), &["generated/".to_string()]).unwrap();
        let inside = absolute(cwd, Path::new("./src/../generated/api.ts"));
        assert_eq!(inside, Path::new("/repo/generated/api.ts"));
        assert!(is_excluded(&excludes, &inside, false));
        assert!(!is_excluded(
            &excludes,
            &absolute(cwd, Path::new("src/api.ts")),
            false
        ));
        assert!(!is_excluded(
            &excludes,
            Path::new("/elsewhere/generated/x.ts"),
            false
        ));
    }

    #[test]
    fn minified_and_map_files_are_recognised() {
        assert!(is_minified_name("app.min.js"));
        assert!(is_minified_name("bundle.js.map"));
        assert!(!is_minified_name("admin.js"));
    }
}
