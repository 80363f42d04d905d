//! The injectate table: what speaks against each injectate, a second table
//! beside the verdict rules, in the same style.

use super::Fact;
use crate::knowledge::{self as k, Source};
use crate::vocabulary::{Allergy, Condition, Finding, Injectate, MedicationClass, Suitability};

/// One row of the injectate table: when `fact` holds, the injectate is
/// at least `level`; when it may hold (unknown), at least `caution`, with a
/// note saying what to ask.
///
/// # Example
///
/// ```
/// use prolo_triage::{Injectate, INJECTATE_RULES};
/// assert!(INJECTATE_RULES.iter().any(|r| r.injectate == Injectate::Prp));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InjectateRule {
    /// Stable id.
    pub id: &'static str,
    /// The injectate it is about.
    pub injectate: Injectate,
    /// The fact that makes it apply.
    pub fact: Fact,
    /// The standing it gives when it holds.
    pub level: Suitability,
    /// Clinician-facing text.
    pub text: &'static str,
    /// Where it comes from.
    pub source: Source,
}

const fn row(
    id: &'static str,
    injectate: Injectate,
    fact: Fact,
    level: Suitability,
    text: &'static str,
    source: Source,
) -> InjectateRule {
    InjectateRule {
        id,
        injectate,
        fact,
        level,
        text,
        source,
    }
}

use Injectate::{Dextrose, LocalAnaesthetic, Prp};
use Suitability::{Avoid, Caution};

/// Number of rows in [`INJECTATE_RULES`].
///
/// # Example
///
/// ```
/// use prolo_triage::{Injectate, INJECTATE_RULES, INJECTATE_RULE_COUNT};
/// // Most of what speaks against an injectate is about PRP.
/// let prp = INJECTATE_RULES.iter().filter(|r| r.injectate == Injectate::Prp).count();
/// assert_eq!((prp, INJECTATE_RULE_COUNT), (9, 13));
/// ```
pub const INJECTATE_RULE_COUNT: usize = 13;

/// The injectate table (clinical-knowledge §2 and §5).
///
/// # Example
///
/// ```
/// use prolo_triage::{Injectate, INJECTATE_RULES};
/// // One table, read top to bottom; ids are unique.
/// let ids: Vec<&str> = INJECTATE_RULES.iter().map(|r| r.id).collect();
/// assert!(ids.iter().enumerate().all(|(i, id)| !ids[..i].contains(id)));
/// assert!(INJECTATE_RULES.iter().any(|r| r.injectate == Injectate::Dextrose));
/// ```
pub static INJECTATE_RULES: [InjectateRule; INJECTATE_RULE_COUNT] = [
    row(
        "dextrose.corn_allergy",
        Dextrose,
        Fact::Allergy(Allergy::Corn),
        Avoid,
        "Corn allergy: dextrose is made from corn, so avoid dextrose (IV dextrose labels; no prolotherapy-specific source, secondary).",
        k::DEXTROSE_CORN,
    ),
    row(
        "dextrose.dextrose_allergy",
        Dextrose,
        Fact::Allergy(Allergy::Dextrose),
        Avoid,
        "Dextrose allergy: avoid dextrose (IV dextrose labels; no prolotherapy-specific source, secondary).",
        k::DEXTROSE_CORN,
    ),
    row(
        "dextrose.diabetes",
        Dextrose,
        Fact::Finding(Finding::Diabetes),
        Caution,
        "Diabetes: caution with dextrose; dextrose trials exclude diabetes.",
        k::DIABETES_DEXTROSE,
    ),
    row(
        "prp.low_platelets",
        Prp,
        Fact::Finding(Finding::LowPlatelets),
        Avoid,
        "Low platelets or platelet dysfunction: avoid PRP (Medscape, Le 2018, secondary).",
        k::PRP_LIST,
    ),
    row(
        "prp.anaemia",
        Prp,
        Fact::Finding(Finding::Anaemia),
        Avoid,
        "Anaemia (haemoglobin below 10 g/dL): avoid PRP (Medscape, Le 2018, secondary).",
        k::PRP_LIST,
    ),
    row(
        "prp.antiplatelet",
        Prp,
        Fact::Medication(MedicationClass::Antiplatelet),
        Avoid,
        "Antiplatelet drug: it acts by impairing platelet function, which counts as platelet dysfunction for PRP (our inference), so avoid PRP.",
        k::PRP_ANTIPLATELET,
    ),
    row(
        "prp.anticoagulant",
        Prp,
        Fact::Medication(MedicationClass::Anticoagulant),
        Avoid,
        "Anticoagulant: avoid PRP (Medscape, Le 2018, secondary).",
        k::PRP_LIST,
    ),
    row(
        "prp.nsaid",
        Prp,
        Fact::Medication(MedicationClass::Nsaid),
        Caution,
        "NSAIDs within 48 hours impair platelet function in PRP.",
        k::NSAID_PRP,
    ),
    row(
        "prp.systemic_corticosteroid",
        Prp,
        Fact::Medication(MedicationClass::SystemicCorticosteroid),
        Caution,
        "Systemic corticosteroids within 2 weeks: caution with PRP (Medscape, Le 2018, secondary).",
        k::PRP_LIST,
    ),
    row(
        "prp.active_cancer",
        Prp,
        Fact::Finding(Finding::ActiveCancer),
        Caution,
        "Cancer: caution with PRP (Medscape, Le 2018, secondary).",
        k::PRP_LIST,
    ),
    row(
        "prp.achilles_trials",
        Prp,
        Fact::Condition(Condition::AchillesTendinopathy),
        Caution,
        "PRP was no better than sham for Achilles tendinopathy in JAMA trials.",
        k::PRP_ACHILLES_TRIALS,
    ),
    row(
        "prp.ankle_oa_trial",
        Prp,
        Fact::Condition(Condition::Osteoarthritis),
        Caution,
        "PRP was no better than saline for ankle osteoarthritis in a JAMA trial.",
        k::PRP_ANKLE_OA_TRIAL,
    ),
    row(
        "local_anaesthetic.allergy",
        LocalAnaesthetic,
        Fact::Allergy(Allergy::LocalAnaesthetic),
        Avoid,
        "Local anaesthetic allergy: use an anaesthetic-free solution (no prolotherapy-specific source, secondary).",
        k::ANAESTHETIC_FREE,
    ),
];

