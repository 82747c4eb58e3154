//! Git access: the work tree's top level, the files staged for the next
//! commit with their blob ids, the blobs' content, and the hooks folder.
//!
//! Runs the `git` executable (`std::process::Command`) in the top level, with
//! the caller's environment, so inside a hook git's own `GIT_INDEX_FILE` (the
//! index being committed) is the one read. It only reads: it never changes
//! the index, the refs or the configuration, and it decides nothing about
//! scope or rules.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::error::Error;

/// The file mode git gives symbolic links; their blob is the link's target.
const SYMLINK_MODE: &str = "120000";
/// The file mode git gives submodules; their "blob" is a commit elsewhere.
const GITLINK_MODE: &str = "160000";

/// A git work tree, found from a folder inside it.
#[derive(Debug, Clone)]
pub struct Repository {
    top_level: PathBuf,
}

/// A file whose content is staged for the next commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagedFile {
    /// Path relative to the top level, with `/` separators.
    pub path: PathBuf,
    /// The staged blob's object id (hex).
    pub blob: String,
}

/// A blob read from the object store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blob {
    /// The content.
    Content(Vec<u8>),
    /// Larger than the size cap: not kept in memory.
    TooLarge(u64),
    /// Not in the object store, or not a blob.
    Missing,
}

impl Repository {
    /// The work tree holding `dir`; an error when `dir` is in none or git
    /// cannot be run.
    pub fn discover(dir: &Path) -> Result<Repository, Error> {
        let output = run_git(dir, &["rev-parse", "--show-toplevel"])?;
        if !output.status.success() {
            return Err(Error::Git {
                message: format!(
                    "not in a git work tree: {}",
                    first_line(&output.stderr, "git rev-parse failed")
                ),
                help: Some(
                    "run it inside a git repository's work tree, or scan paths instead".into(),
                ),
            });
        }
        let top = String::from_utf8_lossy(&output.stdout)
            .trim_end()
            .to_string();
        Ok(Repository {
            top_level: PathBuf::from(top),
        })
    }

    /// The work tree's top folder (absolute).
    pub fn top_level(&self) -> &Path {
        &self.top_level
    }

    /// Files added, copied, modified or renamed in the index relative to
    /// `HEAD` (all staged files before the first commit), sorted by path.
    /// Deletions, symbolic links and submodules are left out: none of them
    /// has file content to scan.
    pub fn staged_files(&self) -> Result<Vec<StagedFile>, Error> {
        // `--raw` lists the same files as `--name-only` plus modes and blob
        // ids, so blobs are read by id and no path is ever parsed as a line.
        let output = self.git(&[
            "diff",
            "--cached",
            "--raw",
            "-z",
            "--no-abbrev",
            "--no-renames",
            "--no-color",
            "--no-ext-diff",
            "--diff-filter=ACMR",
        ])?;
        Ok(parse_raw_diff(&output))
    }

    /// The blobs with these ids, in order, from one `git cat-file --batch`.
    /// Blobs over `max_size` bytes are streamed past, never held.
    pub fn read_blobs(&self, ids: &[&str], max_size: u64) -> Result<Vec<Blob>, Error> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut child = git_command(&self.top_level, &["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(spawn_error)?;
        let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(git_failed("git cat-file", "its pipes could not be opened"));
        };
        let request: String = ids.iter().map(|id| format!("{id}\n")).collect();
        let read = std::thread::scope(|threads| {
            // Written from another thread: git answers while it reads, and a
            // full pipe on both sides would otherwise wait forever.
            let writer = threads.spawn(move || stdin.write_all(request.as_bytes()));
            // The reader is dropped before the writer is awaited: if reading
            // stops early, git then fails on its closed output instead of
            // waiting for it to drain.
            let read = read_batch(&mut BufReader::new(stdout), ids.len(), max_size);
            let written = writer.join().unwrap_or(Ok(()));
            read.and_then(|blobs| written.map(|()| blobs))
        });
        let output = child.wait_with_output().map_err(spawn_error)?;
        if !output.status.success() {
            return Err(git_failed(
                "git cat-file",
                &first_line(&output.stderr, "it failed"),
            ));
        }
        read.map_err(|e| git_failed("git cat-file", &e.to_string()))
    }

    /// The folder git runs hooks from: `core.hooksPath` when set, else the
    /// repository's `hooks` folder (shared by all its work trees).
    pub fn hooks_dir(&self) -> Result<PathBuf, Error> {
        let output = self.git(&["rev-parse", "--git-path", "hooks"])?;
        let path = String::from_utf8_lossy(&output).trim_end().to_string();
        Ok(self.top_level.join(path))
    }

    /// Runs a read-only git command in the top level and returns its
    /// standard output, for modules that parse other answers of git
    /// (`diff`, for `--diff-base`).
    pub fn read(&self, args: &[&str]) -> Result<Vec<u8>, Error> {
        self.git(args)
    }

    /// Runs git in the top level; its standard output, or an error.
    fn git(&self, args: &[&str]) -> Result<Vec<u8>, Error> {
        let output = run_git(&self.top_level, args)?;
        if !output.status.success() {
            let what = format!("git {}", args.first().copied().unwrap_or_default());
            return Err(git_failed(&what, &first_line(&output.stderr, "it failed")));
        }
        Ok(output.stdout)
    }
}

