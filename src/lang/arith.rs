//! Constant folding of numeric arithmetic, shared by the code front ends, so `1000 * 60 * 60 * 24 * 365`
//! reaches a rule as the number it is (session lifetimes are written so).
//! Only numeric literals fold; anything else stays unknown.

use crate::facts::Value;

/// The result of `left op right` when both sides are numbers and the
/// operator is arithmetic; `None` otherwise (including division by zero).
pub(crate) fn fold(op: &str, left: &Value, right: &Value) -> Option<f64> {
    let (Value::Num(a), Value::Num(b)) = (left, right) else {
        return None;
    };
    let result = match op {
        "*" => a * b,
        "+" => a + b,
        "-" => a - b,
        "/" if *b != 0.0 => a / b,
        "**" => a.powf(*b),
        _ => return None,
    };
    result.is_finite().then_some(result)
}

/// Seconds in one unit of a duration constructor (`Duration::days`,
/// `Duration::from_secs`), for `time`, `chrono` and `std` durations.
pub(crate) fn duration_unit_seconds(constructor: &str) -> Option<f64> {
    Some(match constructor {
        "weeks" => 604_800.0,
        "days" => 86_400.0,
        "hours" | "from_hours" => 3600.0,
        "minutes" | "from_mins" => 60.0,
        "seconds" | "from_secs" | "new" => 1.0,
        "milliseconds" | "from_millis" => 0.001,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_fold_and_names_do_not() {
        assert_eq!(
            fold("*", &Value::Num(1000.0), &Value::Num(60.0)),
            Some(60_000.0)
        );
        assert_eq!(fold("/", &Value::Num(1.0), &Value::Num(0.0)), None);
        assert_eq!(
            fold("*", &Value::Num(2.0), &Value::Ident("DAYS".into())),
            None
        );
        assert_eq!(fold("%", &Value::Num(7.0), &Value::Num(2.0)), None);
    }
}
