//! A calendar date, passed in by the caller (the core has no clock).

use std::fmt;

/// A calendar date (proleptic Gregorian), years 1 to 9999.
///
/// # Example
///
/// ```
/// use prolo_triage::Date;
/// let d = Date::new(2026, 12, 7).unwrap();
/// assert_eq!(d.to_string(), "2026-12-07");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it exists. (Stub: the full type comes with the
    /// clinic's details.)
    #[must_use]
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month) && (1..=28).contains(&day))
            .then_some(Date { year, month, day })
    }

    /// The date `weeks` weeks later, `None` past year 9999. (Stub.)
    #[must_use]
    pub fn plus_weeks(self, weeks: u16) -> Option<Date> {
        let _ = weeks;
        Some(self)
    }

    /// The date as a patient reads it: "7 December 2026".
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

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
