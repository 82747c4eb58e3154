//! What the analysis of one file is doing right now, on this thread: its
//! deadline (the per-file time budget) and the stage or rule it is in.
//!
//! Kept per thread rather than passed down so that every front end and the
//! matcher can check the budget (tree-sitter's progress callback, the gaps
//! between stages) and name the rule a panic happened in, without threading
//! a parameter through every signature. Each worker analyses one file at a
//! time, so one slot per thread is exact.

use std::cell::{Cell, RefCell};
use std::time::{Duration, Instant};

/// The default per-file time budget.
pub const DEFAULT_FILE_TIMEOUT: Duration = Duration::from_secs(5);

/// Where in the per-file pipeline a thread is, for internal-error reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Turning bytes into text and looking for keywords.
    Reading,
    /// Running the language front end.
    Parsing,
    /// Applying the rule with this index in the rule set.
    Rule(usize),
    /// Turning matches into findings.
    Reporting,
}

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static STAGE: Cell<Stage> = const { Cell::new(Stage::Reading) };
    static FILE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Watches one file's analysis on this thread; dropping it lifts the deadline.
#[must_use = "the deadline holds only while the watch is alive"]
pub struct FileWatch(());

/// Starts watching the analysis of `display` with `budget` (`None`: no limit).
pub fn start(display: &str, budget: Option<Duration>) -> FileWatch {
    let deadline = budget.map(|b| Instant::now().checked_add(b).unwrap_or_else(far_future));
    DEADLINE.with(|d| d.set(deadline));
    STAGE.with(|s| s.set(Stage::Reading));
    FILE.with(|f| {
        let mut f = f.borrow_mut();
        f.clear();
        f.push_str(display);
    });
    FileWatch(())
}

fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(60 * 60 * 24 * 365)
}

impl Drop for FileWatch {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(None));
    }
}

/// Whether the file being analysed on this thread is past its budget. A
/// budget of zero is expired from the start, so it is deterministic.
pub fn expired() -> bool {
    DEADLINE
        .with(|d| d.get())
        .is_some_and(|deadline| Instant::now() >= deadline)
}

/// Records the stage this thread enters.
pub fn enter(stage: Stage) {
    STAGE.with(|s| s.set(stage));
}

/// Records that rule `index` (with id `id`) is being applied.
pub fn enter_rule(index: usize, id: &str) {
    enter(Stage::Rule(index));
    #[cfg(debug_assertions)]
    debug_panic::check(id);
    #[cfg(not(debug_assertions))]
    let _ = id;
}

/// The last stage entered on this thread (still readable after a panic).
pub fn stage() -> Stage {
    STAGE.with(|s| s.get())
}

/// A test hook, compiled into debug builds only: `COMPLY_DEBUG_PANIC=path:rule`
/// makes applying `rule` to the file displayed as `path` panic, so the tests
/// can check that a panic is caught at the file boundary. Release builds have
/// no such hook.
#[cfg(debug_assertions)]
mod debug_panic {
    use std::sync::OnceLock;

    static TARGET: OnceLock<Option<(String, String)>> = OnceLock::new();

    pub(super) fn check(rule: &str) {
        let target = TARGET.get_or_init(|| {
            let value = std::env::var("COMPLY_DEBUG_PANIC").ok()?;
            let (path, rule) = value.rsplit_once(':')?;
            Some((path.to_string(), rule.to_string()))
        });
        if let Some((path, wanted)) = target {
            let here = super::FILE.with(|f| f.borrow().clone());
            if wanted == rule && *path == here {
                panic!("forced by COMPLY_DEBUG_PANIC");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_budget_is_expired_at_once_and_lifted_on_drop() {
        let watch = start("a.js", Some(Duration::ZERO));
        assert!(expired());
        drop(watch);
        assert!(!expired());
        let _watch = start("a.js", Some(Duration::from_secs(3600)));
        assert!(!expired());
    }

    #[test]
    fn the_stage_survives_the_end_of_the_watch() {
        let watch = start("a.js", None);
        enter(Stage::Rule(3));
        drop(watch);
        assert_eq!(stage(), Stage::Rule(3));
        let _watch = start("b.js", None);
        assert_eq!(stage(), Stage::Reading);
    }
}
