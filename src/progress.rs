//! The progress bar of `comply scan`: drawn on stderr, only when stderr is a
//! terminal, never in CI (`CI` set) or with `--quiet`, and only once a scan
//! has run for more than a moment, so quick scans (pre-commit, editors) never
//! flash a bar. It never writes to stdout, so machine formats are untouched.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a scan runs before its bar appears.
const SHOW_AFTER: Duration = Duration::from_millis(300);

/// A counter of analysed files that may draw a bar on stderr.
#[derive(Debug, Clone)]
pub struct Progress {
    bar: ProgressBar,
    enabled: bool,
    started: Instant,
    drawing: Arc<AtomicBool>,
}

impl Progress {
    /// A progress counter; it draws only when `enabled` (see [`Progress::wanted`]).
    pub fn new(enabled: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} scanning {pos}/{len} files [{bar:30}] {eta}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        Progress {
            bar,
            enabled,
            started: Instant::now(),
            drawing: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Whether a bar should be drawn: stderr is a terminal, `CI` is not set,
    /// and the user did not ask for quiet.
    pub fn wanted(quiet: bool, stderr_is_terminal: bool, ci: Option<std::ffi::OsString>) -> bool {
        !quiet && stderr_is_terminal && ci.is_none()
    }

    /// The number of files the scan will analyse.
    pub fn start(&self, total: usize) {
        self.bar.set_length(total as u64);
    }

    /// One more file analysed.
    pub fn inc(&self) {
        self.bar.inc(1);
        if self.enabled
            && self.started.elapsed() >= SHOW_AFTER
            && !self.drawing.swap(true, Ordering::Relaxed)
        {
            self.bar
                .set_draw_target(ProgressDrawTarget::stderr_with_hz(10));
        }
    }

    /// Removes the bar from the terminal (before the report and summary).
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    /// Files counted so far.
    pub fn position(&self) -> u64 {
        self.bar.position()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_is_wanted_only_on_a_terminal_outside_ci_and_without_quiet() {
        assert!(Progress::wanted(false, true, None));
        assert!(!Progress::wanted(true, true, None));
        assert!(!Progress::wanted(false, false, None));
        assert!(!Progress::wanted(false, true, Some("true".into())));
    }

    #[test]
    fn counting_works_without_drawing() {
        let progress = Progress::new(false);
        progress.start(3);
        progress.inc();
        progress.inc();
        assert_eq!(progress.position(), 2);
        progress.finish();
    }
}
