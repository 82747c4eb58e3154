//! How paths are written: as users see them in reports (relative to the
//! working directory, `/`-separated), as given on the command line, and made
//! absolute without touching the file system. Pure functions over path text;
//! this module reads no file.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute against `cwd`, with `.` and `..` resolved lexically
/// (symlinks are not followed, as in the walk itself).
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The path as users see it: relative to the working directory when under
/// it, otherwise as given, with `/` separators and no leading `./`.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let relative = if path.is_absolute() {
        path.strip_prefix(cwd).unwrap_or(path)
    } else {
        path
    };
    let mut parts: Vec<String> = Vec::new();
    for component in relative.components() {
        match component {
            Component::CurDir => {}
            Component::RootDir => parts.push(String::new()),
            Component::Prefix(p) => parts.push(p.as_os_str().to_string_lossy().into_owned()),
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    let joined = parts.join("/");
    if joined.is_empty() {
        ".".to_string()
    } else {
        joined
    }
}

/// A path as given on the command line, written the way reports write
/// paths: `/`-separated, without `./` or a trailing `/`, and `.` for the
/// working directory. The evidence bundle and shard reports record the
/// scanned paths this way, so a sharded run and a whole one name them alike.
pub fn given_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let text = text.trim_end_matches('/');
    let text = text.strip_prefix("./").unwrap_or(text);
    if text.is_empty() {
        ".".to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_are_relative_and_slash_separated() {
        let cwd = Path::new("/repo");
        assert_eq!(display_path(Path::new("/repo/src/a.js"), cwd), "src/a.js");
        assert_eq!(display_path(Path::new("./src/a.js"), cwd), "src/a.js");
        assert_eq!(
            display_path(Path::new("/elsewhere/b.rs"), cwd),
            "/elsewhere/b.rs"
        );
    }

    #[test]
    fn given_paths_are_written_like_reported_ones() {
        assert_eq!(given_path(Path::new(".")), ".");
        assert_eq!(given_path(Path::new("./")), ".");
        assert_eq!(given_path(Path::new("./src/")), "src");
        assert_eq!(given_path(Path::new("corpus")), "corpus");
    }
}
