//! File-path patterns with gitignore semantics, as CODEOWNERS and the
//! `path` of risk acceptances use them: `*.js` anywhere, `/build/` anchored
//! at the root, `docs/` a folder and everything under it, `**` any depth.
//!
//! Each pattern is compiled on its own, so callers can tell which one of a
//! list matched (CODEOWNERS: the last one wins).

use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// One compiled pattern.
#[derive(Debug, Clone)]
pub struct FileGlob {
    matcher: Gitignore,
}

impl FileGlob {
    /// Compiles a pattern; the error says why it is invalid.
    pub fn new(pattern: &str) -> Result<FileGlob, String> {
        let mut builder = GitignoreBuilder::new("");
        builder.add_line(None, pattern).map_err(|e| e.to_string())?;
        let matcher = builder.build().map_err(|e| e.to_string())?;
        Ok(FileGlob { matcher })
    }

    /// Whether a `/`-separated path relative to the root matches, itself or
    /// through one of its folders.
    pub fn matches(&self, path: &str) -> bool {
        let path = path.trim_start_matches("./");
        self.matcher
            .matched_path_or_any_parents(path, false)
            .is_ignore()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gitignore_semantics() {
        let m = |p: &str, path: &str| FileGlob::new(p).unwrap().matches(path);
        assert!(m("*.js", "src/deep/app.js"));
        assert!(m("/src/", "src/app.js"));
        assert!(!m("/src/", "lib/src/app.js"));
        assert!(m("docs/", "docs/a/b.md"));
        assert!(m("scripts/**", "scripts/seed.js"));
        assert!(m("**/config/*.yaml", "deploy/config/app.yaml"));
        assert!(!m("src/*.js", "src/a/b.js"));
    }
}
