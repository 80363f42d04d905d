//! Dates and times as FHIR R4 writes them, and the "as of" moment the
//! caller passes instead of a clock.
//!
//! FHIR times have a precision: `1974`, `1974-12`, `1974-12-25` and
//! `2026-11-25T08:30:00+01:00` are all valid. Each is read as the span of
//! time it could mean, so a rule can ask "certainly within the window?"
//! rather than guess: a value whose span straddles a limit does not count.

use std::fmt;
use std::str::FromStr;

use crate::error::{echo, Error};

/// Seconds in a day.
const DAY: i64 = 86_400;

/// The workspace's one calendar date, [`prolo_triage::Date`]: FHIR's
/// years 1 to 9999, and the date a handout is issued on.
pub use prolo_triage::Date;

/// The moment the mapping is made "as of", passed by the caller because the
/// crate has no clock: a date (`2026-11-26`), or a FHIR instant
/// (`2026-11-26T09:30:00+01:00`) when the windows should count from a
/// time of day.
///
/// A date stands for the end of that day: a window of 24 hours then
/// covers the as-of day itself. Ages and durations in weeks count whole
/// days up to the as-of date. Dates without a time in the record are read
/// as days at the as-of's UTC offset (UTC for a date).
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::AsOf;
/// let day: AsOf = "2026-11-26".parse()?;
/// assert_eq!(day.date().to_string(), "2026-11-26");
/// let morning: AsOf = "2026-11-26T09:30:00+01:00".parse()?;
/// assert_eq!(morning.date(), day.date());
/// assert!("26/11/2026".parse::<AsOf>().is_err());
/// # Ok::<(), prolo_triage_fhir::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AsOf {
    time: FhirTime,
}

impl AsOf {
    /// The end of the given day.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage_fhir::{AsOf, Date};
    /// let as_of = AsOf::day("2026-11-26".parse::<Date>()?);
    /// assert_eq!(as_of.to_string(), "2026-11-26");
    /// # Ok::<(), prolo_triage_fhir::Error>(())
    /// ```
    #[must_use]
    pub const fn day(date: Date) -> AsOf {
        AsOf {
            time: FhirTime::Day(date),
        }
    }

    /// The civil date of the as-of moment (at its own UTC offset).
    #[must_use]
    pub fn date(&self) -> Date {
        self.time.first_day()
    }

    /// The UTC offset (seconds) used for record dates without a time.
    pub(crate) fn offset_seconds(&self) -> i32 {
        match self.time {
            FhirTime::Instant { offset_seconds, .. } => offset_seconds,
            _ => 0,
        }
    }

    /// The last second (exclusive) the as-of moment stands for, in UTC
    /// seconds since 1970.
    pub(crate) fn end(&self) -> i64 {
        self.time.span(0).1
    }
}

impl fmt::Display for AsOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.time)
    }
}

impl FromStr for AsOf {
    type Err = Error;

    /// Reads `YYYY-MM-DD` or a FHIR instant `YYYY-MM-DDThh:mm:ss[.s](Z|±hh:mm)`.
    fn from_str(s: &str) -> Result<AsOf, Error> {
        match FhirTime::parse(s) {
            Some(time @ (FhirTime::Day(_) | FhirTime::Instant { .. })) => Ok(AsOf { time }),
            _ => Err(Error::InvalidDate {
                path: "as_of".into(),
                value: echo(s),
                expected: "YYYY-MM-DD or YYYY-MM-DDThh:mm:ss(Z|+hh:mm)",
            }),
        }
    }
}

/// How far back an observation or answer still counts, in seconds.
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::Window;
/// assert_eq!(Window::hours(24), Window::days(1));
/// assert_eq!(Window::days(90).to_string(), "90 days");
/// assert_eq!(Window::hours(24).to_string(), "24 h");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Window {
    seconds: u32,
}

impl Window {
    /// A window of whole hours (at most about 136 years; larger values are
    /// capped).
    #[must_use]
    pub const fn hours(hours: u32) -> Window {
        Window {
            seconds: hours.saturating_mul(3600),
        }
    }

