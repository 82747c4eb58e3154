//! Messages around a scan: the one-line summary on stderr in human mode
//! (not with --quiet), no summary or progress bar in machine formats, and
//! machine-format standard output unchanged by any of it.

use assert_cmd::Command;

fn comply() -> Command {
    let mut cmd = Command::cargo_bin("comply").expect("the binary is built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("CI");
    cmd
}

const TARGET: &str = "corpus/javascript";

#[test]
fn human_mode_ends_with_a_summary_on_stderr() {
    let out = comply().args(["scan", TARGET]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let summary = stderr
        .lines()
        .find(|l| l.contains("files scanned"))
        .unwrap_or_else(|| panic!("a summary line on stderr: {stderr}"));
    let re = regex::Regex::new(
        r"^\d+ findings? \((\d+ (critical|high|medium|low|info)(, )?)+\) in \d+ files scanned, \d+ skipped \(\d+\.\d\ds\)\.$",
    )
    .unwrap();
    assert!(re.is_match(summary), "{summary}");
    assert!(
        !stdout.contains("files scanned"),
        "the summary is not in the report"
    );
    let quiet = comply().args(["scan", "--quiet", TARGET]).output().unwrap();
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("files scanned"));
    assert_eq!(
        quiet.stdout,
        stdout.as_bytes(),
        "--quiet changes stderr only"
    );
}

#[test]
fn machine_formats_print_only_the_report() {
    for format in ["json", "sarif", "short", "github", "junit"] {
        let plain = comply()
            .args(["scan", "--format", format, TARGET])
            .output()
            .unwrap();
        let quiet = comply()
            .args(["scan", "-q", "--format", format, TARGET])
            .output()
            .unwrap();
        let in_ci = comply()
            .env("CI", "true")
            .args(["scan", "--format", format, TARGET])
            .output()
            .unwrap();
        assert_eq!(plain.stdout, quiet.stdout, "{format}");
        assert_eq!(plain.stdout, in_ci.stdout, "{format}");
        let stderr = String::from_utf8_lossy(&plain.stderr);
        assert!(!stderr.contains("files scanned"), "{format}: {stderr}");
        assert!(!stderr.contains("scanning"), "no bar on a pipe: {stderr}");
        if format == "json" {
            let report: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
            assert!(report["summary"]["files_scanned"].as_u64().unwrap() > 0);
        }
    }
}
