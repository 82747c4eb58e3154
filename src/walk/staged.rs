//! Discovery for `--staged`: which files staged in git are in scope, and
//! their content as the index holds it (what the next commit records, not
//! the work tree).
//!
//! Scope decisions are `ListedScope`'s, so staged files get the skips walked
//! files get; git access is `git`'s. This module decides nothing about rules
//! and analyses nothing.

use std::path::PathBuf;

use super::{absolute, display_path, Buffer, ListedScope, Scope, Skip, SkipReason, WalkOptions};
use crate::error::Error;
use crate::git::{Blob, Repository};

/// What `--staged` discovery found.
#[derive(Debug, Default)]
pub struct StagedDiscovery {
    /// The staged content of every file in scope.
    pub buffers: Vec<Buffer>,
    /// Staged files not scanned, with reasons (deleted files, symbolic links
    /// and submodules have no content and are not listed at all).
    pub skipped: Vec<Skip>,
}

/// The staged files of the work tree around the working directory, limited
/// to those under `limits` when any are given, read from the index.
pub fn discover_staged(
    limits: &[PathBuf],
    options: &WalkOptions,
) -> Result<StagedDiscovery, Error> {
    let cwd = std::env::current_dir().map_err(|source| Error::Io {
        path: ".".into(),
        source,
    })?;
    let repo = Repository::discover(&cwd)?;
    let mut scope = ListedScope::new(repo.top_level(), &cwd, options);
    let limits: Vec<PathBuf> = limits.iter().map(|p| absolute(&cwd, p)).collect();
    let mut found = StagedDiscovery::default();
    let mut wanted = Vec::new();
    for file in repo.staged_files()? {
        let path = repo.top_level().join(&file.path);
        if !limits.is_empty() && !limits.iter().any(|limit| path.starts_with(limit)) {
            continue;
        }
        match scope.decide(&path) {
            Scope::Scan => wanted.push((path, file.blob)),
            Scope::Skipped(skip) => found.skipped.push(skip),
            Scope::Ignored => {}
        }
    }
    let ids: Vec<&str> = wanted.iter().map(|(_, id)| id.as_str()).collect();
    let blobs = repo.read_blobs(&ids, options.max_file_size)?;
    for ((path, _), blob) in wanted.into_iter().zip(blobs) {
        let display = display_path(&path, &cwd);
        let reason = match blob {
            Blob::Content(bytes) => {
                found.buffers.push(Buffer {
                    display,
                    path,
                    bytes,
                });
                continue;
            }
            Blob::TooLarge(_) => SkipReason::TooLarge,
            Blob::Missing => SkipReason::Unreadable,
        };
        found.skipped.push(Skip {
            path: display,
            reason,
        });
    }
    Ok(found)
}
