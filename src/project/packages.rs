//! A scan's files split into packages, so the project pass can judge each
//! package once its files are read and let its summaries go: memory then
//! follows the largest package, not the tree.
//!
//! A package is a directory holding a `package.json` or a `Cargo.toml`
//! among the scan's files; a file belongs to its nearest such directory,
//! and files with none to one package of their own. The split is only a
//! way to free memory early, never a limit on what the pass follows: every
//! import that names a file of another package (a relative specifier, or a
//! Rust crate root shared across a manifest) is a link, and linked packages
//! are judged together ([`Packages::reached`]).

use std::collections::{BTreeSet, HashMap};

use super::modules::{js_candidates, rust_module};
use super::FileRoutes;

/// Manifests that make their directory a package.
const MANIFESTS: &[&str] = &["package.json", "Cargo.toml"];

/// A scan's file list as the project pass reads it: display paths by
/// index, sorted. Read in place, so a large tree's list is not copied.
pub trait FileList: Sync {
    /// How many files.
    fn count(&self) -> usize;
    /// The display path of file `file`.
    fn path(&self, file: usize) -> &str;
}

#[cfg(test)]
impl FileList for Vec<&str> {
    fn count(&self) -> usize {
        self.len()
    }

    fn path(&self, file: usize) -> &str {
        self[file]
    }
}

/// The packages of one scan's file list.
pub struct Packages<'a> {
    /// The scan's files.
    files: &'a dyn FileList,
    /// Per file (by its index in `files`), its package.
    package_of: Vec<u32>,
    /// Per package, its number of files.
    sizes: Vec<u32>,
}