    /// A window of whole days (capped like [`Window::hours`]).
    #[must_use]
    pub const fn days(days: u32) -> Window {
        Window {
            seconds: days.saturating_mul(86_400),
        }
    }

    /// The length in seconds.
    #[must_use]
    pub const fn seconds(self) -> u32 {
        self.seconds
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.seconds;
        if s % 86_400 == 0 && s / 86_400 != 1 {
            write!(f, "{} days", s / 86_400)
        } else if s % 3600 == 0 {
            write!(f, "{} h", s / 3600)
        } else {
            write!(f, "{s} s")
        }
    }
}

/// A FHIR `date`, `dateTime` or `instant`, at the precision written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FhirTime {
    /// `YYYY`.
    Year(u16),
    /// `YYYY-MM`.
    Month(u16, u8),
    /// `YYYY-MM-DD`.
    Day(Date),
    /// A date and a time of day (whole seconds) at a UTC offset.
    Instant {
        date: Date,
        second_of_day: u32,
        offset_seconds: i32,
    },
}

/// Where a time lies relative to a window ending at the as-of moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Recency {
    /// Certainly inside the window.
    Within,
    /// Possibly or certainly before the window starts.
    Stale,
    /// Possibly or certainly after the as-of moment.
    After,
}

impl FhirTime {
    /// Reads the FHIR R4 `date` / `dateTime` / `instant` syntax strictly: a
    /// time needs seconds and a zone, as the specification requires.
    pub(crate) fn parse(s: &str) -> Option<FhirTime> {
        let (date_part, time_part) = match s.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let mut fields = date_part.split('-');
        let year = digits(fields.next()?, 4)?;
        let year = u16::try_from(year).ok().filter(|y| *y >= 1)?;
        let Some(month) = fields.next() else {
            return time_part.is_none().then_some(FhirTime::Year(year));
        };
        let month = u8::try_from(digits(month, 2)?).ok()?;
        if !(1..=12).contains(&month) {
            return None;
        }
        let Some(day) = fields.next() else {
            return time_part.is_none().then_some(FhirTime::Month(year, month));
        };
        let date = Date::new(year, month, u8::try_from(digits(day, 2)?).ok()?)?;
        if fields.next().is_some() {
            return None;
        }
        match time_part {
            None => Some(FhirTime::Day(date)),
            Some(t) => {
                let (second_of_day, offset_seconds) = parse_time(t)?;
                Some(FhirTime::Instant {
                    date,
                    second_of_day,
                    offset_seconds,
                })
            }
        }
    }

    /// The first civil day the value could fall on, as written.
    // A year is 1–9999 and a month 1–12 (`parse` refuses others), so the
    // first and last days exist; the fallbacks are never taken.
    pub(crate) fn first_day(&self) -> Date {
        match *self {
            FhirTime::Year(y) => Date::new(y, 1, 1).unwrap_or(Date::MIN),
            FhirTime::Month(y, m) => Date::new(y, m, 1).unwrap_or(Date::MIN),
            FhirTime::Day(date) | FhirTime::Instant { date, .. } => date,
        }
    }

    /// The last civil day the value could fall on, as written.
    pub(crate) fn last_day(&self) -> Date {
        match *self {
            FhirTime::Year(y) => Date::new(y, 12, 31).unwrap_or(Date::MAX),
            FhirTime::Month(y, m) => Date::last_of_month(y, m).unwrap_or(Date::MAX),
            FhirTime::Day(date) | FhirTime::Instant { date, .. } => date,
        }
    }

