//! Reading back what the reviewer wrote in `manual-assessment.md`: every
//! task-list line whose first code span names a control or a manual item,
//! ticked or not, signed or not.
//!
//! The form is plain Markdown task lists (`- [ ] \`M1\` …`), which every
//! Markdown editor keeps as written. A tick counts only with a name and a
//! date: `[x] \`M1\` verified by <name> on <YYYY-MM-DD>`, or for a control
//! `[x] \`SOC2 CC6.6\` compensating control: <what> by <name> on <YYYY-MM-DD>`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::triage::date::Date;

static TASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-*+]|\d+[.)])\s+\\?\[(?P<tick>[ xX])\\?\]\s+(?P<rest>.*)$").expect("valid")
});
static KEY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`(?P<key>[^`]+)`").expect("valid"));
static VERIFIED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bverified\s+by\s+(?P<name>.+?)\s+on\s+(?P<date>\d{4}-\d{2}-\d{2})\b")
        .expect("valid")
});
static COMPENSATING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bcompensating\s+control\s*:?\s*(?P<text>.+?)\s+by\s+(?P<name>.+?)\s+on\s+(?P<date>\d{4}-\d{2}-\d{2})\b",
    )
    .expect("valid")
});

/// What the reviewer recorded on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// Not ticked.
    Open,
    /// Ticked, signed and dated.
    Verified {
        /// Who.
        name: String,
        /// When.
        date: String,
    },
    /// A compensating control, signed and dated.
    Compensating {
        /// The control.
        text: String,
        /// Who recorded it.
        name: String,
        /// When.
        date: String,
    },
    /// Ticked without a usable name and date: does not count.
    Unsigned {
        /// What is missing.
        why: String,
    },
}

/// One recorded line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// 1-based line in the document.
    pub line: usize,
    /// The mark.
    pub mark: Mark,
}

/// Every reviewer line, by key (control id or manual item id); the first
/// line for a key wins.
pub fn read(text: &str) -> BTreeMap<String, Entry> {
    let mut entries = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let Some(task) = TASK.captures(line) else {
            continue;
        };
        let rest = &task["rest"];
        let Some(key) = KEY.captures(rest) else {
            continue;
        };
        let key_match = key.get(0).expect("whole match");
        let after = &rest[key_match.end()..];
        let ticked = &task["tick"] != " ";
        let mark = if ticked { signed(after) } else { Mark::Open };
        entries
            .entry(key["key"].trim().to_string())
            .or_insert(Entry {
                line: index + 1,
                mark,
            });
    }
    entries
}

fn usable_name(name: &str) -> Option<String> {
    let name = name.trim().trim_matches(['*', '_']).trim();
    let placeholder = name.is_empty() || name.starts_with('<') || name == "name";
    (!placeholder).then(|| name.to_string())
}

fn signed(text: &str) -> Mark {
    let dated = |date: &str| Date::parse(date).is_some();
    if let Some(c) = COMPENSATING.captures(text) {
        return match usable_name(&c["name"]) {
            Some(name) if dated(&c["date"]) => Mark::Compensating {
                text: c["text"].trim().to_string(),
                name,
                date: c["date"].to_string(),
            },
            Some(_) => Mark::Unsigned {
                why: format!("the date `{}` is not a real date", &c["date"]),
            },
            None => Mark::Unsigned {
                why: "the compensating control names no reviewer".into(),
            },
        };
    }
    if let Some(c) = VERIFIED.captures(text) {
        return match usable_name(&c["name"]) {
            Some(name) if dated(&c["date"]) => Mark::Verified {
                name,
                date: c["date"].to_string(),
            },
            Some(_) => Mark::Unsigned {
                why: format!("the date `{}` is not a real date", &c["date"]),
            },
            None => Mark::Unsigned {
                why: "it names no reviewer".into(),
            },
        };
    }
    Mark::Unsigned {
        why: "it is ticked without `verified by <name> on <YYYY-MM-DD>`".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_count_only_when_signed_and_dated() {
        let doc = "\
# Title
- [ ] `M1` Admins use 2FA
- [x] `M2` Keys rotated — verified by Dana Okafor on 2026-11-20
* [X] `M3` Access reviews verified by on 2026-11-20
- [x] `M4` Encryption at rest
- [x] `SOC2 CC6.6` compensating control: WAF rate limit on /login by Sam Lee on 2026-11-21
- [x] `M5` verified by Sam Lee on 2026-02-30
| `M6` | not a task line |
";
        let r = read(doc);
        assert_eq!(r["M1"].mark, Mark::Open);
        assert_eq!(
            r["M2"].mark,
            Mark::Verified {
                name: "Dana Okafor".into(),
                date: "2026-11-20".into()
            }
        );
        assert!(
            matches!(r["M3"].mark, Mark::Unsigned { .. }),
            "{:?}",
            r["M3"]
        );
        assert_eq!(r["M4"].line, 5);
        assert!(matches!(r["M4"].mark, Mark::Unsigned { .. }));
        assert!(
            matches!(r["SOC2 CC6.6"].mark, Mark::Compensating { ref text, .. } if text == "WAF rate limit on /login")
        );
        assert!(matches!(r["M5"].mark, Mark::Unsigned { .. }));
        assert!(!r.contains_key("M6"));
    }
}
