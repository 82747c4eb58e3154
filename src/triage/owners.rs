//! Finding owners from `CODEOWNERS`, as GitHub reads it: the first of
//! `.github/CODEOWNERS`, `CODEOWNERS`, `docs/CODEOWNERS`; gitignore-style
//! patterns; the last matching line wins; a matching line with no owners
//! leaves the path unowned.

use std::path::{Path, PathBuf};

use super::pathglob::FileGlob;

/// Where GitHub looks for the file, in its order.
pub const LOCATIONS: [&str; 3] = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

/// The owner recorded when neither CODEOWNERS nor the configuration names one.
pub const UNASSIGNED: &str = "unassigned";

#[derive(Debug, Clone)]
struct Line {
    glob: FileGlob,
    owners: Vec<String>,
}

/// The ownership rules of a repository.
#[derive(Debug, Clone, Default)]
pub struct Owners {
    /// The CODEOWNERS file used, relative to the root.
    pub source: Option<String>,
    lines: Vec<Line>,
    /// The working directory relative to the root, prefixed to reported paths.
    prefix: PathBuf,
    default_owner: Option<String>,
}

impl Owners {
    /// Reads the CODEOWNERS of `root`; `cwd` is where reported paths are
    /// relative to; `default_owner` covers paths no line owns.
    pub fn load(root: &Path, cwd: &Path, default_owner: Option<String>) -> Owners {
        let prefix = cwd
            .strip_prefix(root)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for location in LOCATIONS {
            if let Ok(text) = std::fs::read_to_string(root.join(location)) {
                return Owners {
                    source: Some(location.to_string()),
                    lines: parse(&text),
                    prefix,
                    default_owner,
                };
            }
        }
        Owners {
            prefix,
            default_owner,
            ..Owners::default()
        }
    }

    /// Rules from CODEOWNERS text (for tests and callers with the text).
    pub fn from_text(text: &str, default_owner: Option<String>) -> Owners {
        Owners {
            source: Some("CODEOWNERS".into()),
            lines: parse(text),
            prefix: PathBuf::new(),
            default_owner,
        }
    }

    /// The owners of a reported path, space-separated: CODEOWNERS' last
    /// matching line, else the default owner, else `unassigned`.
    pub fn owner_of(&self, path: &str) -> String {
        let full = self.prefix.join(path);
        let full = full.to_string_lossy().replace('\\', "/");
        let from_file = self
            .lines
            .iter()
            .rev()
            .find(|line| line.glob.matches(&full))
            .map(|line| line.owners.join(" "))
            .filter(|o| !o.is_empty());
        from_file
            .or_else(|| self.default_owner.clone())
            .unwrap_or_else(|| UNASSIGNED.to_string())
    }
}

fn parse(text: &str) -> Vec<Line> {
    text.lines()
        .filter_map(|line| {
            let line = line.split(" #").next().unwrap_or("").trim();
            if line.is_empty() || line.starts_with('#') {
                return None;
            }
            let mut words = line.split_whitespace();
            let pattern = words.next()?;
            let glob = FileGlob::new(pattern).ok()?;
            Some(Line {
                glob,
                owners: words.map(str::to_string).collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_matching_line_wins() {
        let owners = Owners::from_text(
            "# owners\n* @org/everyone\n/src/ @org/backend\n*.ts @org/frontend\n/src/auth/ @org/security\n/src/auth/legacy/\n",
            Some("@org/fallback".into()),
        );
        assert_eq!(owners.owner_of("README.md"), "@org/everyone");
        assert_eq!(owners.owner_of("src/db.rs"), "@org/backend");
        assert_eq!(owners.owner_of("src/web/app.ts"), "@org/frontend");
        assert_eq!(owners.owner_of("src/auth/login.ts"), "@org/security");
        assert_eq!(owners.owner_of("src/auth/legacy/old.ts"), "@org/fallback");
        let none = Owners::from_text("", None);
        assert_eq!(none.owner_of("a.js"), UNASSIGNED);
    }
}
