//! Who the patient is, as far as the rules care: sex and the side of the
//! foot problem.

use super::vocabulary;

vocabulary! {
/// Sex as recorded. `male` settles `pregnancy` as absent when it is not
/// recorded.
///
/// # Example
///
/// ```
/// use prolo_triage::Sex;
/// assert_eq!("female".parse::<Sex>(), Ok(Sex::Female));
/// assert_eq!(Sex::all().len(), 3);
/// ```
#[derive(PartialOrd, Ord)]
pub enum Sex {
    /// Female.
    Female,
    /// Male.
    Male,
    /// Other.
    Other,
}
}

vocabulary! {
/// The side of the problem (informational).
///
/// # Example
///
/// ```
/// use prolo_triage::Side;
/// assert_eq!(Side::Both.as_str(), "both");
/// ```
#[derive(PartialOrd, Ord)]
pub enum Side {
    /// Left foot.
    Left,
    /// Right foot.
    Right,
    /// Both feet.
    Both,
}
}
