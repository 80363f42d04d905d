//! What prolotherapy may inject, and how an injectate stands for a patient.

use super::vocabulary;

vocabulary! {
/// A solution prolotherapy may inject (the seed: a local anaesthetic and an
/// irritant; modern formulas may include PRP and autologous stem cells).
///
/// # Example
///
/// ```
/// use prolo_triage::Injectate;
/// assert_eq!(Injectate::all().len(), 5);
/// assert_eq!(Injectate::Prp.as_str(), "prp");
/// ```
#[derive(PartialOrd, Ord)]
#[non_exhaustive]
pub enum Injectate {
    /// Dextrose (sugar water), the usual irritant.
    Dextrose,
    /// Saline.
    Saline,
    /// Platelet-rich plasma.
    Prp,
    /// Autologous stem cells.
    AutologousStemCells,
    /// The local anaesthetic given with the irritant.
    LocalAnaesthetic,
}
}

vocabulary! {
/// How an injectate stands for this patient, from best to worst.
///
/// # Example
///
/// ```
/// use prolo_triage::Suitability;
/// assert!(Suitability::Suitable < Suitability::Avoid);
/// ```
#[derive(PartialOrd, Ord)]
pub enum Suitability {
    /// Nothing known speaks against it.
    Suitable,
    /// Usable with care, or a fact to ask about first.
    Caution,
    /// Do not use it for this patient.
    Avoid,
}
}
