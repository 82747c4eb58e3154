//! What the `names` and `longer_than` tests look at: the dotted name a value
//! carries (so a rule can ask "is this a password?" of `req.body.password`
//! or `password.as_bytes()`), and a value read as a duration (`'365d'`).
//!
//! Only syntax is read: a literal is never a name, and a duration is a
//! number or a literal string in the units `ms`-style libraries accept.

use crate::facts::Value;

/// The dotted text a value names: an identifier, a member path, a call's
/// callee (`password.as_bytes`, `String.from` is looked through by the front
/// ends), or the single interpolation of a template (`${password}`).
pub fn name_text(value: &Value) -> Option<&str> {
    match value {
        Value::Ident(name) | Value::Member(name) => Some(name),
        Value::Call { callee } => Some(callee),
        Value::Template { text, names } if names.len() == 1 && text == "${}" => {
            names.first().map(String::as_str)
        }
        _ => None,
    }
}

/// A duration in seconds: a number is seconds; a string is a number with an
/// optional unit (`90`, `'2h'`, `'365d'`, `'1 year'`, `'30 days'`).
pub fn duration_seconds(value: &Value) -> Option<f64> {
    match value {
        Value::Num(n) => Some(*n),
        Value::Str(s) => parse_duration(s),
        _ => None,
    }
}

fn parse_duration(text: &str) -> Option<f64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let amount: f64 = text[..split].parse().ok()?;
    let unit = text[split..].trim().to_ascii_lowercase();
    let seconds = match unit.as_str() {
        "" => return None, // `'3600'` is milliseconds to `ms`, seconds elsewhere: unknown.
        "ms" | "msec" | "msecs" | "millisecond" | "milliseconds" => 0.001,
        "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
        "d" | "day" | "days" => 86_400.0,
        "w" | "week" | "weeks" => 604_800.0,
        "y" | "yr" | "yrs" | "year" | "years" => 31_557_600.0,
        _ => return None,
    };
    Some(amount * seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_paths_and_calls_not_literals() {
        assert_eq!(
            name_text(&Value::Member("req.body.password".into())),
            Some("req.body.password")
        );
        assert_eq!(
            name_text(&Value::Call {
                callee: "password.as_bytes".into()
            }),
            Some("password.as_bytes")
        );
        assert_eq!(name_text(&Value::Str("password".into())), None);
    }

    #[test]
    fn durations_read_numbers_as_seconds_and_strings_with_units() {
        assert_eq!(duration_seconds(&Value::Num(3600.0)), Some(3600.0));
        assert_eq!(
            duration_seconds(&Value::Str("365d".into())),
            Some(31_536_000.0)
        );
        assert_eq!(
            duration_seconds(&Value::Str("2 hours".into())),
            Some(7200.0)
        );
        assert_eq!(duration_seconds(&Value::Str("3600".into())), None);
        assert_eq!(duration_seconds(&Value::Str("soon".into())), None);
        assert_eq!(duration_seconds(&Value::Ident("ttl".into())), None);
    }
}
