//! `--diff-base REV`: which lines changed since a revision, so a pull-request
//! scan of a large legacy repository reports only what the change touched.
//!
//! "Changed" is what `git diff $(git merge-base REV HEAD)` shows: the
//! merge-base of REV and `HEAD` compared with the working tree (committed,
//! staged and unstaged edits alike), plus untracked files that are not
//! ignored. The merge-base, not REV itself, is the base so that commits
//! added to REV after the branch was cut are not counted as changes (the
//! three-dot diff a pull request shows). Added files count entirely; a file
//! renamed without edits has no changed line; a renamed and edited file
//! counts its edited lines under its new name.
//!
//! The whole tree is still scanned (rules may look across files); only the
//! findings and file problems are filtered afterwards.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::git::Repository;
use crate::scan::ScanOutcome;

/// The lines that changed in one file (new side), or the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    /// Added or untracked: every line counts.
    Whole,
    /// Inclusive 1-based line ranges.
    Lines(Vec<(usize, usize)>),
}

/// Every changed file since the base, by path relative to the top level.
#[derive(Debug, Clone)]
pub struct ChangedLines {
    top_level: PathBuf,
    files: BTreeMap<PathBuf, FileChange>,
}

impl ChangedLines {
    /// Whether any line of `first..=last` in the file at `path` (relative
    /// to the top level) changed.
    pub fn touches(&self, path: &Path, first: usize, last: usize) -> bool {
        match self.files.get(path) {
            None => false,
            Some(FileChange::Whole) => true,
            Some(FileChange::Lines(ranges)) => ranges
                .iter()
                .any(|&(a, b)| a <= last.max(first) && first <= b),
        }
    }

