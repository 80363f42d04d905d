//! A calendar date, passed in by the caller (the core has no clock): the
//! workspace's one date type, used for a handout's date of issue here and
//! for FHIR dates in `prolo-triage-fhir`.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Invalid};
use crate::json::echo;

/// A calendar date (proleptic Gregorian), years 1 to 9999 as in FHIR. A
/// `Date` always names a day that exists: 29 February only in leap years.
///
/// # Example
///
/// ```
/// use prolo_triage::Date;
/// let d = Date::new(2026, 12, 7).unwrap();
/// assert_eq!(d.to_string(), "2026-12-07");
/// assert_eq!("2026-12-07".parse(), Ok(d));
/// assert_eq!(Date::new(2026, 2, 29), None); // not a leap year
/// assert_eq!(d.plus_weeks(7).map(Date::patient_words).as_deref(), Some("25 January 2027"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// `days_since_epoch` of 0001-01-01 and 9999-12-31.
const FIRST_DAY: i64 = -719_162;
const LAST_DAY: i64 = 2_932_896;

impl Date {
    /// The first date there is, 0001-01-01.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Date;
    /// assert_eq!(Date::MIN.to_string(), "0001-01-01");
    /// assert_eq!(Date::MIN.plus_days(-1), None);
    /// ```
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };

    /// The last date there is, 9999-12-31.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Date;
    /// assert_eq!(Date::MAX.to_string(), "9999-12-31");
    /// assert_eq!(Date::MAX.plus_days(1), None);
    /// ```
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// The date, if it exists (years 1–9999).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Date;
    /// assert!(Date::new(2024, 2, 29).is_some());
    /// assert!(Date::new(2026, 13, 1).is_none());
    /// assert!(Date::new(0, 1, 1).is_none());
    /// ```
    #[must_use]
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The last day of a month, if the month exists (years 1–9999).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Date;
    /// assert_eq!(Date::last_of_month(2024, 2), Date::new(2024, 2, 29));
    /// assert_eq!(Date::last_of_month(2100, 2), Date::new(2100, 2, 28));
    /// assert_eq!(Date::last_of_month(2026, 0), None);
    /// ```
    #[must_use]
    pub fn last_of_month(year: u16, month: u8) -> Option<Date> {
        Date::new(year, month, days_in_month(year, month))
    }

    /// The year, 1–9999.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Date;
    /// assert_eq!(Date::new(2026, 12, 7).map(Date::year), Some(2026));
    /// ```
    #[must_use]
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Date;
    /// assert_eq!(Date::new(2026, 12, 7).map(Date::month), Some(12));
    /// ```
    #[must_use]
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Date;
    /// assert_eq!(Date::new(2026, 12, 7).map(Date::day), Some(7));
    /// ```
    #[must_use]
    pub const fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's
    /// `days_from_civil`.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Date;
    /// assert_eq!(Date::new(1970, 1, 1).map(Date::days_since_epoch), Some(0));
    /// assert_eq!(Date::new(2000, 3, 1).map(Date::days_since_epoch), Some(11_017));
    /// ```
    // Years are 1..=9999 and months and days in range (a `Date` cannot be
    // built otherwise), so every intermediate value is far inside i64.
    #[allow(clippy::arithmetic_side_effects)]
    #[must_use]
    pub fn days_since_epoch(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (before, when negative), by
    /// Howard Hinnant's `civil_from_days`; `None` outside years 1–9999.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Date;
    /// assert_eq!(Date::from_days_since_epoch(11_017), Date::new(2000, 3, 1));
    /// assert_eq!(Date::from_days_since_epoch(i64::MAX), None);
    /// ```
    #[must_use]
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        if !(FIRST_DAY..=LAST_DAY).contains(&days) {
            return None;
        }
        let (year, month, day) = civil_from_days(days);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// The date `days` days later (earlier, when negative), `None` outside
    /// years 1–9999.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Date;
    /// let d = Date::new(2024, 2, 28).unwrap();
    /// assert_eq!(d.plus_days(1), Date::new(2024, 2, 29));
    /// assert_eq!(Date::MAX.plus_days(1), None);
    /// ```
    #[must_use]
    pub fn plus_days(self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch().checked_add(days)?)
    }

    /// The date `weeks` weeks later, `None` past year 9999.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Date;
    /// let d = Date::new(2026, 12, 7).unwrap();
    /// assert_eq!(d.plus_weeks(7), Date::new(2027, 1, 25));
    /// assert_eq!(Date::MAX.plus_weeks(1), None);
    /// ```
    #[must_use]
    pub fn plus_weeks(self, weeks: u16) -> Option<Date> {
        self.plus_days(i64::from(weeks).checked_mul(7)?)
    }

    /// Whole days from `earlier` to `self`, `None` when `earlier` is later.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Date;
    /// let (a, b) = (Date::new(2026, 11, 26).unwrap(), Date::new(2026, 5, 28).unwrap());
    /// assert_eq!(a.days_since(b), Some(182));
    /// assert_eq!(b.days_since(a), None);
    /// ```
    #[must_use]
    pub fn days_since(self, earlier: Date) -> Option<i64> {
        let days = self
            .days_since_epoch()
            .checked_sub(earlier.days_since_epoch())?;
        (days >= 0).then_some(days)
    }

    /// Whole years from `birth` to `self` (an age), `None` before birth.
    /// A 29 February birthday comes on 1 March in other years.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Date;
    /// let birth = Date::new(2000, 2, 29).unwrap();
    /// assert_eq!(Date::new(2001, 2, 28).unwrap().years_since(birth), Some(0));
    /// assert_eq!(Date::new(2001, 3, 1).unwrap().years_since(birth), Some(1));
    /// ```
    #[must_use]
    pub fn years_since(self, birth: Date) -> Option<u16> {
        if self < birth {
            return None;
        }
        let before_birthday = (self.month, self.day) < (birth.month, birth.day);
        // `self >= birth`, so the difference is at least 0, and at least 1
        // when the birthday has not come yet this year.
        self.year
            .checked_sub(birth.year)?
            .checked_sub(u16::from(before_birthday))
    }

    /// The date as a patient reads it: "7 December 2026" (day, month name,
    /// year: unambiguous wherever the handout is read, unlike 12/07/2026).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Date;
    /// assert_eq!(Date::new(2026, 12, 7).unwrap().patient_words(), "7 December 2026");
    /// ```
    #[must_use]
    pub fn patient_words(self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = MONTHS
            .get(usize::from(self.month).saturating_sub(1))
            .copied()
            .unwrap_or_default();
        format!("{} {month} {}", self.day, self.year)
    }
}

