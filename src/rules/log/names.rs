//! Names as words: how the `log` matcher decides, from an identifier alone,
//! whether it names sensitive data (`userEmail`, `api_key`), says something
//! about it without carrying it (`emailCount`, `hasPassword`, `maskedToken`),
//! or is none of its business.
//!
//! Pure functions over strings; the vocabulary comes from the rule pack.

use std::collections::HashSet;

use foldhash::fast::FixedState;

/// Names longer than this many words are judged on their last words only, so
/// a hostile identifier cannot make the suffix comparison quadratic in size.
const MAX_WORDS: usize = 12;

/// What a name says about the value it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The name ends with a sensitive phrase (`user.password`, `accessToken`).
    Sensitive,
    /// The name describes sensitive data without carrying it (`emailCount`,
    /// `passwordLength`, `isTokenValid`, `maskedEmail`, `user.id`).
    Safe,
    /// Nothing either way (`name`, `result`, `e`).
    Neutral,
}

/// The words a rule treats as sensitive and as safe, compiled for lookup.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    /// Sensitive phrases with their words run together (`api key` → `apikey`),
    /// so `apiKey`, `api_key`, `API_KEY` and `apikey` all end with one.
    phrases: HashSet<String, FixedState>,
    /// Words that make a name describe its data rather than hold it.
    safe: HashSet<String, FixedState>,
}

impl Vocabulary {
    /// A vocabulary from phrases (`api key`) and safe words (`count`), both
    /// already validated as lower-case words.
    pub fn new<'a>(
        phrases: impl IntoIterator<Item = &'a str>,
        safe: impl IntoIterator<Item = &'a str>,
    ) -> Vocabulary {
        Vocabulary {
            phrases: phrases.into_iter().map(|p| p.replace(' ', "")).collect(),
            safe: safe.into_iter().map(str::to_string).collect(),
        }
    }

    /// Judges one identifier (a path's last segment, an object key).
    ///
    /// A name is sensitive when its last words spell a phrase and none of the
    /// words before them is safe; a safe word anywhere else makes it safe.
    pub fn judge(&self, name: &str) -> Verdict {
        let words = split_words(name);
        let words = &words[words.len().saturating_sub(MAX_WORDS)..];
        let mut suffix = String::new();
        let mut matched = None;
        for start in (0..words.len()).rev() {
            suffix.insert_str(0, &words[start]);
            if self.phrases.contains(&suffix) {
                matched = Some(start);
            }
        }
        let described_by = match matched {
            Some(start) => &words[..start],
            None => words,
        };
        if described_by.iter().any(|w| self.safe.contains(w)) {
            Verdict::Safe
        } else if matched.is_some() {
            Verdict::Sensitive
        } else {
            Verdict::Neutral
        }
    }
}

/// Splits an identifier into lower-case words at `_`, `-`, spaces and
/// case changes: `APIKey` → `api key`, `user_email` → `user email`,
/// `X-Api-Key` → `x api key`. Digits stay with the word before them.
pub fn split_words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_split_at_every_convention() {
        assert_eq!(split_words("userEmail"), ["user", "email"]);
        assert_eq!(split_words("APIKey"), ["api", "key"]);
        assert_eq!(split_words("DB_PASSWORD"), ["db", "password"]);
        assert_eq!(split_words("x-api-key"), ["x", "api", "key"]);
        assert_eq!(split_words("sha256Digest"), ["sha256", "digest"]);
        assert_eq!(split_words("__proto__"), ["proto"]);
        assert!(split_words("").is_empty());
    }

    fn vocabulary() -> Vocabulary {
        Vocabulary::new(
            ["password", "api key", "id token", "email", "national id"],
            ["id", "count", "length", "has", "masked"],
        )
    }

    #[test]
    fn a_name_ending_with_a_phrase_is_sensitive() {
        let v = vocabulary();
        for name in [
            "password",
            "newPassword",
            "apiKey",
            "API_KEY",
            "stripeApikey",
        ] {
            assert_eq!(v.judge(name), Verdict::Sensitive, "{name}");
        }
        // A phrase that contains a safe word still wins over it.
        assert_eq!(v.judge("idToken"), Verdict::Sensitive);
        assert_eq!(v.judge("nationalId"), Verdict::Sensitive);
    }

    #[test]
    fn safe_words_and_other_heads_are_not_sensitive() {
        let v = vocabulary();
        for name in [
            "userId",
            "emailCount",
            "passwordLength",
            "hasPassword",
            "maskedEmail",
        ] {
            assert_eq!(v.judge(name), Verdict::Safe, "{name}");
        }
        for name in ["passwordPolicy", "emailTemplate", "gmail", "result"] {
            assert_eq!(v.judge(name), Verdict::Neutral, "{name}");
        }
    }
}