    /// The span `[start, end)` in UTC seconds since 1970; values without a
    /// time are read at `offset_for_dates`.
    // Days are within years 1..=9999 (about ±3e11 s), seconds of day below
    // 86 400 and offsets within ±14 h: no sum comes near i64's range.
    #[allow(clippy::arithmetic_side_effects)]
    pub(crate) fn span(&self, offset_for_dates: i32) -> (i64, i64) {
        match *self {
            FhirTime::Instant {
                date,
                second_of_day,
                offset_seconds,
            } => {
                let t = date.days_since_epoch() * DAY + i64::from(second_of_day)
                    - i64::from(offset_seconds);
                (t, t + 1)
            }
            _ => {
                let offset = i64::from(offset_for_dates);
                let start = self.first_day().days_since_epoch() * DAY - offset;
                let end = (self.last_day().days_since_epoch() + 1) * DAY - offset;
                (start, end)
            }
        }
    }

    /// Whether the value lies certainly within `window` before the as-of
    /// moment.
    pub(crate) fn recency(&self, as_of: &AsOf, window: Window) -> Recency {
        let (start, end) = self.span(as_of.offset_seconds());
        let limit = as_of.end();
        if end > limit {
            return Recency::After;
        }
        match limit.checked_sub(i64::from(window.seconds())) {
            Some(window_start) if start >= window_start => Recency::Within,
            _ => Recency::Stale,
        }
    }
}

impl fmt::Display for FhirTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            FhirTime::Year(y) => write!(f, "{y:04}"),
            FhirTime::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            FhirTime::Day(d) => write!(f, "{d}"),
            FhirTime::Instant {
                date,
                second_of_day,
                offset_seconds,
            } => {
                let (h, m, s) = (
                    second_of_day / 3600,
                    second_of_day / 60 % 60,
                    second_of_day % 60,
                );
                write!(f, "{date}T{h:02}:{m:02}:{s:02}")?;
                if offset_seconds == 0 {
                    return write!(f, "Z");
                }
                let sign = if offset_seconds < 0 { '-' } else { '+' };
                let abs = offset_seconds.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", abs / 3600, abs / 60 % 60)
            }
        }
    }
}

