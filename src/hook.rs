//! The git pre-commit hook: the script `comply hook install` writes, and
//! writing it without clobbering a hook someone else wrote.
//!
//! The script runs `comply scan --staged` and stops the commit on any
//! non-zero status (1: findings, 2: comply could not scan). It calls the
//! binary that installed it, by absolute path, while that file exists, and
//! `comply` on PATH otherwise, so a hook outlives a moved or rebuilt binary.
//! This module does not run git (the caller finds the hooks folder) and does
//! not print.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// The file name git runs before recording a commit.
pub const HOOK_NAME: &str = "pre-commit";

/// The second line of every hook comply writes: how it recognises its own.
pub const HOOK_MARKER: &str =
    "# comply-hook: written by `comply hook install`, which may replace it";

/// What `install` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// There was no hook; now there is.
    Created,
    /// The same hook was already there.
    Unchanged,
    /// A hook comply wrote earlier (another binary path) was replaced.
    Updated,
    /// Another hook was replaced because of `--force`.
    Replaced,
}

/// The outcome of `install`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    /// The hook file.
    pub path: PathBuf,
    /// What was done.
    pub action: Action,
    /// The binary the hook calls first (`comply` when it calls the one on PATH).
    pub binary: String,
}

/// The hook script, calling `binary` when given (and still there when the
/// hook runs), else `comply` on PATH.
pub fn hook_script(binary: Option<&str>) -> String {
    let first_choice = match binary {
        Some(path) => format!(
            "comply={}\n[ -x \"$comply\" ] || comply=comply\n",
            shell_quote(path)
        ),
        None => "comply=comply\n".to_string(),
    };
    format!(
        r#"#!/bin/sh
{HOOK_MARKER}
# Scans the staged content of the staged files (what this commit records) and
# stops the commit on findings (status 1) or when comply cannot scan (status 2).
# Skip it once with `git commit --no-verify`.
{first_choice}if ! command -v "$comply" >/dev/null 2>&1; then
    echo "comply pre-commit hook: comply not found (reinstall it, or run 'comply hook install' again)" >&2
    exit 2
fi
"$comply" scan --staged
status=$?
if [ "$status" -ne 0 ]; then
    echo "comply pre-commit hook: commit stopped (comply exit status $status); bypass once with git commit --no-verify" >&2
fi
exit "$status"
"#
    )
}

/// Writes the pre-commit hook into `hooks_dir` (created if missing). A hook
/// comply did not write is replaced only with `force`.
pub fn install(hooks_dir: &Path, binary: Option<&Path>, force: bool) -> Result<Installed, Error> {
    let binary = binary.and_then(Path::to_str);
    let script = hook_script(binary);
    let path = hooks_dir.join(HOOK_NAME);
    let write_error = |source| Error::Write {
        path: path.clone(),
        source,
    };
    let action = match std::fs::read(&path) {
        Ok(existing) if existing == script.as_bytes() => Action::Unchanged,
        Ok(existing) if is_comply_hook(&existing) => Action::Updated,
        Ok(_) if force => Action::Replaced,
        Ok(_) => return Err(Error::HookExists { path }),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Action::Created,
        Err(source) => {
            return Err(Error::Io {
                path: path.clone(),
                source,
            })
        }
    };
    if action != Action::Unchanged {
        std::fs::create_dir_all(hooks_dir).map_err(write_error)?;
        std::fs::write(&path, &script).map_err(write_error)?;
    }
    make_executable(&path).map_err(write_error)?;
    Ok(Installed {
        path,
        action,
        binary: binary.unwrap_or("comply").to_string(),
    })
}

/// Whether a hook file is one comply wrote (any version, any binary path).
fn is_comply_hook(content: &[u8]) -> bool {
    let mut lines = content.split(|&b| b == b'\n');
    lines.next() == Some(b"#!/bin/sh".as_slice()) && lines.next() == Some(HOOK_MARKER.as_bytes())
}

/// `text` as one single-quoted shell word.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(unix)]
fn make_executable(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mut permissions = std::fs::metadata(path)?.permissions();
    // Readable and runnable by all, as git's sample hooks are.
    permissions.set_mode(permissions.mode() | 0o755);
    std::fs::set_permissions(path, permissions)
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) -> std::io::Result<()> {
    // Git for Windows runs hooks through its shell; no mode bit to set.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_quotes_the_binary_and_falls_back_to_path() {
        let script = hook_script(Some("/opt/it's here/comply"));
        assert!(script.starts_with(&format!("#!/bin/sh\n{HOOK_MARKER}\n")));
        assert!(script.contains("comply='/opt/it'\\''s here/comply'\n"));
        assert!(script.contains("[ -x \"$comply\" ] || comply=comply\n"));
        assert!(script.contains("\"$comply\" scan --staged\n"));
        assert!(hook_script(None).contains("\ncomply=comply\nif "));
        assert!(is_comply_hook(script.as_bytes()));
        assert!(!is_comply_hook(b"#!/bin/sh\nmake lint\n"));
    }

    #[test]
    fn install_keeps_foreign_hooks_unless_forced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let hooks = dir.path().join("hooks");
        let bin = Path::new("/usr/local/bin/comply");
        let first = install(&hooks, Some(bin), false).expect("installs");
        assert_eq!(first.action, Action::Created);
        let again = install(&hooks, Some(bin), false).expect("reinstalls");
        assert_eq!(again.action, Action::Unchanged);
        let moved = install(&hooks, Some(Path::new("/elsewhere/comply")), false).expect("updates");
        assert_eq!(moved.action, Action::Updated);
        std::fs::write(&first.path, "#!/bin/sh\nmake lint\n").expect("write");
        assert!(matches!(
            install(&hooks, Some(bin), false),
            Err(Error::HookExists { .. })
        ));
        let forced = install(&hooks, Some(bin), true).expect("forced");
        assert_eq!(forced.action, Action::Replaced);
        let written = std::fs::read_to_string(&forced.path).expect("read");
        assert_eq!(written, hook_script(Some("/usr/local/bin/comply")));
    }
}
