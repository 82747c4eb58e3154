//! Scope for files named by a list instead of found by walking (the paths
//! staged in git's index, or files named on the command line with
//! `--force-exclude`), with the skips discovery applies to walked files:
//! ignore files, default-excluded directories, comply.yaml `exclude`, lock
//! files and minified bundles. The size cap and the binary check need the
//! content, so they are decided where the content is read.
//!
//! `.complyignore` and `.ignore` apply, read from the root down to the file's
//! folder; `.gitignore` and `.git/info/exclude` do not: they say which files
//! git leaves untracked, and a staged file is committed whatever they say
//! (pre-commit's file list is such a list too).
//! This module reads ignore files; it never reads the listed files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::Match;

use super::{
    absolute, build_excludes, display_path, is_excluded, name_skip_reason, Skip, SkipReason,
    WalkOptions, EXCLUDED_DIRS,
};

/// Ignore files honoured for listed files, highest precedence first (the
/// walker ranks `.complyignore`, a custom ignore file, above `.ignore`).
const IGNORE_FILES: [&str; 2] = [".complyignore", ".ignore"];

/// What becomes of one listed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// In scope: read and analyse it.
    Scan,
    /// Out of scope for a reason that is counted.
    Skipped(Skip),
    /// Hidden by an ignore file: out of scope by the project's own
    /// declaration and not counted, as when walking.
    Ignored,
}

/// Decides, file by file, which listed files under one root are scanned.
#[derive(Debug)]
pub struct ListedScope {
    root: PathBuf,
    cwd: PathBuf,
    excludes: Option<Gitignore>,
    /// The ignore files of each folder met so far, in `IGNORE_FILES` order.
    ignores: HashMap<PathBuf, [Option<Gitignore>; 2]>,
}

impl ListedScope {
    /// A scope for files under `root` (absolute), shown relative to `cwd`.
    pub fn new(root: &Path, cwd: &Path, options: &WalkOptions) -> ListedScope {
        ListedScope {
            root: root.to_path_buf(),
            cwd: cwd.to_path_buf(),
            excludes: build_excludes(&absolute(cwd, &options.exclude_base), &options.exclude),
            ignores: HashMap::new(),
        }
    }

    /// Whether the file at `path` (absolute, under the root) is scanned.
    pub fn decide(&mut self, path: &Path) -> Scope {
        if self.is_ignored(path) {
            return Scope::Ignored;
        }
        let skip = |path: String, reason| Scope::Skipped(Skip { path, reason });
        if let Some(dir) = self.excluded_directory(path) {
            // Counted once per folder, as the walker counts it.
            let shown = format!("{}/", display_path(&dir, &self.cwd));
            return skip(shown, SkipReason::ExcludedDirectory);
        }
        let shown = display_path(path, &self.cwd);
        if self
            .excludes
            .as_ref()
            .is_some_and(|ex| is_excluded(ex, path, false))
        {
            return skip(shown, SkipReason::ExcludedByConfig);
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        match name_skip_reason(&name) {
            Some(reason) => skip(shown, reason),
            None => Scope::Scan,
        }
    }

    /// The outermost default-excluded folder (`node_modules`, `target`, …)
    /// holding the file, below the root (the root itself is never excluded).
    fn excluded_directory(&self, path: &Path) -> Option<PathBuf> {
        let folders = path.strip_prefix(&self.root).ok()?.parent()?;
        let mut dir = self.root.clone();
        for component in folders.components() {
            dir.push(component);
            if EXCLUDED_DIRS.iter().any(|d| component.as_os_str() == *d) {
                return Some(dir);
            }
        }
        None
    }

    /// Whether an ignore file hides `path`. As in the walker, a higher kind
    /// of ignore file outranks a lower one; within a kind the deepest file
    /// with an opinion (ignore or `!` whitelist) decides.
    fn is_ignored(&mut self, path: &Path) -> bool {
        let Some(parent) = path.parent() else {
            return false;
        };
        let folders: Vec<PathBuf> = parent
            .ancestors()
            .take_while(|dir| dir.starts_with(&self.root))
            .map(Path::to_path_buf)
            .collect();
        for kind in 0..IGNORE_FILES.len() {
            for dir in &folders {
                let matchers = self
                    .ignores
                    .entry(dir.clone())
                    .or_insert_with(|| read_ignore_files(dir));
                let Some(matcher) = &matchers[kind] else {
                    continue;
                };
                match matcher.matched_path_or_any_parents(path, false) {
                    Match::Ignore(_) => return true,
                    Match::Whitelist(_) => return false,
                    Match::None => {}
                }
            }
        }
        false
    }
}

/// The ignore files of one folder, in `IGNORE_FILES` order. A line that is
/// not a valid pattern is left out, as the walker leaves it out.
fn read_ignore_files(dir: &Path) -> [Option<Gitignore>; 2] {
    IGNORE_FILES.map(|name| {
        let file = dir.join(name);
        if !file.is_file() {
            return None;
        }
        let mut builder = GitignoreBuilder::new(dir);
        let _partial_error = builder.add(&file);
        builder.build().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_files_get_the_walkers_skips() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::write(root.join(".complyignore"), "fixtures/\n").expect("write");
        std::fs::create_dir_all(root.join("src/gen")).expect("mkdir");
        std::fs::write(root.join("src/.ignore"), "gen/\n!gen/keep.js\n").expect("write");
        let options = WalkOptions {
            exclude: vec!["docs/".to_string()],
            exclude_base: root.to_path_buf(),
            ..WalkOptions::default()
        };
        let mut scope = ListedScope::new(root, root, &options);
        let mut decide = |p: &str| scope.decide(&root.join(p));
        let skipped = |path: &str, reason| {
            Scope::Skipped(Skip {
                path: path.to_string(),
                reason,
            })
        };
        assert_eq!(decide("src/app.js"), Scope::Scan);
        assert_eq!(decide("fixtures/keys.js"), Scope::Ignored);
        assert_eq!(decide("src/gen/api.js"), Scope::Ignored);
        assert_eq!(decide("src/gen/keep.js"), Scope::Scan);
        assert_eq!(decide(".gitignore"), Scope::Scan);
        assert_eq!(
            decide("web/node_modules/pkg/index.js"),
            skipped("web/node_modules/", SkipReason::ExcludedDirectory)
        );
        assert_eq!(
            decide("docs/setup.md"),
            skipped("docs/setup.md", SkipReason::ExcludedByConfig)
        );
        assert_eq!(
            decide("web/package-lock.json"),
            skipped("web/package-lock.json", SkipReason::LockFile)
        );
        assert_eq!(
            decide("public/app.min.js"),
            skipped("public/app.min.js", SkipReason::Minified)
        );
    }
}