    /// Whether the file at `path` (relative to the top level) changed at all.
    pub fn has_file(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    /// The changes per file.
    pub fn files(&self) -> &BTreeMap<PathBuf, FileChange> {
        &self.files
    }

    /// A display path of the scan (relative to `cwd`, or absolute) as a
    /// path relative to the top level, when it is inside the work tree.
    fn repo_path(&self, display: &str, cwd: &Path) -> Option<PathBuf> {
        let joined = crate::walk::absolute(cwd, Path::new(display));
        let real = std::fs::canonicalize(&joined).unwrap_or(joined);
        real.strip_prefix(&self.top_level)
            .ok()
            .map(Path::to_path_buf)
    }
}

/// The lines changed between the merge-base of `rev` and `HEAD` and the
/// working tree of the repository holding `cwd`.
pub fn changed_since(cwd: &Path, rev: &str) -> Result<ChangedLines, Error> {
    let repo = Repository::discover(cwd)?;
    let unknown = || Error::Git {
        message: format!("--diff-base: `{rev}` is not a commit in this repository"),
        help: Some(
            "give a branch, tag or commit; in CI fetch it first (for example \
             `git fetch origin main` and `--diff-base origin/main`, with enough history)"
                .into(),
        ),
    };
    if rev.starts_with('-') {
        return Err(unknown());
    }
    let verify = format!("{rev}^{{commit}}");
    repo.read(&["rev-parse", "--verify", "--quiet", &verify])
        .map_err(|_| unknown())?;
    let base = repo
        .read(&["merge-base", rev, "HEAD"])
        .map_err(|_| Error::Git {
            message: format!("--diff-base: `{rev}` and HEAD have no common ancestor"),
            help: Some("in a shallow clone, fetch more history (`fetch-depth: 0`)".into()),
        })?;
    let base = String::from_utf8_lossy(&base).trim().to_string();
    let patch = repo.read(&[
        "-c",
        "core.quotePath=false",
        "diff",
        "-U0",
        "-M",
        "--no-color",
        "--no-ext-diff",
        "--no-relative",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        &base,
        "--",
    ])?;
    let mut files = parse_patch(&patch);
    let untracked = repo.read(&["ls-files", "--others", "--exclude-standard", "-z"])?;
    for path in untracked.split(|&b| b == 0).filter(|p| !p.is_empty()) {
        files.insert(
            PathBuf::from(String::from_utf8_lossy(path).into_owned()),
            FileChange::Whole,
        );
    }
    let top_level =
        std::fs::canonicalize(repo.top_level()).unwrap_or_else(|_| repo.top_level().to_path_buf());
    Ok(ChangedLines { top_level, files })
}

/// Keeps the findings that touch a changed line and the problems of changed
/// files; everything else (counts of files scanned and skipped) stays.
pub fn retain_changed(outcome: &mut ScanOutcome, changed: &ChangedLines, cwd: &Path) {
    let cwd = std::fs::canonicalize(cwd).unwrap_or_else(|_| cwd.to_path_buf());
    let mut paths: BTreeMap<String, Option<PathBuf>> = BTreeMap::new();
    let mut repo_path = |display: &str| {
        paths
            .entry(display.to_string())
            .or_insert_with(|| changed.repo_path(display, &cwd))
            .clone()
    };
    outcome
        .findings
        .retain(|f| repo_path(&f.path).is_some_and(|p| changed.touches(&p, f.line, f.end_line)));
    outcome
        .problems
        .retain(|p| repo_path(&p.path).is_some_and(|p| changed.has_file(&p)));
}

/// Parses `git diff -U0` output into new-side line ranges per file (paths
/// relative to the top level). Hunk bodies are skipped by their line
/// counts, so a changed line that itself reads `+++ b/x` is never taken for
/// a header.
fn parse_patch(patch: &[u8]) -> BTreeMap<PathBuf, FileChange> {
    let mut files: BTreeMap<PathBuf, FileChange> = BTreeMap::new();
    let mut current: Option<PathBuf> = None;
    let mut added = false;
    let (mut old_left, mut new_left) = (0usize, 0usize);
    for line in patch.split(|&b| b == b'\n') {
        if old_left > 0 || new_left > 0 {
            match line.first() {
                Some(b'-') => old_left = old_left.saturating_sub(1),
                Some(b'+') => new_left = new_left.saturating_sub(1),
                _ => {}
            }
            continue;
        }
        if line.starts_with(b"diff --git ") {
            current = None;
            added = false;
        } else if line == b"--- /dev/null" {
            added = true;
        } else if let Some(name) = line.strip_prefix(b"+++ ") {
            current = header_path(name);
            if let Some(path) = &current {
                let change = if added {
                    FileChange::Whole
                } else {
                    FileChange::Lines(Vec::new())
                };
                files.insert(path.clone(), change);
            }
        } else if line.starts_with(b"@@ ") {
            let Some((old, new)) = hunk_counts(line) else {
                continue;
            };
            old_left = old.1;
            new_left = new.1;
            if let (Some(path), true) = (&current, new.1 > 0) {
                if let Some(FileChange::Lines(ranges)) = files.get_mut(path) {
                    ranges.push((new.0, new.0 + new.1 - 1));
                }
            }
        }
    }
    files
}

/// `-a,b +c,d` of a hunk header as ((a, b), (c, d)); a missing count is 1.
fn hunk_counts(line: &[u8]) -> Option<((usize, usize), (usize, usize))> {
    let text = std::str::from_utf8(line).ok()?;
    let mut parts = text.split(' ').skip(1);
    let range = |part: &str, sign: char| -> Option<(usize, usize)> {
        let body = part.strip_prefix(sign)?;
        match body.split_once(',') {
            Some((start, count)) => Some((start.parse().ok()?, count.parse().ok()?)),
            None => Some((body.parse().ok()?, 1)),
        }
    };
    let old = range(parts.next()?, '-')?;
    let new = range(parts.next()?, '+')?;
    Some((old, new))
}

/// The path of a `+++` header: `b/path`, or a C-quoted `"b/pa\tth"`;
/// `None` for `/dev/null` (a deleted file).
fn header_path(name: &[u8]) -> Option<PathBuf> {
    let bytes = if name.first() == Some(&b'"') {
        unquote(name)?
    } else {
        name.to_vec()
    };
    let rest = bytes.strip_prefix(b"b/")?;
    Some(PathBuf::from(String::from_utf8_lossy(rest).into_owned()))
}

/// Undoes git's C-style quoting of a path (`\t`, `\"`, `\\`, octal bytes).
fn unquote(quoted: &[u8]) -> Option<Vec<u8>> {
    let inner = quoted.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    let mut out = Vec::with_capacity(inner.len());
    let mut bytes = inner.iter().copied();
    while let Some(b) = bytes.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let escaped = bytes.next()?;
        out.push(match escaped {
            b'a' => 7,
            b'b' => 8,
            b't' => b'\t',
            b'n' => b'\n',
            b'v' => 11,
            b'f' => 12,
            b'r' => b'\r',
            b'0'..=b'7' => {
                let digits = [escaped, bytes.next()?, bytes.next()?];
                let text = std::str::from_utf8(&digits).ok()?;
                u8::from_str_radix(text, 8).ok()?
            }
            other => other,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_new_side_ranges_and_deletions_give_none() {
        let patch = b"diff --git a/src/app.js b/src/app.js\n\
index 1..2 100644\n\
--- a/src/app.js\n\
+++ b/src/app.js\n\
@@ -3 +3 @@ const a = 1;\n\
-old\n\
+new\n\
@@ -10,2 +9,0 @@\n\
-gone\n\
-gone too\n\
@@ -20,0 +20,3 @@\n\
+++ b/looks/like/a/header\n\
+--- /dev/null\n\
+x\n\
diff --git a/new.ts b/new.ts\n\
new file mode 100644\n\
--- /dev/null\n\
+++ b/new.ts\n\
@@ -0,0 +1,2 @@\n\
+a\n\
+b\n";
        let files = parse_patch(patch);
        assert_eq!(
            files.get(Path::new("src/app.js")),
            Some(&FileChange::Lines(vec![(3, 3), (20, 22)]))
        );
        assert_eq!(files.get(Path::new("new.ts")), Some(&FileChange::Whole));
        assert_eq!(files.len(), 2);
    }

    #[test]
    fn quoted_and_deleted_paths() {
        assert_eq!(
            header_path(br#""b/dir/tab\there \"q\" \303\251.js""#),
            Some(PathBuf::from("dir/tab\there \"q\" \u{e9}.js"))
        );
        assert_eq!(header_path(b"/dev/null"), None);
    }

    #[test]
    fn a_finding_touches_a_range_when_any_of_its_lines_does() {
        let mut files = BTreeMap::new();
        files.insert(PathBuf::from("a.js"), FileChange::Lines(vec![(5, 7)]));
        files.insert(PathBuf::from("b.js"), FileChange::Whole);
        let changed = ChangedLines {
            top_level: PathBuf::from("/repo"),
            files,
        };
        assert!(changed.touches(Path::new("a.js"), 7, 9));
        assert!(changed.touches(Path::new("a.js"), 3, 5));
        assert!(!changed.touches(Path::new("a.js"), 8, 9));
        assert!(!changed.touches(Path::new("a.js"), 1, 4));
        assert!(changed.touches(Path::new("b.js"), 100, 100));
        assert!(!changed.touches(Path::new("c.js"), 1, 1));
    }
}