impl Injectate {
    /// What the injectate is, its standing before any rule, and the
    /// source: the seed for what it is, the knowledge file for the rest.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Injectate, Suitability};
    /// assert_eq!(Injectate::AutologousStemCells.baseline().0, Suitability::Caution);
    /// ```
    #[must_use]
    pub fn baseline(self) -> (Suitability, &'static str, Source) {
        match self {
            Injectate::Dextrose => (
                Suitability::Suitable,
                "Sugar water (dextrose): the usual irritant, given with a local anaesthetic.",
                k::SEED_WHAT_IS,
            ),
            Injectate::Saline => (
                Suitability::Suitable,
                "Saline: an irritant the source lists; in trials it was the comparison arm.",
                k::SALINE_COMPARATOR,
            ),
            Injectate::Prp => (
                Suitability::Suitable,
                "Platelet-rich plasma: modern formulas may include it.",
                k::SEED_WHAT_IS,
            ),
            Injectate::AutologousStemCells => (
                Suitability::Caution,
                "Autologous stem cells: mentioned as modern by the source; no foot trial found.",
                k::STEM_CELLS_NO_TRIAL,
            ),
            Injectate::LocalAnaesthetic => (
                Suitability::Suitable,
                "Local anaesthetic: prolotherapy typically uses one with the irritant.",
                k::SEED_WHAT_IS,
            ),
        }
    }
}

impl Injectate {
    /// The id of the note that describes the injectate, `<injectate>.about`.
    pub(crate) fn about_id(self) -> &'static str {
        match self {
            Injectate::Dextrose => "dextrose.about",
            Injectate::Saline => "saline.about",
            Injectate::Prp => "prp.about",
            Injectate::AutologousStemCells => "autologous_stem_cells.about",
            Injectate::LocalAnaesthetic => "local_anaesthetic.about",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn rule_ids_are_unique_and_name_their_injectate() {
        let mut ids = HashSet::new();
        for rule in &INJECTATE_RULES {
            assert!(ids.insert(rule.id), "{}", rule.id);
            assert!(rule.id.starts_with(rule.injectate.as_str()), "{}", rule.id);
            assert!(rule.level > Suitability::Suitable, "{}", rule.id);
        }
    }

    #[test]
    fn about_ids_are_the_wire_name_and_about() {
        for i in Injectate::all() {
            assert_eq!(i.about_id(), format!("{i}.about"));
        }
    }

    #[test]
    fn every_injectate_has_a_sourced_baseline() {
        for i in Injectate::all() {
            let (_, text, source) = i.baseline();
            assert!(!text.is_empty() && !source.citation.is_empty());
        }
    }
}
