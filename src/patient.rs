//! Who the patient is, as far as the rules care: sex, side, the care
//! already tried.

use crate::vocabulary::vocabulary;

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

vocabulary! {
/// A kind of guideline-based conservative care already tried
/// (informational; the verdict rests on `conservative_care_weeks`).
///
/// # Example
///
/// ```
/// use prolo_triage::ConservativeCare;
/// assert_eq!(ConservativeCare::all().len(), 12);
/// assert_eq!("night_splint".parse(), Ok(ConservativeCare::NightSplint));
/// ```
#[derive(PartialOrd, Ord)]
#[non_exhaustive]
pub enum ConservativeCare {
    /// Stretching.
    Stretching,
    /// Eccentric loading exercise.
    EccentricLoading,
    /// Orthoses.
    Orthoses,
    /// Taping.
    Taping,
    /// Night splint.
    NightSplint,
    /// Footwear changes.
    Footwear,
    /// Physical therapy.
    PhysicalTherapy,
    /// Weight management.
    WeightManagement,
    /// Rest.
    Rest,
    /// NSAIDs.
    Nsaids,
    /// Shockwave therapy.
    Shockwave,
    /// Corticosteroid injection.
    CorticosteroidInjection,
}
}
