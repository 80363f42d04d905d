//! The conservative care already tried: treatments the clinician records.

use super::vocabulary;

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