/// Exactly `n` ASCII digits as a number.
fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() != n || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `hh:mm:ss[.fff](Z|±hh:mm)` as (second of day, offset in seconds).
fn parse_time(t: &str) -> Option<(u32, i32)> {
    let zone_at = t.find(['Z', '+', '-'])?;
    let (clock, zone) = t.split_at(zone_at);
    let (clock, fraction) = match clock.split_once('.') {
        Some((c, f)) => (c, Some(f)),
        None => (clock, None),
    };
    if fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let mut parts = clock.split(':');
    let hour = digits(parts.next()?, 2)?;
    let minute = digits(parts.next()?, 2)?;
    // FHIR allows a leap second 60; it is read as 59.
    let second = digits(parts.next()?, 2)?.min(59);
    if parts.next().is_some() || hour > 23 || minute > 59 {
        return None;
    }
    let offset = match zone {
        "Z" => 0,
        _ => {
            let negative = zone.starts_with('-');
            let (oh, om) = zone.get(1..)?.split_once(':')?;
            let (oh, om) = (digits(oh, 2)?, digits(om, 2)?);
            if oh > 14 || om > 59 || (oh == 14 && om > 0) {
                return None;
            }
            // Bounded above: at most 14 * 3600.
            let seconds =
                i32::try_from(oh.checked_mul(3600)?.checked_add(om.checked_mul(60)?)?).ok()?;
            if negative {
                seconds.checked_neg()?
            } else {
                seconds
            }
        }
    };
    let second_of_day = hour
        .checked_mul(3600)?
        .checked_add(minute.checked_mul(60)?)?
        .checked_add(second)?;
    Some((second_of_day, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> FhirTime {
        FhirTime::parse(s).unwrap()
    }

    #[test]
    fn parses_every_fhir_precision() {
        assert_eq!(t("1974"), FhirTime::Year(1974));
        assert_eq!(t("1974-12"), FhirTime::Month(1974, 12));
        assert_eq!(t("1974-12-25").to_string(), "1974-12-25");
        assert_eq!(
            t("2013-04-04T13:27:00+01:00").to_string(),
            "2013-04-04T13:27:00+01:00"
        );
        assert_eq!(
            t("2015-02-07T13:28:17.239+02:00").to_string(),
            "2015-02-07T13:28:17+02:00"
        );
        assert_eq!(
            t("2026-11-26T08:00:00Z").to_string(),
            "2026-11-26T08:00:00Z"
        );
    }

    #[test]
    fn refuses_what_fhir_refuses() {
        for bad in [
            "",
            "74",
            "0000",
            "1974-13",
            "1974-02-30",
            "1974-1-2",
            "2026-11-26T08:00",
            "2026-11-26T08:00:00",
            "2026-11-26T24:00:00Z",
            "2026-11-26T08:00:00+15:00",
            "2026-11-26T08:00:00.Z",
            "1974-12-25-01",
            "２０２６",
            "2026-11T08:00:00Z",
        ] {
            assert_eq!(FhirTime::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn epoch_days_match_known_values() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
        assert_eq!(Date::new(1, 1, 1).unwrap().days_since_epoch(), -719_162);
        let a = Date::new(2026, 11, 26).unwrap();
        let b = Date::new(2026, 5, 28).unwrap();
        assert_eq!(a.days_since(b), Some(182));
        assert_eq!(b.days_since(a), None);
    }

    #[test]
    fn ages_turn_on_the_birthday() {
        let birth = Date::new(1974, 12, 25).unwrap();
        assert_eq!(
            Date::new(2026, 11, 26).unwrap().years_since(birth),
            Some(51)
        );
        assert_eq!(
            Date::new(2026, 12, 25).unwrap().years_since(birth),
            Some(52)
        );
        assert_eq!(Date::new(1974, 12, 24).unwrap().years_since(birth), None);
        let leap = Date::new(2000, 2, 29).unwrap();
        assert_eq!(Date::new(2001, 2, 28).unwrap().years_since(leap), Some(0));
        assert_eq!(Date::new(2001, 3, 1).unwrap().years_since(leap), Some(1));
    }

    #[test]
    fn a_date_as_of_covers_that_day() {
        let as_of: AsOf = "2026-11-26".parse().unwrap();
        let day = Window::hours(24);
        assert_eq!(
            t("2026-11-26T08:30:00Z").recency(&as_of, day),
            Recency::Within
        );
        assert_eq!(t("2026-11-26").recency(&as_of, day), Recency::Within);
        assert_eq!(
            t("2026-11-25T23:59:59Z").recency(&as_of, day),
            Recency::Stale
        );
        assert_eq!(
            t("2026-11-27T00:00:00Z").recency(&as_of, day),
            Recency::After
        );
        // A month can't be certainly within a day.
        assert_eq!(t("2026-11").recency(&as_of, day), Recency::After);
        assert_eq!(t("2026-10").recency(&as_of, day), Recency::Stale);
        assert_eq!(
            t("2026-10").recency(&as_of, Window::days(90)),
            Recency::Within
        );
    }

    #[test]
    fn an_instant_as_of_counts_from_its_time() {
        let as_of: AsOf = "2026-11-26T09:30:00+01:00".parse().unwrap();
        let day = Window::hours(24);
        // 14 hours earlier, at another offset.
        assert_eq!(
            t("2026-11-25T14:30:00-05:00").recency(&as_of, day),
            Recency::Within
        );
        assert_eq!(
            t("2026-11-26T08:30:01Z").recency(&as_of, day),
            Recency::After
        );
        assert_eq!(
            t("2026-11-25T08:29:59Z").recency(&as_of, day),
            Recency::Stale
        );
        // Dates are read at the as-of's offset: 26 Nov 00:00+01:00 onwards,
        // which ends after 09:30.
        assert_eq!(t("2026-11-26").recency(&as_of, day), Recency::After);
        assert_eq!(
            t("2026-11-25").recency(&as_of, Window::days(2)),
            Recency::Within
        );
    }

    #[test]
    fn windows_display_in_their_unit() {
        assert_eq!(Window::days(2).to_string(), "2 days");
        assert_eq!(Window::hours(36).to_string(), "36 h");
        assert_eq!(Window::hours(u32::MAX).seconds(), u32::MAX);
    }
}
