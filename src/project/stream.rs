//! The project pass run while the scan goes on: each package is judged as
//! soon as the last of its files is read, and its summaries are let go, so
//! a tree of many packages never holds them all.
//!
//! Judging a package alone is right only if no other package names its
//! files. A package whose own imports reach another is held to the end, and
//! so is a package a held one reaches; a package judged alone and reached
//! later by another is read again at the end. Then every group of linked
//! packages is judged together, and the findings equal those of one pass
//! over the whole tree, whatever the order the files finished in.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, PoisonError};

use super::packages::Packages;
use super::{run, FileRoutes};
use crate::finding::Finding;
use crate::rules::RuleSet;

/// One file's part in the project pass, as its report gives it: its
/// summary, if any, and whether it was scanned (not skipped).
pub type FileResult = (Option<FileRoutes>, bool);

/// What has come in of one package's files.
#[derive(Debug, Default)]
struct Arrived {
    /// Files still to come.
    left: u32,
    summaries: Vec<FileRoutes>,
    /// Indexes of the files scanned.
    scanned: Vec<usize>,
}

#[derive(Debug, Default)]
struct State {
    /// Per package, until it is judged or held.
    arrived: Vec<Arrived>,
    /// Findings of the packages judged alone.
    alone: BTreeMap<usize, Vec<Finding>>,
    /// Packages whose imports reach other packages, kept whole.
    held: BTreeMap<usize, Arrived>,
    /// Which package reaches which.
    links: Vec<(usize, usize)>,
    /// Packages some held package reaches.
    wanted: BTreeSet<usize>,
}

/// The project pass over one scan's files, fed file by file from the
/// worker threads.
pub struct PackagePass<'a> {
    packages: Packages<'a>,
    rules: &'a RuleSet,
    state: Mutex<State>,
}

