//! `comply init`: the starter comply.yaml and the pre-commit snippet.

use std::io::{self, Write};

use super::Exit;
use crate::cli::InitArgs;
use crate::error::Error;
use crate::init;
use crate::walk::display_path;

/// Writes the starter configuration (refusing to overwrite without
/// `--force`) and prints where it went and how to run comply before commits.
pub fn run_init(args: &InitArgs) -> Result<Exit, Error> {
    init::write_starter(&args.output, args.force)?;
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = display_path(&args.output, &cwd);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    init::render_done(&shown, &mut out)
        .and_then(|()| out.flush())
        .map_err(|source| Error::Write {
            path: "<stdout>".into(),
            source,
        })?;
    Ok(Exit::Clean)
}
