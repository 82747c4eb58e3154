//! Numeric bounds of conditions: a number, `${policy.NAME}`, or a product of
//! such terms, each optionally a power of two, so a rule can compare
//! milliseconds against a policy in days (`${policy.session_max_age_days} *
//! 86400000`) or a cost against a policy exponent (`2^${policy.scrypt_min_log_n}`).
//!
//! Only evaluation of the written expression lives here; the loader turns
//! errors into diagnostics.

/// Why a bound did not evaluate.
#[derive(Debug, PartialEq)]
pub enum BoundError {
    /// A `${policy.NAME}` with no such parameter (the name).
    UnknownPolicy(String),
    /// Not a bound expression at all.
    Malformed,
}

/// Evaluates `term (* term)*`, where a term is a number, `${policy.NAME}`,
/// or `2^` followed by either.
pub fn eval_bound(text: &str, policy: impl Fn(&str) -> Option<f64>) -> Result<f64, BoundError> {
    let mut product = 1.0;
    for term in text.split('*') {
        let term = term.trim();
        let (power_of_two, term) = match term.strip_prefix("2^") {
            Some(rest) => (true, rest.trim()),
            None => (false, term),
        };
        let value = match term
            .strip_prefix("${policy.")
            .and_then(|t| t.strip_suffix('}'))
        {
            Some(name) => {
                policy(name).ok_or_else(|| BoundError::UnknownPolicy(name.to_string()))?
            }
            None => term.parse::<f64>().map_err(|_| BoundError::Malformed)?,
        };
        product *= if power_of_two { value.exp2() } else { value };
    }
    Ok(product)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(name: &str) -> Option<f64> {
        match name {
            "days" => Some(30.0),
            "log_n" => Some(17.0),
            _ => None,
        }
    }

    #[test]
    fn products_and_powers_of_policy_values() {
        assert_eq!(eval_bound("${policy.days}", policy), Ok(30.0));
        assert_eq!(
            eval_bound("${policy.days} * 86400000", policy),
            Ok(2_592_000_000.0)
        );
        assert_eq!(eval_bound("2^${policy.log_n}", policy), Ok(131_072.0));
        assert_eq!(
            eval_bound("${policy.nope}", policy),
            Err(BoundError::UnknownPolicy("nope".into()))
        );
        assert_eq!(eval_bound("lots", policy), Err(BoundError::Malformed));
    }
}