impl<'a> Packages<'a> {
    /// Splits files, sorted by display path, into packages.
    pub fn of_files(files: &'a dyn FileList) -> Packages<'a> {
        let paths = || (0..files.count()).map(|file| files.path(file));
        debug_assert!(paths().zip(paths().skip(1)).all(|(a, b)| a < b));
        let mut ids: HashMap<&str, u32> = HashMap::new();
        for path in paths() {
            if let Some(dir) = manifest_dir(path) {
                let next = ids.len() as u32 + 1;
                ids.entry(dir).or_insert(next);
            }
        }
        // Package 0 holds the files with no manifest above them; the others
        // are numbered by their manifest's place in the list.
        let package_of: Vec<u32> = paths()
            .map(|path| {
                ancestors(path)
                    .find_map(|dir| ids.get(dir).copied())
                    .unwrap_or(0)
            })
            .collect();
        let mut sizes = vec![0; ids.len() + 1];
        for &package in &package_of {
            sizes[package as usize] += 1;
        }
        Packages {
            files,
            package_of,
            sizes,
        }
    }

    /// All files as one package: for a handful of buffers, where freeing
    /// memory early gains nothing.
    pub fn whole(files: &'a dyn FileList) -> Packages<'a> {
        let package_of = vec![0; files.count()];
        let sizes = vec![files.count() as u32];
        Packages {
            files,
            package_of,
            sizes,
        }
    }

    /// The display path of file `file`.
    pub fn path(&self, file: usize) -> &'a str {
        self.files.path(file)
    }

    /// The first file whose path is not below `path` in sort order.
    fn first_from(&self, path: &str) -> usize {
        let (mut low, mut high) = (0, self.files.count());
        while low < high {
            let middle = low + (high - low) / 2;
            if self.files.path(middle) < path {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }

    /// The file with this display path, if the scan has it.
    fn find(&self, path: &str) -> Option<usize> {
        let at = self.first_from(path);
        (at < self.files.count() && self.files.path(at) == path).then_some(at)
    }

    /// The package of file `file`.
    pub fn package_of(&self, file: usize) -> usize {
        self.package_of[file] as usize
    }

    /// How many files each package has.
    pub fn sizes(&self) -> &[u32] {
        &self.sizes
    }

    /// The files of the given packages, in list order.
    pub fn files_of(&self, packages: &BTreeSet<usize>) -> Vec<usize> {
        (0..self.files.count())
            .filter(|&file| packages.contains(&self.package_of(file)))
            .collect()
    }

    /// The other packages whose files these summaries (all of one package)
    /// can name: each file a relative import may stand for, and for Rust,
    /// every file of the same crate root. Judged without those packages,
    /// the summaries could resolve differently, so the caller judges them
    /// together.
    pub fn reached(&self, package: usize, summaries: &[FileRoutes]) -> BTreeSet<usize> {
        let mut reached = BTreeSet::new();
        let mut crate_roots = BTreeSet::new();
        for summary in summaries {
            if summary.rust {
                crate_roots.insert(rust_module(&summary.path).0);
                continue;
            }
            for binding in &summary.bindings {
                self.reach_specifier(&summary.path, &binding.module, &mut reached);
            }
        }
        for root in &crate_roots {
            self.reach_crate(root, &mut reached);
        }
        reached.remove(&package);
        reached
    }

    /// The other packages file `from`, left unparsed, may name: through
    /// these relative specifiers (its literals' ones) or, for Rust, its
    /// crate root.
    pub fn reached_unparsed(
        &self,
        package: usize,
        from: usize,
        specifiers: &[String],
    ) -> BTreeSet<usize> {
        let path = self.files.path(from);
        let mut reached = BTreeSet::new();
        if path.ends_with(".rs") {
            self.reach_crate(&rust_module(path).0, &mut reached);
        }
        for spec in specifiers {
            self.reach_specifier(path, spec, &mut reached);
        }
        reached.remove(&package);
        reached
    }

    /// Adds the packages of the files a relative specifier written in
    /// `from` may stand for.
    fn reach_specifier(&self, from: &str, spec: &str, reached: &mut BTreeSet<usize>) {
        for candidate in js_candidates(from, spec) {
            if let Some(file) = self.find(&candidate) {
                reached.insert(self.package_of(file));
            }
        }
    }

    /// Adds the packages of the Rust files under crate root `root`.
    fn reach_crate(&self, root: &str, reached: &mut BTreeSet<usize>) {
        for file in self.first_from(root)..self.files.count() {
            let path = self.files.path(file);
            if !path.starts_with(root) {
                break;
            }
            if path.ends_with(".rs") && rust_module(path).0 == root {
                reached.insert(self.package_of(file));
            }
        }
    }
}

/// The directory a manifest makes a package (`""` for the scan's top), or
/// `None` for any other file.
fn manifest_dir(path: &str) -> Option<&str> {
    let (dir, name) = match path.rfind('/') {
        Some(at) => (&path[..at], &path[at + 1..]),
        None => ("", path),
    };
    MANIFESTS.contains(&name).then_some(dir)
}

/// The directories above a path, nearest first, ending with `""` for a
/// relative path.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(path);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.rfind('/') {
            Some(at) => {
                rest = Some(&current[..at]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                (!current.is_empty()).then_some("")
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Binding, Span};

    fn summary(path: &str, rust: bool, imports: &[&str]) -> FileRoutes {
        FileRoutes {
            path: path.to_string(),
            rust,
            bindings: imports
                .iter()
                .map(|module| Binding {
                    local: "x".to_string(),
                    module: module.to_string(),
                    member: None,
                    span: Span::default(),
                })
                .collect(),
            ..FileRoutes::default()
        }
    }

    const TREE: &[&str] = &[
        "README.md",
        "package.json",
        "scripts/build.js",
        "services/api/package.json",
        "services/api/src/app.js",
        "services/api/src/routes/auth.js",
        "services/api/vendor/lib/index.js",
        "services/api/vendor/lib/package.json",
        "services/auth/package.json",
        "services/auth/src/limits.js",
        "tools/x.js",
    ];

    #[test]
    fn a_file_belongs_to_its_nearest_manifest() {
        let tree = TREE.to_vec();
        let packages = Packages::of_files(&tree);
        let of = |path: &str| packages.package_of(TREE.iter().position(|p| *p == path).unwrap());
        assert_eq!(of("README.md"), of("tools/x.js"));
        assert_eq!(of("package.json"), of("scripts/build.js"));
        assert_eq!(
            of("services/api/src/app.js"),
            of("services/api/package.json")
        );
        assert_ne!(
            of("services/api/src/app.js"),
            of("services/api/vendor/lib/index.js")
        );
        assert_ne!(
            of("services/api/src/app.js"),
            of("services/auth/src/limits.js")
        );
        assert_ne!(of("services/api/src/app.js"), of("tools/x.js"));
        assert_eq!(packages.sizes().iter().sum::<u32>() as usize, TREE.len());
    }

    #[test]
    fn files_without_a_manifest_share_the_first_package() {
        let paths = vec!["a.js", "b/c.js"];
        let packages = Packages::of_files(&paths);
        assert_eq!(packages.sizes(), &[2]);
    }

    #[test]
    fn a_relative_import_into_another_package_links_it() {
        let tree = TREE.to_vec();
        let packages = Packages::of_files(&tree);
        let of = |path: &str| packages.package_of(TREE.iter().position(|p| *p == path).unwrap());
        let api = of("services/api/src/app.js");
        let auth = of("services/auth/src/limits.js");
        let vendor = of("services/api/vendor/lib/index.js");
        let inside = summary(
            "services/api/src/app.js",
            false,
            &["./routes/auth", "express"],
        );
        assert!(packages.reached(api, &[inside]).is_empty());
        let across = summary("services/api/src/app.js", false, &["../../auth/src/limits"]);
        assert_eq!(packages.reached(api, &[across]), BTreeSet::from([auth]));
        let down = summary("services/api/src/app.js", false, &["../vendor/lib"]);
        assert_eq!(packages.reached(api, &[down]), BTreeSet::from([vendor]));
        let missing = summary("services/api/src/app.js", false, &["../../auth/src/gone"]);
        assert!(packages.reached(api, &[missing]).is_empty());
    }

    #[test]
    fn a_crate_root_shared_across_a_manifest_links_the_packages() {
        let paths = vec![
            "svc/Cargo.toml",
            "svc/src/main.rs",
            "svc/src/nested/Cargo.toml",
            "svc/src/nested/routes.rs",
            "svc/src/routes.rs",
        ];
        let packages = Packages::of_files(&paths);
        let svc = packages.package_of(1);
        let nested = packages.package_of(3);
        assert_ne!(svc, nested);
        let main = summary("svc/src/main.rs", true, &[]);
        assert_eq!(packages.reached(svc, &[main]), BTreeSet::from([nested]));
    }

    #[test]
    fn ancestors_end_at_the_top() {
        assert_eq!(ancestors("a/b/c.js").collect::<Vec<_>>(), ["a/b", "a", ""]);
        assert_eq!(ancestors("c.js").collect::<Vec<_>>(), [""]);
        assert_eq!(ancestors("/abs/c.js").collect::<Vec<_>>(), ["/abs", ""]);
    }
}
