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
//!
//! Files that only the project pass wanted parsed, and whose literals name
//! no route word, arrive unparsed (`hint`). A package with such files is
//! judged as it is if nothing in it names a route word and nothing of it
//! reaches another package: no route of it can be reported, parsed or not.
//! Otherwise it is held, and its put-off files are read again, parsed, at
//! the end, before the groups are formed.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, PoisonError};

use super::packages::Packages;
use super::{run, FileRoutes, RouteHint};
use crate::finding::Finding;
use crate::rules::RuleSet;

/// One file's part in the project pass, as its report gives it.
#[derive(Debug, Default)]
pub struct FileResult {
    /// Its routing summary, if it was parsed and has one.
    pub summary: Option<FileRoutes>,
    /// Whether it was scanned (not skipped).
    pub scanned: bool,
    /// What its literals say, for a JS/TS or Rust file a `route` rule
    /// applies to.
    pub hint: Option<RouteHint>,
}

/// What has come in of one package's files.
#[derive(Debug, Default)]
struct Arrived {
    /// Files still to come.
    left: u32,
    summaries: Vec<FileRoutes>,
    /// Indexes of the files scanned.
    scanned: Vec<usize>,
    /// Some file may give a route a word a rule reports.
    names_route: bool,
    /// Files left unparsed, with the relative specifiers of each.
    deferred: Vec<(usize, Vec<String>)>,
}

#[derive(Debug, Default)]
struct State {
    /// Per package, until it is judged or held.
    arrived: Vec<Arrived>,
    /// Findings of the packages judged alone.
    alone: BTreeMap<usize, Vec<Finding>>,
    /// Packages whose imports reach other packages, kept whole.
    held: BTreeMap<usize, Arrived>,
    /// Packages with files left unparsed that may hold a finding: parsed
    /// and linked at the end.
    pending: BTreeMap<usize, Arrived>,
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
    pub fn file_done(&self, file: usize, result: FileResult) {
        let package = self.packages.package_of(file);
        let complete = {
            let mut state = self.state();
            let arrived = &mut state.arrived[package];
            arrived.summaries.extend(result.summary);
            if let Some(hint) = result.hint {
                arrived.names_route |= hint.names_route;
                if let Some(specifiers) = hint.deferred {
                    arrived.deferred.push((file, specifiers));
                }
            }
            if result.scanned {
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
    /// or a held package reaches it: then it is held for the end. A package
    /// with files left unparsed is held for the end too, unless none of its
    /// routes can be reported.
    fn settle(&self, package: usize, arrived: Arrived) {
        let reached = self.packages.reached(package, &arrived.summaries);
        if !arrived.deferred.is_empty() {
            let reached_unparsed: BTreeSet<usize> = arrived
                .deferred
                .iter()
                .flat_map(|(file, specifiers)| {
                    self.packages.reached_unparsed(package, *file, specifiers)
                })
                .collect();
            let mut state = self.state();
            if arrived.names_route
                || !reached_unparsed.is_empty()
                || !reached.is_empty()
                || state.wanted.contains(&package)
            {
                // What it may reach is held rather than judged alone and
                // read again; the links themselves wait for the parse.
                state.wanted.extend(reached_unparsed);
                state.wanted.extend(reached);
                state.pending.insert(package, arrived);
                return;
            }
        }
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
    /// of the listed files anew, parsed: first the files left unparsed in
    /// packages that may hold a finding, then the packages judged alone
    /// before another package turned out to reach them.
    pub fn finish(self, read_again: impl Fn(&[usize]) -> Vec<(usize, FileResult)>) -> Vec<Finding> {
        let PackagePass {
            packages,
            rules,
            state,
        } = self;
        let State {
            mut alone,
            mut held,
            mut links,
            mut pending,
            ..
        } = state.into_inner().unwrap_or_else(PoisonError::into_inner);
        let unparsed: Vec<usize> = pending
            .values()
            .flat_map(|arrived| arrived.deferred.iter().map(|(file, _)| *file))
            .collect();
        if !unparsed.is_empty() {
            for (file, result) in read_again(&unparsed) {
                let arrived = pending
                    .get_mut(&packages.package_of(file))
                    .expect("only files of pending packages are read again here");
                arrived.summaries.extend(result.summary);
            }
        }
        for (package, arrived) in &pending {
            let reached = packages.reached(*package, &arrived.summaries);
            links.extend(reached.into_iter().map(|to| (*package, to)));
        }
        let groups = linked_groups(packages.sizes().len(), &links);
        let again: BTreeSet<usize> = groups
            .iter()
            .flatten()
            .copied()
            .filter(|package| alone.remove(package).is_some())
            .collect();
        let mut reread: BTreeMap<usize, Arrived> = BTreeMap::new();
        if !again.is_empty() {
            for (file, result) in read_again(&packages.files_of(&again)) {
                let arrived = reread.entry(packages.package_of(file)).or_default();
                arrived.summaries.extend(result.summary);
                if result.scanned {
                    arrived.scanned.push(file);
                }
            }
        }
        let mut findings: Vec<Finding> = alone.into_values().flatten().collect();
        held.append(&mut pending);
        // Held for a link the parse did not bear out: judged alone.
        let grouped: BTreeSet<usize> = groups.iter().flatten().copied().collect();
        let unlinked: Vec<usize> = held
            .keys()
            .copied()
            .filter(|package| !grouped.contains(package))
            .collect();
        for package in unlinked {
            if let Some(arrived) = held.remove(&package) {
                findings.extend(judge(&packages, rules, arrived));
            }
        }
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
    use crate::analyze::{analyze_for_project, ProjectParse};
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
        let result = |file: usize, project: ProjectParse| {
            let (path, text) = WORKSPACE[file];
            let report =
                analyze_for_project(path, Path::new(path), text.into(), rules, None, project);
            FileResult {
                summary: report.routes.map(|r| *r),
                scanned: report.skipped.is_none(),
                hint: report.route_hint,
            }
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
            pass.file_done(file, result(file, ProjectParse::Deferrable));
        }
        let read = RefCell::new(Vec::new());
        let findings = pass.finish(|files| {
            read.borrow_mut().extend_from_slice(files);
            files
                .iter()
                .map(|&file| (file, result(file, ProjectParse::Now)))
                .collect()
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
        // The gateway's `app.js` names no route word (`/account`), so it is
        // left unparsed; its relative import into accounts gets it parsed
        // at the end, before the two packages are judged together.
        let expected = vec!["packages/accounts/src/routes.js:19".to_string()];
        // Accounts first: judged alone, then reached by the gateway.
        let (lines, read) = pass_in_order(&[0, 1, 2, 3, 4, 5]);
        assert_eq!(lines, expected);
        assert_eq!(read, vec![5, 1, 2, 3]);
        // Gateway first: accounts is held until the gateway is parsed.
        let (lines, read) = pass_in_order(&[5, 4, 0, 3, 2, 1]);
        assert_eq!(lines, expected);
        assert_eq!(read, vec![5]);
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
