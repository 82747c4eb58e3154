//! The revision a bundle speaks of: commit, branch, and whether the work
//! tree differed from it. Read with the `git` executable; outside a work
//! tree (or without git) every field is absent rather than an error, since
//! a bundle can still describe a plain folder.

use std::path::Path;
use std::process::Command;

use serde::Serialize;

/// What git says about the scanned tree.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GitInfo {
    /// `HEAD`'s commit id, if any.
    pub commit: Option<String>,
    /// The checked-out branch (`None` when detached or outside git).
    pub branch: Option<String>,
    /// Whether tracked or untracked files (outside the bundle's own folder)
    /// differ from `HEAD`.
    pub dirty: Option<bool>,
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    output.status.success().then(|| {
        String::from_utf8_lossy(&output.stdout)
            .trim_end()
            .to_string()
    })
}

/// Reads the commit, branch and dirty state of the work tree holding `dir`;
/// changes under `ignore` (the bundle's folders) do not count as dirty.
pub fn read(dir: &Path, ignore: &[&Path]) -> GitInfo {
    let Some(top) = git(dir, &["rev-parse", "--show-toplevel"]) else {
        return GitInfo::default();
    };
    let top = Path::new(&top);
    let commit = git(top, &["rev-parse", "--verify", "-q", "HEAD"]);
    let branch = git(top, &["symbolic-ref", "-q", "--short", "HEAD"]);
    let ignored: Vec<String> = ignore
        .iter()
        .filter_map(|p| {
            std::fs::canonicalize(p)
                .ok()
                .or_else(|| std::path::absolute(p).ok())
        })
        .filter_map(|p| {
            let top = std::fs::canonicalize(top).ok()?;
            p.strip_prefix(&top)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    let dirty = git(top, &["status", "--porcelain", "-z"]).map(|status| {
        status
            .split('\0')
            .filter(|entry| entry.len() > 3)
            .map(|entry| entry[3..].trim_end_matches('/'))
            .any(|path| {
                !ignored.iter().any(|i| {
                    !i.is_empty()
                        && (path == i
                            || path.starts_with(&format!("{i}/"))
                            || i.starts_with(&format!("{path}/")))
                })
            })
    });
    GitInfo {
        commit,
        branch,
        dirty,
    }
}
