//! Numbers with units and ranges: a value outside its range cannot be
//! built.

use serde::Serialize;

macro_rules! bounded {
    ($(#[$doc:meta])* $name:ident($int:ty), max = $max:expr, example = $ok:expr, $bad:expr) => {
        $(#[$doc])*
        ///
        /// # Example
        ///
        /// ```
        #[doc = concat!("use prolo_triage::", stringify!($name), ";")]
        #[doc = concat!("assert_eq!(", stringify!($name), "::new(", stringify!($ok), ").map(|v| v.get()), Some(", stringify!($ok), "));")]
        #[doc = concat!("assert_eq!(", stringify!($name), "::new(", stringify!($bad), "), None);")]
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name($int);

        impl $name {
            /// The largest value allowed.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use prolo_triage::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::MAX, ", stringify!($max), ");")]
            /// ```
            pub const MAX: $int = $max;

            /// The value, if it is within `0..=MAX`.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use prolo_triage::", stringify!($name), ";")]
            #[doc = concat!("assert!(", stringify!($name), "::new(", stringify!($name), "::MAX.into()).is_some());")]
            #[doc = concat!("assert!(", stringify!($name), "::new(u32::from(", stringify!($name), "::MAX) + 1).is_none());")]
            /// ```
            #[must_use]
            pub fn new(value: u32) -> Option<$name> {
                <$int>::try_from(value).ok().filter(|v| *v <= Self::MAX).map($name)
            }

            /// The number.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use prolo_triage::", stringify!($name), ";")]
            #[doc = concat!("let v = ", stringify!($name), "::new(", stringify!($ok), ").unwrap();")]
            #[doc = concat!("assert_eq!(u32::from(v.get()), ", stringify!($ok), ");")]
            /// ```
            #[must_use]
            pub const fn get(self) -> $int {
                self.0
            }

            /// The value at `path`, or an out-of-range error naming it.
            pub(crate) fn checked(path: &str, value: i64) -> Result<$name, crate::Error> {
                crate::json::in_range(path, value, 0, Self::MAX).map($name)
            }

            /// An optional value at `path`.
            pub(crate) fn checked_opt(path: &str, value: Option<i64>) -> Result<Option<$name>, crate::Error> {
                value.map(|v| Self::checked(path, v)).transpose()
            }

        }
    };
}

bounded!(
    /// Age in whole years, 0–130.
    AgeYears(u16), max = 130, example = 47, 131
);
bounded!(
    /// A duration in whole weeks, 0–5200 (a hundred years).
    Weeks(u16), max = 5200, example = 12, 5201
);
bounded!(
    /// Pain on the 0–10 numeric rating scale.
    PainScore(u16), max = 10, example = 7, 11
);
