//! comply: a compliance-as-code static analyzer.
//!
//! The flow runs one way: `walk` → `source` → `lang` → `facts` → `rules` →
//! `finding` → `report`, driven by `scan` (which takes its files from `walk`,
//! or from `git` for staged content). The library's public face is
//! [`load_engine`] plus [`scan`]: load and validate the rules once, then scan
//! any number of path sets with them.

// `InputError` carries the whole offending file for its snippet. It is built
// at most once per run, on the way to exit status 2, so its size never
// matters on a hot path; boxing it everywhere would only add noise.
#![allow(clippy::result_large_err)]

pub mod analyze;
pub mod builtin;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diff;
pub mod engine;
pub mod error;
pub mod evidence;
pub mod facts;
pub mod finding;
pub mod git;
pub mod hook;
pub mod init;
pub mod lang;
pub mod merge;
pub mod progress;
pub mod project;
pub mod report;
pub mod risk;
pub mod rules;
pub mod scan;
pub mod select;
pub mod shard;
pub mod source;
pub mod testfiles;
pub mod triage;
pub mod walk;
pub mod watch;

pub use engine::{load_engine, Engine, EngineOptions};
pub use error::Error;
pub use finding::Finding;
pub use scan::{scan, scan_buffers, scan_staged, scan_stdin, ScanOptions, ScanOutcome};
pub use walk::Buffer;
