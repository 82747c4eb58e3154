//! `--shard K/N`: which slice of the discovered files one CI job scans.
//!
//! A file belongs to shard `hash(path) mod N`, where the hash is 64-bit
//! FNV-1a of the file's display path (relative, `/`-separated). It depends
//! on the path alone, not on the list of files, so adding or removing a file
//! never moves any other file to another shard, and every machine and Rust
//! release computes the same slices (unlike `std`'s `DefaultHasher`, whose
//! output is not promised to stay the same).
//!
//! Skipped entries are sliced the same way, so each is counted by exactly one
//! shard and `comply merge` of all N reports equals one unsharded report.
//! Each shard's JSON report records which slice of which scan it holds
//! ([`ShardRecord`]), so merge can refuse a set with a slice missing or
//! repeated, and knows the paths the scan was given (the evidence bundle
//! names them).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::walk::{Discovery, Skip};

/// One slice of N: `index` is 1-based, as written on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which slice, 1..=count.
    pub index: u64,
    /// How many slices.
    pub count: u64,
}

impl Shard {
    /// Whether the file or folder with this display path is in this slice.
    pub fn contains(&self, display_path: &str) -> bool {
        fnv1a_64(display_path.as_bytes()) % self.count == self.index - 1
    }

    /// Whether this shard runs the project-scoped rules (the ones that need
    /// facts from the whole tree, such as rate limiting across files).
    /// Only shard 1 does, over every discovered file, not just its slice:
    /// their findings then appear exactly once in the merged report, as in
    /// an unsharded run. The scan driver consults this when it runs the
    /// project pass.
    pub fn runs_project_pass(&self) -> bool {
        self.index == 1
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Shard, String> {
        let usage = || format!("`{text}` is not a shard: write K/N with 1 <= K <= N, such as 2/4");
        let (k, n) = text.split_once('/').ok_or_else(usage)?;
        let index: u64 = k.trim().parse().map_err(|_| usage())?;
        let count: u64 = n.trim().parse().map_err(|_| usage())?;
        if count == 0 || index == 0 || index > count {
            return Err(usage());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The `shard` object of a shard's JSON report: which slice it is, and the
/// paths the scan was given (as [`crate::walk::given_path`] writes them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardRecord {
    /// Which slice, 1..=count.
    pub index: u64,
    /// How many slices the scan was split into.
    pub count: u64,
    /// The scanned paths, the same in every slice of one scan.
    pub paths: Vec<String>,
}

/// Checks that the records (each with the name of the report holding it)
/// are the slices of one scan, each exactly once; returns the scan's paths.
pub fn check_slices(records: &[(&str, &ShardRecord)]) -> Result<Vec<String>, String> {
    let Some(&(first_name, first)) = records.first() else {
        return Err("no report to merge".into());
    };
    let mut seen: BTreeMap<u64, &str> = BTreeMap::new();
    for &(name, record) in records {
        if record.count != first.count || record.paths != first.paths {
            return Err(format!(
                "{name} is shard {}/{} of a scan of {}, {first_name} shard {}/{} of a scan of \
                 {}: merge the shards of one run",
                record.index,
                record.count,
                record.paths.join(" "),
                first.index,
                first.count,
                first.paths.join(" ")
            ));
        }
        if record.index == 0 || record.index > record.count {
            return Err(format!(
                "{name}: shard {}/{} is not a slice",
                record.index, record.count
            ));
        }
        if let Some(other) = seen.insert(record.index, name) {
            return Err(format!(
                "{name} repeats shard {}/{} ({other}): merge the shards of one run, each once",
                record.index, record.count
            ));
        }
    }
    // A report may claim any count: name the first few gaps, never all.
    let missing: Vec<String> = (1..=first.count)
        .filter(|k| !seen.contains_key(k))
        .take(8)
        .map(|k| format!("{k}/{}", first.count))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "shard {} missing: merge the reports of all {} shards",
            missing.join(", "),
            first.count
        ));
    }
    Ok(first.paths.clone())
}

/// This shard's files (as indexes into `discovery.files`), skipped entries
/// and walk warnings (the warnings go to shard 1 only, so merged CI output
/// shows each once); everything when not sharded.
pub fn slice(shard: Option<Shard>, discovery: &Discovery) -> (Vec<usize>, Vec<Skip>, Vec<String>) {
    let Some(shard) = shard else {
        let files = (0..discovery.files.len()).collect();
        return (files, discovery.skipped.clone(), discovery.warnings.clone());
    };
    let files = discovery
        .files
        .iter()
        .enumerate()
        .filter(|(_, c)| shard.contains(c.display))
        .map(|(index, _)| index)
        .collect();
    let skipped = discovery
        .skipped
        .iter()
        .filter(|s| shard.contains(&s.path))
        .cloned()
        .collect();
    let warnings = if shard.index == 1 {
        discovery.warnings.clone()
    } else {
        Vec::new()
    };
    (files, skipped, warnings)
}

/// 64-bit FNV-1a: a small, fixed, well-known hash; good enough to spread
/// paths evenly, and defined by its constants alone.
pub fn fnv1a_64(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET_BASIS, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(PRIME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(fnv1a_64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn every_path_is_in_exactly_one_shard() {
        let shards: Vec<Shard> = (1..=3).map(|k| format!("{k}/3").parse().unwrap()).collect();
        for i in 0..200 {
            let path = format!("src/module{i}/file.ts");
            assert_eq!(shards.iter().filter(|s| s.contains(&path)).count(), 1);
        }
    }

    #[test]
    fn only_shard_one_runs_the_project_pass() {
        use crate::scan::ScanOptions;
        let with = |shard: Option<&str>| ScanOptions {
            shard: shard.map(|s| s.parse().unwrap()),
            ..ScanOptions::default()
        };
        assert!(with(None).runs_project_pass());
        assert!(with(Some("1/3")).runs_project_pass());
        assert!(!with(Some("2/3")).runs_project_pass());
    }

    fn record(index: u64, count: u64, path: &str) -> ShardRecord {
        ShardRecord {
            index,
            count,
            paths: vec![path.to_string()],
        }
    }

    #[test]
    fn a_set_of_slices_must_be_one_scan_each_slice_once() {
        let (a, b, c) = (record(1, 3, "."), record(2, 3, "."), record(3, 3, "."));
        let all = [("a", &a), ("b", &b), ("c", &c)];
        assert_eq!(check_slices(&all).unwrap(), ["."]);
        let err = check_slices(&all[..2]).unwrap_err();
        assert!(err.starts_with("shard 3/3 missing"), "{err}");
        let err = check_slices(&[("a", &a), ("b", &b), ("a2", &a)]).unwrap_err();
        assert!(err.contains("a2 repeats shard 1/3 (a)"), "{err}");
        let other = record(3, 3, "src");
        let err = check_slices(&[("a", &a), ("b", &b), ("c", &other)]).unwrap_err();
        assert!(err.contains("a scan of src"), "{err}");
        let err = check_slices(&[("a", &a), ("b", &b), ("x", &record(3, 4, "."))]).unwrap_err();
        assert!(err.contains("shard 3/4"), "{err}");
        assert!(check_slices(&[("z", &record(0, 1, "."))]).is_err());
    }

    #[test]
    fn malformed_shards_are_refused() {
        for bad in ["0/3", "4/3", "1/0", "3", "a/b", "1/3/4", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
        assert_eq!(
            "2/4".parse::<Shard>().unwrap(),
            Shard { index: 2, count: 4 }
        );
    }
}