fn is_leap(year: u16) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// (year, month, day) of a day count since 1970-01-01, by Howard Hinnant's
/// `civil_from_days`.
// Called only with days in FIRST_DAY..=LAST_DAY (years 1–9999), so every
// intermediate value is far inside i64 and the divisions are by constants.
#[allow(clippy::arithmetic_side_effects)]
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = Error;

    /// Reads `YYYY-MM-DD` exactly (four, two and two ASCII digits), a day
    /// that exists.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] at path `date` with [`Invalid::NotADate`] for
    /// anything else; a caller reading a named field (`--date`, `as_of`)
    /// puts its own name in front.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Date, ErrorKind};
    /// let err = "2026-02-29".parse::<Date>().unwrap_err();
    /// assert_eq!((err.kind(), err.path()), (ErrorKind::Invalid, "date"));
    /// assert!("7 December 2026".parse::<Date>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Date, Error> {
        let number = |part: Option<&str>, len: usize| {
            part.filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u16>().ok())
        };
        let mut parts = s.split('-');
        let (year, month, day) = (
            number(parts.next(), 4),
            number(parts.next(), 2),
            number(parts.next(), 2),
        );
        let date = match (year, month, day, parts.next()) {
            (Some(y), Some(m), Some(d), None) => Date::new(
                y,
                u8::try_from(m).unwrap_or(0),
                u8::try_from(d).unwrap_or(0),
            ),
            _ => None,
        };
        date.ok_or_else(|| Error::Invalid {
            path: "date".into(),
            cause: Invalid::NotADate { value: echo(s) },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn epoch_days_match_known_values() {
        let day = |y, m, d| Date::new(y, m, d).map(Date::days_since_epoch);
        assert_eq!(day(1970, 1, 1), Some(0));
        assert_eq!(day(2000, 3, 1), Some(11_017));
        assert_eq!(day(1, 1, 1), Some(FIRST_DAY));
        assert_eq!(day(9999, 12, 31), Some(LAST_DAY));
        assert_eq!(Date::from_days_since_epoch(FIRST_DAY - 1), None);
        assert_eq!(Date::from_days_since_epoch(LAST_DAY + 1), None);
        assert_eq!(Date::from_days_since_epoch(i64::MIN), None);
    }

    #[test]
    fn weeks_cross_months_years_and_leap_days() {
        let d = |y, m, day| Date::new(y, m, day);
        let plus = |date: Option<Date>, weeks| date.and_then(|x| x.plus_weeks(weeks));
        assert_eq!(plus(d(2026, 12, 7), 7), d(2027, 1, 25));
        assert_eq!(plus(d(2024, 2, 22), 1), d(2024, 2, 29));
        assert_eq!(plus(d(2023, 2, 22), 1), d(2023, 3, 1));
        assert_eq!(plus(d(2026, 12, 7), 0), d(2026, 12, 7));
        assert_eq!(plus(d(9999, 12, 25), 1), None);
        assert_eq!(plus(d(1, 1, 1), u16::MAX), d(1257, 1, 1));
    }

    #[test]
    fn patient_words_name_the_month() {
        let words = |y, m, d| Date::new(y, m, d).map(Date::patient_words);
        assert_eq!(words(2026, 12, 7).as_deref(), Some("7 December 2026"));
        assert_eq!(words(2027, 1, 25).as_deref(), Some("25 January 2027"));
        assert_eq!(words(1, 1, 1).as_deref(), Some("1 January 1"));
    }

    #[test]
    fn parsing_refuses_all_but_yyyy_mm_dd() {
        for bad in [
            "",
            "2026",
            "2026-12",
            "2026-12-7",
            "26-12-07",
            "2026-13-01",
            "2026-00-01",
            "2026-11-31",
            "2026-02-29",
            "0000-01-01",
            "2026-12-07T10:00:00Z",
            "2026-12-07-01",
            "+026-12-07",
            "2026-+1-07",
            " 2026-12-07",
            "２０２６-12-07",
            "07/12/2026",
        ] {
            let err = bad.parse::<Date>();
            assert_eq!(
                err,
                Err(Error::Invalid {
                    path: "date".into(),
                    cause: Invalid::NotADate { value: echo(bad) }
                }),
                "{bad}"
            );
        }
        assert_eq!(
            "2024-02-29".parse::<Date>().ok(),
            Date::new(2024, 2, 29),
            "a leap day"
        );
    }

    #[test]
    fn the_error_says_what_a_date_looks_like() {
        let err = "tomorrow".parse::<Date>().map_err(|e| e.to_string());
        assert_eq!(
            err,
            Err("date: `tomorrow` is not a date: expected YYYY-MM-DD, a day that exists in years 1 to 9999".into())
        );
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (FIRST_DAY..=LAST_DAY).prop_map(|days| {
            Date::from_days_since_epoch(days).unwrap_or_else(|| panic!("{days} is in range"))
        })
    }

    proptest! {
        #[test]
        fn plus_weeks_is_seven_days_a_week(date in any_date(), weeks in any::<u16>()) {
            let expected = date.days_since_epoch() + 7 * i64::from(weeks);
            match date.plus_weeks(weeks) {
                Some(later) => prop_assert_eq!(later.days_since_epoch(), expected),
                None => prop_assert!(expected > LAST_DAY),
            }
        }

        #[test]
        fn days_round_trip(days in FIRST_DAY..=LAST_DAY) {
            let date = Date::from_days_since_epoch(days);
            prop_assert_eq!(date.map(Date::days_since_epoch), Some(days));
        }

        #[test]
        fn display_and_parse_round_trip(date in any_date()) {
            prop_assert_eq!(date.to_string().parse::<Date>(), Ok(date));
        }

        #[test]
        fn new_accepts_exactly_the_days_that_exist(y in 0u16..=10_000, m in 0u8..=13, d in 0u8..=32) {
            let exists = (1..=9999).contains(&y)
                && (1..=12).contains(&m)
                && d >= 1
                && d <= days_in_month(y, m);
            prop_assert_eq!(Date::new(y, m, d).is_some(), exists);
            let text = format!("{y:04}-{m:02}-{d:02}");
            prop_assert_eq!(text.parse::<Date>().is_ok(), exists, "{}", text);
            if let Some(date) = Date::new(y, m, d) {
                prop_assert_eq!(date.to_string(), text);
                prop_assert_eq!(
                    Date::from_days_since_epoch(date.days_since_epoch()),
                    Some(date)
                );
            }
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,12}") {
            let _ = s.parse::<Date>();
        }
    }
}
