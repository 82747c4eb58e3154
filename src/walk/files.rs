//! The list of files a walk found, held for the whole scan: display paths
//! in one buffer, and a file's own path only when the display path does not
//! name it. A tree of 35,000 files costs its path text and 8 bytes a file,
//! not two strings each.

use std::collections::BTreeMap;
use std::path::Path;

/// One file of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate<'a> {
    /// Display path (the sort key).
    pub display: &'a str,
    /// The path to open.
    pub path: &'a Path,
}

/// Files to scan, sorted by display path, without duplicates.
#[derive(Debug, Default, Clone)]
pub struct Files {
    /// Every display path, one after the other.
    text: String,
    /// Where each display path ends in `text`.
    ends: Vec<usize>,
    /// By file, the path to open when the display path does not name the
    /// file (a name that is not UTF-8, a root outside the working
    /// directory written differently).
    other_paths: BTreeMap<usize, Box<Path>>,
}

impl Files {
    /// The list from files keyed (and so sorted) by display path, each with
    /// the path it was found at.
    pub fn from_sorted(found: BTreeMap<String, Box<Path>>) -> Files {
        let mut files = Files {
            text: String::with_capacity(found.keys().map(String::len).sum()),
            ends: Vec::with_capacity(found.len()),
            other_paths: BTreeMap::new(),
        };
        for (display, path) in found {
            if Path::new(&display) != &*path {
                files.other_paths.insert(files.ends.len(), path);
            }
            files.text.push_str(&display);
            files.ends.push(files.text.len());
        }
        files
    }

    /// How many files.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The display path of file `index`.
    pub fn display(&self, index: usize) -> &str {
        let start = index.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.text[start..self.ends[index]]
    }

    /// File `index`.
    pub fn get(&self, index: usize) -> Candidate<'_> {
        let display = self.display(index);
        let path = self
            .other_paths
            .get(&index)
            .map_or_else(|| Path::new(display), |path| &**path);
        Candidate { display, path }
    }

    /// The files, in order.
    pub fn iter(&self) -> impl Iterator<Item = Candidate<'_>> {
        (0..self.len()).map(|index| self.get(index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_come_back_in_order_and_differing_paths_are_kept() {
        let found = BTreeMap::from([
            ("b/c.js".to_string(), Box::<Path>::from(Path::new("b/c.js"))),
            (
                "a.js".to_string(),
                Box::<Path>::from(Path::new("/work/a.js")),
            ),
            (
                "d é.txt".to_string(),
                Box::<Path>::from(Path::new("d é.txt")),
            ),
        ]);
        let files = Files::from_sorted(found);
        let all: Vec<(&str, &Path)> = files.iter().map(|c| (c.display, c.path)).collect();
        assert_eq!(
            all,
            [
                ("a.js", Path::new("/work/a.js")),
                ("b/c.js", Path::new("b/c.js")),
                ("d é.txt", Path::new("d é.txt")),
            ]
        );
        assert_eq!(files.other_paths.len(), 1);
        assert!(Files::default().is_empty());
    }
}
