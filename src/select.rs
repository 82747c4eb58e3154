//! `--select` / `--ignore`: choosing rules on the command line by family
//! (`secrets`) or rule id (`secrets/private-key`), as ruff does.
//!
//! For each rule the most specific selector naming it decides (an id beats
//! its family); between `--select` and `--ignore` at the same specificity,
//! `--ignore` wins. A rule no selector names runs when `--select` was not
//! given and `comply.yaml` does not `disable` it. The command line wins over
//! the file where it names a rule: `--select cookies/httponly-disabled` runs
//! that rule even when `comply.yaml` disables it, while `--select cookies`
//! runs the family as the project configured it. Unknown names are usage
//! errors with the nearest known name as a suggestion.

use crate::error::Error;
use crate::rules::{RuleSet, FAMILIES};

/// Rule selection from the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// `--select`: only these families or rules (all when empty).
    pub select: Vec<String>,
    /// `--ignore`: never these families or rules.
    pub ignore: Vec<String>,
}

/// How specifically a selector names a rule: by id, by family, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Specificity {
    Family,
    Id,
}

fn specificity(selector: &str, id: &str, family: &str) -> Option<Specificity> {
    if selector == id {
        Some(Specificity::Id)
    } else if selector == family {
        Some(Specificity::Family)
    } else {
        None
    }
}

fn most_specific(selectors: &[String], id: &str, family: &str) -> Option<Specificity> {
    selectors
        .iter()
        .filter_map(|s| specificity(s, id, family))
        .max()
}

/// Checks every selector against the loaded rules and the families, then
/// keeps the rules the selection and `config_disable` leave on.
pub fn apply(
    rules: &mut RuleSet,
    selection: &Selection,
    config_disable: &[String],
) -> Result<(), Error> {
    let known: Vec<String> = FAMILIES
        .iter()
        .map(|f| f.to_string())
        .chain(rules.rules.iter().map(|r| r.id.as_str().to_string()))
        .collect();
    for (flag, selectors) in [
        ("--select", &selection.select),
        ("--ignore", &selection.ignore),
    ] {
        for selector in selectors {
            if !known.iter().any(|k| k == selector) {
                return Err(unknown_selector(flag, selector, &known));
            }
        }
    }
    let off: Vec<String> = rules
        .rules
        .iter()
        .filter(|rule| {
            let (id, family) = (rule.id.as_str(), rule.family.as_str());
            let selected = most_specific(&selection.select, id, family);
            let ignored = most_specific(&selection.ignore, id, family);
            let disabled_by_config = config_disable.iter().any(|d| d == id);
            let enabled = match (selected, ignored) {
                (_, Some(i)) if selected.is_none_or(|s| i >= s) => false,
                (Some(Specificity::Id), _) => true,
                (Some(Specificity::Family), _) => !disabled_by_config,
                (None, _) if !selection.select.is_empty() => false,
                _ => !disabled_by_config,
            };
            !enabled
        })
        .map(|rule| rule.id.as_str().to_string())
        .collect();
    rules.disable(&off);
    Ok(())
}

fn unknown_selector(flag: &str, selector: &str, known: &[String]) -> Error {
    let hint = match suggest(selector, known) {
        Some(near) => format!("; did you mean `{near}`?"),
        None => String::new(),
    };
    Error::Usage(format!(
        "{flag}: unknown rule or family `{selector}`{hint} (`comply rules` lists the rules; \
         families are {})",
        FAMILIES.join(", ")
    ))
}

/// The known name nearest to `name` by edit distance, when it is close
/// enough to be a plausible typo (or `name` is the last part of a rule id).
pub fn suggest<'a>(name: &str, known: &'a [String]) -> Option<&'a str> {
    if let Some(id) = known.iter().find(|k| k.rsplit('/').next() == Some(name)) {
        return Some(id);
    }
    known
        .iter()
        .map(|k| (edit_distance(name, k), k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(2))
        .min()
        .map(|(_, k)| k.as_str())
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_the_nearest_name() {
        let known: Vec<String> = ["secrets", "cookies", "secrets/private-key"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(suggest("secret", &known), Some("secrets"));
        assert_eq!(suggest("private-key", &known), Some("secrets/private-key"));
        assert_eq!(
            suggest("secrets/privat-key", &known),
            Some("secrets/private-key")
        );
        assert_eq!(suggest("transportation-layer", &known), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