impl<'a> PackagePass<'a> {
    /// A pass expecting one [`PackagePass::file_done`] call per file of
    /// `packages`.
    pub fn new(packages: Packages<'a>, rules: &'a RuleSet) -> PackagePass<'a> {
        let arrived = packages
            .sizes()
            .iter()
            .map(|&left| Arrived {
                left,
                ..Arrived::default()
            })
            .collect();
        PackagePass {
            packages,
            rules,
            state: Mutex::new(State {
                arrived,
                ..State::default()
            }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes in file `file`'s result; judges (or holds) its package when it
    /// was the package's last file.
    pub fn file_done(&self, file: usize, (summary, scanned): FileResult) {
        let package = self.packages.package_of(file);
        let complete = {
            let mut state = self.state();
            let arrived = &mut state.arrived[package];
            arrived.summaries.extend(summary);
            if scanned {
                arrived.scanned.push(file);
            }
            arrived.left -= 1;
            (arrived.left == 0).then(|| std::mem::take(arrived))
        };
        if let Some(arrived) = complete {
            self.settle(package, arrived);
        }
    }

    /// Judges a complete package alone, unless it reaches another package
    /// or a held package reaches it: then it is held for the end.
    fn settle(&self, package: usize, arrived: Arrived) {
        let reached = self.packages.reached(package, &arrived.summaries);
        {
            let mut state = self.state();
            if !reached.is_empty() || state.wanted.contains(&package) {
                state.wanted.extend(reached.iter().copied());
                state
                    .links
                    .extend(reached.into_iter().map(|to| (package, to)));
                state.held.insert(package, arrived);
                return;
            }
        }
        let findings = judge(&self.packages, self.rules, arrived);
        self.state().alone.insert(package, findings);
    }

    /// The findings, once every file is in. `read_again` gives the results
    /// of the listed files anew, for packages judged alone before another
    /// package turned out to reach them.
    pub fn finish(
        self,
        read_again: impl FnOnce(&[usize]) -> Vec<(usize, FileResult)>,
    ) -> Vec<Finding> {
        let PackagePass {
            packages,
            rules,
            state,
        } = self;
        let State {
            mut alone,
            mut held,
            links,
            ..
        } = state.into_inner().unwrap_or_else(PoisonError::into_inner);
        let groups = linked_groups(packages.sizes().len(), &links);
        let again: BTreeSet<usize> = groups
            .iter()
            .flatten()
            .copied()
            .filter(|package| alone.remove(package).is_some())
            .collect();
        let mut reread: BTreeMap<usize, Arrived> = BTreeMap::new();
        if !again.is_empty() {
            for (file, (summary, scanned)) in read_again(&packages.files_of(&again)) {
                let arrived = reread.entry(packages.package_of(file)).or_default();
                arrived.summaries.extend(summary);
                if scanned {
                    arrived.scanned.push(file);
                }
            }
        }
        let mut findings: Vec<Finding> = alone.into_values().flatten().collect();
        for group in groups {
            let mut together = Arrived::default();
            for package in group {
                let part = held
                    .remove(&package)
                    .or_else(|| reread.remove(&package))
                    .unwrap_or_default();
                together.summaries.extend(part.summaries);
                together.scanned.extend(part.scanned);
            }
            findings.extend(judge(&packages, rules, together));
        }
        findings
    }
}

/// The project pass over the summaries of one package, or of linked ones.
fn judge(packages: &Packages<'_>, rules: &RuleSet, mut arrived: Arrived) -> Vec<Finding> {
    arrived.summaries.sort_by(|a, b| a.path.cmp(&b.path));
    let scanned: BTreeSet<&str> = arrived
        .scanned
        .iter()
        .map(|&file| packages.path(file))
        .collect();
    run(&arrived.summaries, &scanned, rules)
}

/// The groups of packages linked, directly or not; packages with no link
/// are in none. Sorted, so the findings come in one order.
fn linked_groups(packages: usize, links: &[(usize, usize)]) -> Vec<BTreeSet<usize>> {
    let mut parent: Vec<usize> = (0..packages).collect();
    fn root(parent: &mut [usize], mut at: usize) -> usize {
        while parent[at] != at {
            parent[at] = parent[parent[at]];
            at = parent[at];
        }
        at
    }
    for &(a, b) in links {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra.max(rb)] = ra.min(rb);
    }
    let mut groups: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for &(a, b) in links {
        let r = root(&mut parent, a);
        groups.entry(r).or_default().extend([a, b]);
    }
    groups.into_values().collect()
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::path::Path;

    use super::*;
    use crate::analyze::analyze_bytes;
    use crate::engine::{load_engine, EngineOptions};

    /// The workspace of the corpus: the gateway package mounts, by relative
    /// path, the routers of the accounts package.
    const WORKSPACE: &[(&str, &str)] = &[
        (
            "package.json",
            include_str!("../../corpus/apps/npm-workspace/package.json"),
        ),
        (
            "packages/accounts/package.json",
            include_str!("../../corpus/apps/npm-workspace/packages/accounts/package.json"),
        ),
        (
            "packages/accounts/src/routes.js",
            include_str!("../../corpus/apps/npm-workspace/packages/accounts/src/routes.js"),
        ),
        (
            "packages/accounts/src/store.js",
            include_str!("../../corpus/apps/npm-workspace/packages/accounts/src/store.js"),
        ),
        (
            "packages/gateway/package.json",
            include_str!("../../corpus/apps/npm-workspace/packages/gateway/package.json"),
        ),
        (
            "packages/gateway/src/app.js",
            include_str!("../../corpus/apps/npm-workspace/packages/gateway/src/app.js"),
        ),
    ];

    /// Feeds the workspace's files to a pass in the given order; returns
    /// the reported lines and the files read again.
    fn pass_in_order(order: &[usize]) -> (Vec<String>, Vec<usize>) {
        let rules = &load_engine(&EngineOptions::default()).unwrap().rules;
        let result = |file: usize| {
            let (path, text) = WORKSPACE[file];
            let report = analyze_bytes(path, Path::new(path), text.into(), rules, None);
            (report.routes.map(|r| *r), report.skipped.is_none())
        };
        let paths: Vec<&str> = WORKSPACE.iter().map(|(path, _)| *path).collect();
        let packages = Packages::of_files(&paths);
        assert_eq!(
            packages.sizes(),
            &[0, 1, 3, 2],
            "none, top, accounts, gateway"
        );
        let pass = PackagePass::new(packages, rules);
        for &file in order {
            pass.file_done(file, result(file));
        }
        let read = RefCell::new(Vec::new());
        let findings = pass.finish(|files| {
            read.borrow_mut().extend_from_slice(files);
            files.iter().map(|&file| (file, result(file))).collect()
        });
        let mut lines: Vec<String> = findings
            .iter()
            .map(|f| format!("{}:{}", f.path, f.line))
            .collect();
        lines.sort();
        (lines, read.into_inner())
    }

    #[test]
    fn a_package_reached_after_it_was_judged_is_read_again() {
        let expected = vec!["packages/accounts/src/routes.js:19".to_string()];
        // Accounts first: judged alone, then reached by the gateway.
        let (lines, read) = pass_in_order(&[0, 1, 2, 3, 4, 5]);
        assert_eq!(lines, expected);
        assert_eq!(read, vec![1, 2, 3]);
        // Gateway first: held until the accounts package is in.
        let (lines, read) = pass_in_order(&[5, 4, 0, 3, 2, 1]);
        assert_eq!(lines, expected);
        assert_eq!(read, Vec::<usize>::new());
    }

    #[test]
    fn linked_packages_form_groups() {
        let groups = linked_groups(6, &[(4, 1), (2, 3), (3, 4)]);
        assert_eq!(groups, vec![BTreeSet::from([1, 2, 3, 4])]);
        let groups = linked_groups(6, &[(5, 0), (2, 3)]);
        assert_eq!(groups, vec![BTreeSet::from([0, 5]), BTreeSet::from([2, 3])]);
        assert!(linked_groups(3, &[]).is_empty());
    }
}
