//! Test files: which paths hold tests, fixtures and mocks, and how a finding
//! in one of them is scored (`test_files:` in `comply.yaml`).
//!
//! A credential in a fixture or a password logged by a test is far less
//! likely to be exploited than the same line in shipped code, so a finding
//! in a test file is scored with a lower likelihood and the risk matrix
//! gives its severity. The likelihood is only ever lowered, never raised;
//! the finding says so (`context: test` and a note in its message) so an
//! auditor reading the register sees why its severity differs from the
//! rule's. This module decides nothing about what is scanned or found.

use std::collections::BTreeMap;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::{Deserialize, Serialize};

use crate::config::RiskOverride;
use crate::finding::{Context, Finding};
use crate::risk::Risk;

/// The patterns that make a file a test file unless `comply.yaml` says
/// otherwise: the test, fixture and mock folders of the common ecosystems
/// (Rust, Go, Python, JavaScript/TypeScript, Ruby) and the file names their
/// test runners pick up. A `spec/` folder is left out: it holds API
/// specifications as often as tests.
pub const DEFAULT_PATTERNS: [&str; 12] = [
    "**/test/**",
    "**/tests/**",
    "**/__tests__/**",
    "**/__mocks__/**",
    "**/__fixtures__/**",
    "**/fixtures/**",
    "**/testdata/**",
    "**/*.test.*",
    "**/*.spec.*",
    "**/*_test.*",
    "**/*_spec.*",
    "**/test_*.*",
];

/// The likelihood a finding in a test file is scored with by default
/// (CONTROLS.md: 1, unlikely to be exploited).
pub const DEFAULT_LIKELIHOOD: u8 = 1;

/// `test_files:` as written in `comply.yaml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTestFiles {
    /// `false`: no file is a test file; every finding keeps the rule's risk.
    pub enabled: Option<bool>,
    /// Replaces the default patterns (`[]`: no file is a test file).
    pub paths: Option<Vec<String>>,
    /// Added to the default patterns (or to `paths`).
    #[serde(default)]
    pub extend_paths: Vec<String>,
    /// The likelihood findings in test files are scored with at most (1–3).
    pub likelihood: Option<u8>,
}

/// Which files are test files and the likelihood their findings get, ready
/// to match paths.
#[derive(Debug, Clone)]
pub struct TestFiles {
    /// Whether test files are recognised at all.
    pub enabled: bool,
    /// The patterns in force, in order (gitignore-style; `!` takes a path back).
    pub patterns: Vec<String>,
    /// The highest likelihood a finding in a test file keeps.
    pub likelihood: u8,
    matcher: Option<Gitignore>,
}

/// The part of the settings the evidence scope register records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestFilesRecord {
    /// Whether test files are recognised.
    pub enabled: bool,
    /// The patterns in force.
    pub paths: Vec<String>,
    /// The likelihood cap.
    pub likelihood: u8,
}

/// Why a `test_files:` section cannot be used: the offending text and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestFilesError {
    /// The value to point at in the file.
    pub word: String,
    /// What is wrong with it.
    pub message: String,
}

impl Default for TestFiles {
    fn default() -> Self {
        TestFiles::compile(RawTestFiles::default()).expect("the default patterns compile")
    }
}

impl TestFiles {
    /// Checks and compiles the section (absent keys take their defaults).
    pub fn compile(raw: RawTestFiles) -> Result<TestFiles, TestFilesError> {
        let likelihood = raw.likelihood.unwrap_or(DEFAULT_LIKELIHOOD);
        if !(1..=3).contains(&likelihood) {
            return Err(TestFilesError {
                word: "likelihood".into(),
                message: format!("test_files likelihood is 1, 2 or 3, not {likelihood}"),
            });
        }
        let enabled = raw.enabled.unwrap_or(true);
        let mut patterns: Vec<String> = match raw.paths {
            Some(paths) => paths,
            None => DEFAULT_PATTERNS.iter().map(|p| p.to_string()).collect(),
        };
        patterns.extend(raw.extend_paths);
        let mut builder = GitignoreBuilder::new("");
        for pattern in &patterns {
            builder
                .add_line(None, pattern)
                .map_err(|err| TestFilesError {
                    word: pattern.clone(),
                    message: format!("invalid test_files pattern `{pattern}`: {err}"),
                })?;
        }
        let matcher = builder.build().map_err(|err| TestFilesError {
            word: "test_files".into(),
            message: format!("invalid test_files patterns: {err}"),
        })?;
        let matcher = (enabled && !patterns.is_empty()).then_some(matcher);
        Ok(TestFiles {
            enabled,
            patterns,
            likelihood,
            matcher,
        })
    }

    /// Whether a report path (`/`-separated, relative to the working
    /// directory when the file is under it) is a test file. The last
    /// pattern that matches decides, as in `.gitignore`.
    pub fn is_test_file(&self, path: &str) -> bool {
        let Some(matcher) = &self.matcher else {
            return false;
        };
        let relative = relative_form(path);
        if relative.is_empty() || std::path::Path::new(relative).has_root() {
            return false;
        }
        matcher
            .matched_path_or_any_parents(relative, false)
            .is_ignore()
    }

