//! Files that change between discovery and reading: deleted, truncated,
//! grown past the size cap, replaced by a folder or by a FIFO.
//!
//! The pause is deterministic, not timed: the last scan root holds a FIFO
//! named `.complyignore`. comply opens it while walking that root, after it
//! has discovered every file of the roots before it and before it reads any
//! file; opening our end of the FIFO returns exactly then. The files change
//! while comply waits for the FIFO's content, then we close it (an empty
//! ignore file) and the scan goes on.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::{fake_key, findings, problems, skip_because, skipped, tree, Run};

const RULE_KEY: &str = "secrets/aws-access-key-id";

fn key_file(seed: u64) -> Vec<u8> {
    format!("const id = '{}';\n", fake_key(seed)).into_bytes()
}

/// Makes a FIFO at `path`; `false` when this system has no `mkfifo`.
fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// Opens a FIFO for reading and writing: on Linux this never waits for a
/// partner, and it completes any open of the other end that is waiting.
fn release(fifo: &Path) {
    let _ = OpenOptions::new().read(true).write(true).open(fifo);
}

/// Runs `comply scan --format json ARGS… held` in `root`, calling `change`
/// once comply has discovered every file outside `held/` and read none.
fn scan_with_a_pause(root: &Path, args: &[&str], change: impl FnOnce()) -> Run {
    let fifo = root.join("held/.complyignore");
    let child = Command::new(assert_cmd::cargo::cargo_bin("comply"))
        .current_dir(root)
        .env("NO_COLOR", "1")
        .env_remove("COMPLY_DEBUG_PANIC")
        .args(["scan", "--format", "json"])
        .args(args)
        .arg("held")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("comply starts");
    let ended = Arc::new(AtomicBool::new(false));
    let waiter = {
        let (ended, fifo) = (Arc::clone(&ended), fifo.clone());
        std::thread::spawn(move || {
            let out = child.wait_with_output().expect("comply runs");
            // Had comply never opened the FIFO, our open below would wait
            // forever: complete it, and say so.
            ended.store(true, Ordering::SeqCst);
            release(&fifo);
            out
        })
    };
    let writer = OpenOptions::new()
        .write(true)
        .open(&fifo)
        .expect("the FIFO opens");
    let paused = !ended.load(Ordering::SeqCst);
    if paused {
        change();
    }
    drop(writer);
    let out = waiter.join().expect("the waiter");
    assert!(
        paused,
        "comply finished without opening held/.complyignore: the test could not pause it"
    );
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn files_changed_after_discovery_are_reported_and_the_scan_finishes() {
    let big = {
        let mut text = key_file(64);
        text.extend(b"// padding\n".repeat(100_000));
        text
    };
    let dir = tree(&[
        ("src/kept.js", &key_file(60)),
        ("src/gone.js", &key_file(61)),
        (
            "src/cut.js",
            &[b"// cut here\n".as_slice(), &key_file(62)].concat(),
        ),
        ("src/grown.js", &key_file(63)),
        ("src/swapped.js", &key_file(65)),
        ("src/piped.js", &key_file(66)),
        ("held/app.js", &key_file(67)),
    ]);
    let root = dir.path();
    if !mkfifo(&root.join("held/.complyignore")) {
        skip_because(
            "files_changed_after_discovery_are_reported_and_the_scan_finishes",
            "no mkfifo on this system",
        );
        return;
    }
    let src = |name: &str| -> PathBuf { root.join("src").join(name) };
    let piped = src("piped.js");
    // Should comply open the FIFO that replaces piped.js, this writer lets
    // its read end, at an empty file, instead of hanging the test.
    let mut unblock = None;
    let run = scan_with_a_pause(root, &["--max-file-size", "4096", "src"], || {
        std::fs::remove_file(src("gone.js")).expect("delete");
        File::options()
            .write(true)
            .open(src("cut.js"))
            .and_then(|f| f.set_len(12))
            .expect("truncate");
        std::fs::write(src("grown.js"), &big).expect("grow");
        std::fs::remove_file(src("swapped.js")).expect("delete");
        std::fs::create_dir(src("swapped.js")).expect("a folder in its place");
        std::fs::remove_file(&piped).expect("delete");
        assert!(mkfifo(&piped), "a FIFO in its place");
        let fifo = piped.clone();
        unblock = Some(std::thread::spawn(move || {
            let _ = OpenOptions::new().write(true).open(fifo);
        }));
    });
    release(&piped);
    if let Some(thread) = unblock {
        thread.join().expect("the unblocking writer");
    }
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", run.stdout, run.stderr));
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The files that stayed, and the one truncated to a line without the
    // key, are scanned as they are when read.
    assert_eq!(
        findings(&report),
        [
            ("held/app.js".into(), 1, 13, RULE_KEY.into()),
            ("src/kept.js".into(), 1, 13, RULE_KEY.into()),
        ]
    );
    assert_eq!(report["summary"]["files_scanned"], 3, "{report}");
    // The others are each a named problem and a counted skip.
    let problems = problems(&report);
    let kinds: Vec<(&str, &str)> = problems
        .iter()
        .map(|(path, kind, _)| (path.as_str(), kind.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("src/gone.js", "unreadable"),
            ("src/piped.js", "unreadable"),
            ("src/swapped.js", "unreadable"),
        ],
        "{problems:?}"
    );
    assert!(problems[0].2.contains("No such file"), "{problems:?}");
    // And the FIFO that held the scan: a FIFO is never read as a file to scan.
    assert_eq!(skipped(&report, "unreadable"), 4, "{report}");
    // Grown past the cap after discovery: skipped as discovery would have.
    assert_eq!(skipped(&report, "too-large"), 1, "{report}");
}
