//! Calendar dates and the run's clock: acceptance expiries, SLA due dates and
//! the bundle's timestamp all need them, and a small civil-date type is all
//! they need (no time zones: everything is UTC).
//!
//! The clock honours `SOURCE_DATE_EPOCH` so two runs can agree to the byte.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Days since 1970-01-01.
    days: i64,
}

impl Date {
    /// The date of a Unix timestamp (UTC).
    pub fn from_epoch(seconds: i64) -> Date {
        Date {
            days: seconds.div_euclid(86_400),
        }
    }

    /// Parses `YYYY-MM-DD`, rejecting impossible days.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i64 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
        let day: u32 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            days: days_from_civil(year, month, day),
        })
    }

    /// This date plus `days` days.
    pub fn plus_days(self, days: i64) -> Date {
        Date {
            days: self.days + days,
        }
    }

    /// Whole days from `earlier` to this date.
    pub fn days_since(self, earlier: Date) -> i64 {
        self.days - earlier.days
    }

    fn civil(self) -> (i64, u32, u32) {
        civil_from_days(self.days)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.civil();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// The run's time in seconds since the epoch: `SOURCE_DATE_EPOCH` when set
/// (reproducible builds' convention), else the system clock.
pub fn now_epoch() -> i64 {
    if let Some(value) = std::env::var_os("SOURCE_DATE_EPOCH") {
        if let Some(seconds) = value.to_str().and_then(|v| v.trim().parse::<i64>().ok()) {
            return seconds;
        }
    }
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Today (UTC) by [`now_epoch`].
pub fn today() -> Date {
    Date::from_epoch(now_epoch())
}

/// `YYYY-MM-DDTHH:MM:SSZ`: RFC 3339 in UTC, second precision.
pub fn rfc3339(seconds: i64) -> String {
    let date = Date::from_epoch(seconds);
    let rest = seconds.rem_euclid(86_400);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's civil-date algorithms (public-domain arithmetic).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_count() {
        let d = Date::parse("2024-02-29").unwrap();
        assert_eq!(d.to_string(), "2024-02-29");
        assert_eq!(d.plus_days(1).to_string(), "2024-03-01");
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2023-13-01").is_none());
        assert!(Date::parse("tomorrow").is_none());
        assert_eq!(Date::from_epoch(0).to_string(), "1970-01-01");
        assert_eq!(
            Date::parse("2026-01-01")
                .unwrap()
                .days_since(Date::parse("2025-12-25").unwrap()),
            7
        );
    }

    #[test]
    fn rfc3339_is_utc_to_the_second() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
    }
}