fn git_command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command
        .args(args)
        .current_dir(dir)
        // Reading must not take the index lock another git command may hold.
        .env("GIT_OPTIONAL_LOCKS", "0");
    command
}

fn run_git(dir: &Path, args: &[&str]) -> Result<Output, Error> {
    git_command(dir, args)
        .stdin(Stdio::null())
        .output()
        .map_err(spawn_error)
}

fn spawn_error(err: io::Error) -> Error {
    if err.kind() == io::ErrorKind::NotFound {
        Error::Git {
            message: "git was not found on PATH".into(),
            help: Some(
                "--staged, --diff-base and `hook install` run git; install it or put it on PATH"
                    .into(),
            ),
        }
    } else {
        Error::Git {
            message: format!("cannot run git: {err}"),
            help: None,
        }
    }
}

fn git_failed(what: &str, why: &str) -> Error {
    Error::Git {
        message: format!("{what} failed: {why}"),
        help: None,
    }
}

fn first_line(bytes: &[u8], default: &str) -> String {
    let text = String::from_utf8_lossy(bytes);
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(default);
    line.trim().trim_start_matches("fatal: ").to_string()
}

/// Parses `git diff --raw -z` output: for each file a `:` record
/// (`srcmode dstmode srcid dstid status`), then one path, or two for copies
/// and renames (the second is the staged one).
fn parse_raw_diff(output: &[u8]) -> Vec<StagedFile> {
    let mut fields = output.split(|&b| b == 0).filter(|f| !f.is_empty());
    let mut files = Vec::new();
    while let Some(record) = fields.next() {
        let record = String::from_utf8_lossy(record);
        let parts: Vec<&str> = record.trim_start_matches(':').split(' ').collect();
        let [_, mode, _, blob, status] = parts[..] else {
            continue;
        };
        let renamed = status.starts_with(['R', 'C']);
        let mut path = fields.next();
        if renamed {
            path = fields.next();
        }
        let Some(path) = path else {
            break;
        };
        let no_content = blob.bytes().all(|b| b == b'0');
        if status.starts_with('D') || no_content || mode == SYMLINK_MODE || mode == GITLINK_MODE {
            continue;
        }
        files.push(StagedFile {
            path: path_from_bytes(path),
            blob: blob.to_string(),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// Reads `count` answers of `git cat-file --batch`: a header line
/// (`<id> <type> <size>`, or `<id> missing`), then for a found object its
/// content and a newline.
fn read_batch(reader: &mut impl BufRead, count: usize, max_size: u64) -> io::Result<Vec<Blob>> {
    let mut blobs = Vec::with_capacity(count);
    let mut header = Vec::new();
    for _ in 0..count {
        header.clear();
        if reader.read_until(b'\n', &mut header)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "git stopped answering",
            ));
        }
        let header = String::from_utf8_lossy(&header);
        let parts: Vec<&str> = header.split_whitespace().collect();
        let (kind, size) = match parts[..] {
            [_, kind, size] => (kind, size.parse::<u64>().ok()),
            _ => {
                blobs.push(Blob::Missing);
                continue;
            }
        };
        let Some(size) = size else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("unexpected answer `{}`", header.trim_end()),
            ));
        };
        let mut content = reader.by_ref().take(size);
        let blob = if kind != "blob" {
            io::copy(&mut content, &mut io::sink())?;
            Blob::Missing
        } else if size > max_size {
            io::copy(&mut content, &mut io::sink())?;
            Blob::TooLarge(size)
        } else {
            let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
            content.read_to_end(&mut bytes)?;
            Blob::Content(bytes)
        };
        let mut newline = [0u8; 1];
        reader.read_exact(&mut newline)?;
        blobs.push(blob);
    }
    Ok(blobs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_diff_keeps_staged_content_and_drops_the_rest() {
        let zero = "0".repeat(40);
        let a = "a".repeat(40);
        let b = "b".repeat(40);
        let raw = format!(
            ":100644 100644 {a} {b} M\0src/app.js\0\
             :000000 100644 {zero} {a} A\0new file.ts\0\
             :100644 000000 {a} {zero} D\0gone.js\0\
             :000000 120000 {zero} {a} A\0link.js\0\
             :000000 160000 {zero} {a} A\0vendor/lib\0\
             :100644 100644 {a} {b} R087\0old.js\0renamed.js\0"
        );
        let files = parse_raw_diff(raw.as_bytes());
        let paths: Vec<&Path> = files.iter().map(|f| f.path.as_path()).collect();
        assert_eq!(
            paths,
            [
                Path::new("new file.ts"),
                Path::new("renamed.js"),
                Path::new("src/app.js")
            ]
        );
        assert_eq!(files[2].blob, b);
    }

    #[test]
    fn batch_answers_are_split_and_large_blobs_skipped() {
        let answer =
            b"aaaa blob 5\nhello\nbbbb missing\ncccc blob 12\n0123456789ab\ndddd blob 0\n\n";
        let blobs = read_batch(&mut &answer[..], 4, 8).expect("parses");
        assert_eq!(
            blobs,
            [
                Blob::Content(b"hello".to_vec()),
                Blob::Missing,
                Blob::TooLarge(12),
                Blob::Content(Vec::new()),
            ]
        );
    }
}
