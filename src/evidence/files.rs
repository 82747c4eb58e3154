//! The bundle's file names, atomic writing and checksums.
//!
//! Every file is written to a temporary file in the bundle's folder and then
//! renamed over the target, so an interrupted run leaves either the previous
//! file or the new one, never half of either.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::rules::load::hex;

/// The scope register.
pub const SCOPE_REGISTER: &str = "scope-register.json";
/// The JSON report with the evidence summary.
pub const SCAN_RESULTS: &str = "scan-results.json";
/// The findings register.
pub const FINDINGS_REGISTER: &str = "findings-register.csv";
/// The document the reviewer completes.
pub const MANUAL_ASSESSMENT: &str = "manual-assessment.md";
/// The disposition record.
pub const DISPOSITION_RECORD: &str = "disposition-record.md";
/// The comparison with a previous bundle or baseline.
pub const RISK_BASELINE_REPORT: &str = "risk-baseline-report.md";

/// SHA-256 of bytes, hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Writes `bytes` to `dir/name` atomically: a temporary file in `dir`,
/// flushed to disk, then renamed over the target.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), Error> {
    let target = dir.join(name);
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let err = |path: &PathBuf| {
        let path = path.clone();
        move |source| Error::Write { path, source }
    };
    let result = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(source) = result {
        let _ = fs::remove_file(&temp);
        return Err(Error::Write {
            path: target,
            source,
        });
    }
    fs::rename(&temp, &target).map_err(|e| {
        let _ = fs::remove_file(&temp);
        err(&target)(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_previous_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        write_atomic(dir.path(), "register.csv", b"first,version\n").unwrap();
        // A target that cannot be replaced (a non-empty folder of that name
        // in place of the temporary file's rename) makes the rename fail.
        let blocked = dir.path().join("blocked.csv");
        fs::create_dir(&blocked).unwrap();
        fs::write(blocked.join("x"), b"x").unwrap();
        assert!(write_atomic(dir.path(), "blocked.csv", b"new").is_err());
        assert_eq!(
            fs::read(dir.path().join("register.csv")).unwrap(),
            b"first,version\n"
        );
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files are cleaned up");
    }
}