    /// What the evidence records of these settings.
    pub fn record(&self) -> TestFilesRecord {
        TestFilesRecord {
            enabled: self.enabled,
            paths: self.patterns.clone(),
            likelihood: self.likelihood,
        }
    }

    /// The highest likelihood a finding of `rule` at `path` keeps, when
    /// `path` is a test file: the rule's own `test_likelihood` override
    /// when it has one, else `likelihood` of these settings.
    pub fn cap(
        &self,
        overrides: &BTreeMap<String, RiskOverride>,
        rule: &str,
        path: &str,
    ) -> Option<u8> {
        self.is_test_file(path).then(|| {
            overrides
                .get(rule)
                .and_then(|o| o.test_likelihood)
                .unwrap_or(self.likelihood)
        })
    }

    /// Scores every finding in a test file with at most its [`cap`]. The
    /// cap applies after the rule's `likelihood` override and never raises
    /// a likelihood.
    ///
    /// [`cap`]: TestFiles::cap
    pub fn apply(&self, overrides: &BTreeMap<String, RiskOverride>, findings: &mut [Finding]) {
        for finding in findings.iter_mut() {
            let Some(cap) = self.cap(overrides, finding.rule_id.as_str(), &finding.path) else {
                continue;
            };
            finding.context = Some(Context::Test);
            if finding.likelihood <= cap {
                continue;
            }
            let before = finding.likelihood;
            let risk = Risk {
                likelihood: cap,
                impact: finding.impact,
            };
            finding.likelihood = risk.likelihood;
            finding.risk_score = risk.score();
            finding.severity = risk.severity();
            finding.message.push_str(&format!(
                " (test file: likelihood {before} lowered to {cap})"
            ));
        }
    }
}

/// A path as the patterns see it: without `./` and without a leading `/`
/// (an absolute path outside the working directory matches on its parts).
fn relative_form(path: &str) -> &str {
    let mut path = path;
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    path.trim_start_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(paths: Option<&[&str]>, extend: &[&str]) -> TestFiles {
        TestFiles::compile(RawTestFiles {
            enabled: None,
            paths: paths.map(|p| p.iter().map(|s| s.to_string()).collect()),
            extend_paths: extend.iter().map(|s| s.to_string()).collect(),
            likelihood: None,
        })
        .unwrap()
    }

    #[test]
    fn default_patterns_cover_test_folders_and_test_file_names() {
        let t = TestFiles::default();
        for path in [
            "tests/cli.rs",
            "crates/x/tests/it.rs",
            "test/app.js",
            "src/__tests__/login.js",
            "src/__mocks__/aws.js",
            "spec/fixtures/keys.yaml",
            "pkg/testdata/config.json",
            "src/login.test.ts",
            "src/login.spec.js",
            "auth/token_test.go",
            "lib/user_spec.rb",
            "app/test_auth.py",
            "./tests/x.js",
            "/abs/elsewhere/tests/x.js",
        ] {
            assert!(t.is_test_file(path), "{path} is a test file");
        }
        for path in [
            "src/app.js",
            "corpus/javascript/secrets/config.js",
            "src/testing.rs",
            "src/latest.js",
            "contest/app.js",
            "spec/openapi.yaml",
            ".env.test",
            "src/attest.js",
            "",
        ] {
            assert!(!t.is_test_file(path), "{path} is not a test file");
        }
    }

    #[test]
    fn paths_replace_extend_adds_and_negation_takes_back() {
        let only = settings(Some(&["qa/"]), &[]);
        assert!(only.is_test_file("qa/keys.js"));
        assert!(!only.is_test_file("tests/keys.js"));
        let more = settings(None, &["e2e/", "!tests/live/**"]);
        assert!(more.is_test_file("e2e/login.js"));
        assert!(more.is_test_file("tests/unit/a.js"));
        assert!(!more.is_test_file("tests/live/a.js"));
        assert!(!settings(Some(&[]), &[]).is_test_file("tests/a.js"));
    }

    #[test]
    fn a_rule_override_replaces_the_cap_in_test_files_only() {
        let t = TestFiles::default();
        let keep = RiskOverride {
            likelihood: None,
            impact: None,
            test_likelihood: Some(3),
        };
        let overrides = BTreeMap::from([("secrets/x".to_string(), keep)]);
        assert_eq!(t.cap(&overrides, "secrets/x", "tests/a.js"), Some(3));
        assert_eq!(t.cap(&overrides, "secrets/y", "tests/a.js"), Some(1));
        assert_eq!(t.cap(&overrides, "secrets/x", "src/a.js"), None);
    }

    #[test]
    fn disabled_or_out_of_range_settings() {
        let off = TestFiles::compile(RawTestFiles {
            enabled: Some(false),
            ..RawTestFiles::default()
        })
        .unwrap();
        assert!(!off.is_test_file("tests/a.js"));
        let bad = TestFiles::compile(RawTestFiles {
            likelihood: Some(4),
            ..RawTestFiles::default()
        });
        assert_eq!(bad.unwrap_err().word, "likelihood");
    }
}
