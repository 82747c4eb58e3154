//! The errors a user sees: bad input files (rule packs, comply.yaml) pointing
//! at the offending line, usage errors, git failures, and I/O errors on paths
//! they named.
//!
//! Every variant is a `miette::Diagnostic`, so `main` prints all of them the
//! same way and maps them to exit status 2. Nothing here decides policy.

use std::path::PathBuf;

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

/// A problem in a file the user gave us, with the place it points at.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(comply::invalid_input))]
pub struct InputError {
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file, for the snippet.
    #[source_code]
    pub source_code: NamedSource<String>,
    /// Where, when known.
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    /// What the underline says.
    pub label: String,
    /// How to fix it, when we can say.
    #[help]
    pub help: Option<String>,
}

impl InputError {
    /// An error at byte `offset` (length `len`) of the file `name` holding `text`.
    pub fn at(
        name: &str,
        text: &str,
        offset: Option<usize>,
        len: usize,
        message: impl Into<String>,
    ) -> InputError {
        let span = offset.map(|at| {
            let at = at.min(text.len());
            SourceSpan::new(at.into(), len.min(text.len() - at))
        });
        InputError {
            message: message.into(),
            source_code: NamedSource::new(name, text.to_string()),
            span,
            label: "here".to_string(),
            help: None,
        }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> InputError {
        self.help = Some(help.into());
        self
    }

    /// Replaces the underline's text.
    pub fn with_label(mut self, label: impl Into<String>) -> InputError {
        self.label = label.into();
        self
    }
}

/// Why a scan could not run at all (exit status 2).
#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    /// A rule pack or configuration file is invalid.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Input(#[from] Box<InputError>),
    /// The command line asks for something impossible.
    #[error("{0}")]
    #[diagnostic(code(comply::usage))]
    Usage(String),
    /// git is missing, the working directory is not in a git work tree, or
    /// a git command failed.
    #[error("{message}")]
    #[diagnostic(code(comply::git))]
    Git {
        /// What went wrong.
        message: String,
        /// What to do about it, when we can say.
        #[help]
        help: Option<String>,
    },
    /// `comply hook install` would replace a hook comply did not write.
    #[error("{} already exists and was not written by comply", path.display())]
    #[diagnostic(
        code(comply::hook_exists),
        help("keep it and call `comply scan --staged` from it, or pass --force to replace it")
    )]
    HookExists {
        /// The existing hook.
        path: PathBuf,
    },
    /// A file comply writes cannot be written.
    #[error("cannot write {}: {source}", path.display())]
    #[diagnostic(code(comply::io))]
    Write {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A path the user named cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    #[diagnostic(code(comply::io))]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl From<InputError> for Error {
    fn from(err: InputError) -> Self {
        Error::Input(Box::new(err))
    }
}
