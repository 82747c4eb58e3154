//! The examples shown after each command's help, and the long `--version`
//! text. Every flag of a command appears in its examples (checked by
//! `tests/help.rs`), so `--help` answers "how do I write that" as well as
//! "what does it do".

use sha2::{Digest, Sha256};

use crate::builtin;

/// After `comply --help`.
pub const COMPLY: &str = "\
Examples:
  comply scan .                                 scan the current project
  comply scan --format short src/               one line per finding, for editors
  comply explain hashing/bcrypt-low-cost        what a rule finds and how to fix it
  comply init                                   write a starter comply.yaml
  comply --version                              the version and the built-in rule packs";

/// After `comply scan --help`.
pub const SCAN: &str = "\
Examples:
  comply scan                                   the current directory, as diagnostics
  comply scan --format json --output report.json src/ config/
  comply scan --format sarif -o comply.sarif .  for code-scanning uploads
  comply scan --fail-on high .                  exit 1 only for high or critical findings
  comply scan --staged                          what the next commit records (pre-commit)
  comply scan --force-exclude src/app.js generated/api.ts   named files keep comply.yaml excludes
  comply scan --format short --stdin-filename src/auth.ts -   an editor's unsaved buffer
  comply scan --diff-base origin/main .         only findings on lines changed since the branch point
  comply scan --shard 2/4 --format json -o shard-2.json .     slice 2 of 4 of a CI matrix
  comply scan --select secrets,hashing --ignore secrets/private-key .
  comply scan --config ci/comply.yaml --rules security/ --no-builtin-rules .
  comply scan --jobs 4 --max-file-size 4194304 --file-timeout 10 --quiet .
  comply scan --evidence .artifacts/review-security .          the audit bundle
  comply scan --evidence out/ --previous last-review/ --evidence-template firm.md.j2 .
  comply scan --baseline .comply/baseline.json --acceptances .comply/acceptances.yaml .";

/// After `comply baseline --help`.
pub const BASELINE: &str = "\
Examples:
  comply baseline                               record today's open findings in .comply/baseline.json
  comply baseline src/ --output .comply/legacy-baseline.json
  comply baseline --acceptances .comply/acceptances.yaml --jobs 2 .
  comply baseline --config ci/comply.yaml --rules security/ --no-builtin-rules .
  comply baseline --select secrets --ignore secrets/private-key .";

/// After `comply gate --help`.
pub const GATE: &str = "\
Examples:
  comply gate .artifacts/review-security        exit 0 when all three gates pass, 1 otherwise";

/// After `comply merge --help`.
pub const MERGE: &str = "\
Examples:
  comply merge shard-1.json shard-2.json shard-3.json > report.json
  comply merge --format sarif --output comply.sarif shards/*.json
  comply merge --fail-on high --format github shards/*.json
  comply merge --config ci/comply.yaml --rules security/ --no-builtin-rules shards/*.json
  comply merge --select secrets --ignore secrets/private-key shards/*.json
  comply merge --evidence .artifacts/review-security --output comply.json shards/*.json
  comply merge --evidence out/ --previous last-review/ --evidence-template firm.md.j2 shards/*.json
  comply merge --baseline .comply/baseline.json --acceptances .comply/acceptances.yaml shards/*.json
Give merge the same rule options as the shards (it needs the rules they ran),
and the triage options you would give one unsharded scan: merge applies them.";

/// After `comply rules --help`.
pub const RULES: &str = "\
Examples:
  comply rules                                  one line per rule
  comply rules --format json
  comply rules --format markdown > docs/rules.md
  comply rules --select cookies --ignore cookies/httponly-disabled
  comply rules --config ci/comply.yaml --rules security/ --no-builtin-rules";

/// After `comply explain --help`.
pub const EXPLAIN: &str = "\
Examples:
  comply explain transport/tls-verification-disabled
  comply explain --rules security/our-rules.yaml ours/no-debug-endpoints
  comply explain --config ci/comply.yaml --no-builtin-rules --rules security/ ours/rule
  comply explain --select hashing --ignore cookies hashing/bcrypt-low-cost";

/// After `comply init --help`.
pub const INIT: &str = "\
Examples:
  comply init                                   writes ./comply.yaml
  comply init --output .comply.yaml             a hidden file instead
  comply init --force                           replace an existing comply.yaml";

/// After `comply hook --help`.
pub const HOOK: &str = "\
Examples:
  comply hook install                           .git/hooks/pre-commit runs `comply scan --staged`
  comply hook install --force                   replace a pre-commit hook comply did not write";

/// The version, then each built-in rule pack with the first 12 hex digits
/// of the SHA-256 of its text: packs change with every added rule, and a
/// content hash names the exact rules a run used (the evidence scope
/// register records the full hash). Computed once per run, only when asked.
pub fn long_version() -> String {
    let mut text = format!(
        "{}\nbuilt-in rule packs (sha256 of the pack text):",
        env!("CARGO_PKG_VERSION")
    );
    for (name, pack) in builtin::PACKS {
        let digest = Sha256::digest(pack.as_bytes());
        let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        text.push_str(&format!("\n  {name:<20} {hex}"));
    }
    text
}
