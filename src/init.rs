//! `comply init`: a commented starter `comply.yaml` for a project, plus the
//! snippet that runs comply from pre-commit. The starter is exactly what the
//! configuration loader accepts (a test loads it), with the optional keys
//! shown commented out at their defaults.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The starter configuration `comply init` writes.
pub const STARTER_CONFIG: &str = r#"# comply.yaml: how comply scans this project. Every key is optional, and
# unknown keys are errors (a typo is reported, never silently ignored).
# Command-line flags win over this file.

# Paths left out of scans, gitignore-style, relative to this file.
# (.gitignore, .ignore and .complyignore are honoured as well.)
exclude:
  - "**/*.generated.ts"
  # - docs/

# Extra rule packs: files, or folders of *.yaml, relative to this file.
# rules: [security/our-rules.yaml]

# false: run only your own packs, not the built-in ones.
builtin_rules: true

# Policy thresholds: any parameter of comply's rules/policy.yaml.
# policy:
#   bcrypt_min_cost: 12

# Files larger than this many bytes are skipped (and counted).
# max_file_size: 2097152

# Exit with status 1 when an open finding is at or above this severity:
# critical, high, medium, low, info, or none (never). --fail-on overrides it.
fail_on: low

# Rules turned off for this project (ids from `comply rules`).
# --select and --ignore on the command line win over this list.
disable: []
#  - cookies/httponly-disabled

# Recorded risk changes for one rule (likelihood and impact, 1 to 3;
# test_likelihood: the most its findings keep in test files).
# overrides:
#   hashing/bcrypt-low-cost: { likelihood: 1, impact: 3 }
#   secrets/private-key: { test_likelihood: 3 }

# Findings in test files (tests/, __tests__/, fixtures/, *.test.*, ...) are
# scored with likelihood 1, so their severity is lower; they are still
# reported, marked `context: test`. enabled: false keeps full severity.
# test_files:
#   enabled: true
#   extend_paths: ["e2e/**"]     # added to the defaults (paths: replaces them)
#   likelihood: 1
"#;

/// The `.pre-commit-config.yaml` entry `comply init` prints.
pub const PRE_COMMIT_SNIPPET: &str = r#"repos:
  - repo: https://example.invalid/comply.git   # comply's repository URL
    rev: v0.1.0                                 # a tag or commit of it
    hooks:
      - id: comply
"#;

/// Writes the starter configuration to `path`; refuses to replace an
/// existing file (or, for the default name, an existing `.comply.yaml`,
/// which the new file would silently shadow) unless `force`.
pub fn write_starter(path: &Path, force: bool) -> Result<(), Error> {
    let hidden = path.with_file_name(".comply.yaml");
    let shadows = path.file_name().is_some_and(|n| n == "comply.yaml") && hidden.is_file();
    let existing: Option<PathBuf> = if path.exists() {
        Some(path.to_path_buf())
    } else if shadows {
        Some(hidden)
    } else {
        None
    };
    if let (Some(existing), false) = (existing, force) {
        return Err(Error::Usage(format!(
            "{} already exists; keep it, or pass --force to replace it with the starter",
            existing.display()
        )));
    }
    std::fs::write(path, STARTER_CONFIG).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// What `comply init` says once the file is written: where it is, and how
/// to run comply before each commit.
pub fn render_done(shown: &str, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "wrote {shown}: edit it, then run `comply scan`.")?;
    writeln!(out)?;
    writeln!(
        out,
        "To scan before each commit with the pre-commit framework, add to .pre-commit-config.yaml:"
    )?;
    writeln!(out)?;
    write!(out, "{PRE_COMMIT_SNIPPET}")?;
    writeln!(out)?;
    writeln!(out, "or, without the framework: comply hook install")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_loads_with_the_real_loader_and_engine() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("comply.yaml");
        write_starter(&path, false).unwrap();
        let config = crate::config::load(&path).expect("the starter is a valid comply.yaml");
        assert_eq!(config.exclude, ["**/*.generated.ts"]);
        assert!(config.builtin_rules);
        let engine = crate::engine::load_engine(&crate::engine::EngineOptions {
            config: Some(path.clone()),
            ..Default::default()
        })
        .expect("the engine accepts the starter");
        assert!(!engine.rules.rules.is_empty());
        assert!(
            write_starter(&path, false).is_err(),
            "no overwrite without --force"
        );
        write_starter(&path, true).expect("--force replaces it");
    }

    #[test]
    fn the_snippet_is_a_pre_commit_config() {
        let value: serde_json::Value = serde_saphyr::from_str(PRE_COMMIT_SNIPPET).unwrap();
        assert_eq!(value["repos"][0]["hooks"][0]["id"], "comply");
    }
}
