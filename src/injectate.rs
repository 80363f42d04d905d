//! What could be injected, and what speaks against each: a second table
//! beside the verdict rules, in the same style.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::condition::Condition;
use crate::engine::Facts;
use crate::explain::concat;
use crate::finding::Finding;
use crate::knowledge::{self as k, Source};
use crate::medication::{Allergy, MedicationClass};
use crate::rules::{Fact, Formula};
use crate::truth::Truth;
use crate::vocabulary::vocabulary;

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

/// A note behind an injectate's suitability.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Injectate, Policy, Presentation};
/// let a = assess(&Presentation::default(), &Policy::default());
/// let dextrose = a.injectates.iter().find(|i| i.injectate == Injectate::Dextrose).unwrap();
/// assert!(dextrose.notes.iter().all(|n| !n.source.citation.is_empty()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Note {
    /// The rule behind the note (an id of [`INJECTATE_RULES`], or
    /// `<injectate>.about` for the description).
    pub rule: Cow<'static, str>,
    /// Clinician-facing text.
    pub text: Cow<'static, str>,
    /// Where it comes from.
    pub source: Source,
}

/// One injectate's standing for the patient.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Injectate, Policy, Presentation, Suitability};
/// let p = Presentation::from_json(r#"{"allergies": ["corn"]}"#)?;
/// let a = assess(&p, &Policy::default());
/// let dextrose = a.injectates.iter().find(|i| i.injectate == Injectate::Dextrose).unwrap();
/// assert_eq!(dextrose.suitability, Suitability::Avoid);
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InjectateAdvice {
    /// The injectate.
    pub injectate: Injectate,
    /// Its standing: the worst of its rules that hold, `caution` for one
    /// that may hold.
    pub suitability: Suitability,
    /// What it is, then why it stands where it does.
    pub notes: Vec<Note>,
}

/// One row of the injectate table: when `formula` holds, the injectate is
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
    /// When it applies (a monotone formula, as in [`RULES`](crate::RULES)).
    pub formula: Formula,
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
        formula: Formula::Fact(fact),
        level,
        text,
        source,
    }
}

use Injectate::{Dextrose, LocalAnaesthetic, Prp};
use Suitability::{Avoid, Caution};

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
pub static INJECTATE_RULES: [InjectateRule; 11] = [
    row(
        "dextrose.corn_allergy",
        Dextrose,
        Fact::Allergy(Allergy::Corn),
        Avoid,
        "Corn allergy: dextrose is made from corn, so avoid dextrose.",
        k::DEXTROSE_CORN,
    ),
    row(
        "dextrose.dextrose_allergy",
        Dextrose,
        Fact::Allergy(Allergy::Dextrose),
        Avoid,
        "Dextrose allergy: avoid dextrose.",
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
        "Low platelets or platelet dysfunction: avoid PRP.",
        k::PRP_LIST,
    ),
    row(
        "prp.anticoagulant",
        Prp,
        Fact::Medication(MedicationClass::Anticoagulant),
        Avoid,
        "Anticoagulant: avoid PRP.",
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
        "Systemic corticosteroids within 2 weeks: caution with PRP.",
        k::PRP_LIST,
    ),
    row(
        "prp.active_cancer",
        Prp,
        Fact::Finding(Finding::ActiveCancer),
        Caution,
        "Cancer: caution with PRP.",
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
        "Local anaesthetic allergy: use an anaesthetic-free solution.",
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
    fn about_id(self) -> &'static str {
        match self {
            Injectate::Dextrose => "dextrose.about",
            Injectate::Saline => "saline.about",
            Injectate::Prp => "prp.about",
            Injectate::AutologousStemCells => "autologous_stem_cells.about",
            Injectate::LocalAnaesthetic => "local_anaesthetic.about",
        }
    }
}

/// The standing of every injectate for the patient.
pub(crate) fn advise(facts: &Facts<'_>) -> Vec<InjectateAdvice> {
    Injectate::all()
        .iter()
        .map(|&injectate| {
            let (mut suitability, about, source) = injectate.baseline();
            let rules = INJECTATE_RULES.iter().filter(|r| r.injectate == injectate);
            let mut notes = Vec::with_capacity(rules.clone().count().saturating_add(1));
            notes.push(Note {
                rule: Cow::Borrowed(injectate.about_id()),
                text: Cow::Borrowed(about),
                source,
            });
            for rule in rules {
                let (level, text) = match facts.eval(&rule.formula) {
                    Truth::Absent => continue,
                    Truth::Present => (rule.level, Cow::Borrowed(rule.text)),
                    // Never `suitable` on an unknown: say what to ask.
                    Truth::Unknown => (
                        Suitability::Caution.min(rule.level),
                        Cow::Owned(concat(&["Not yet known: ", rule.text, " Ask: ", ask(rule)])),
                    ),
                };
                suitability = suitability.max(level);
                notes.push(Note {
                    rule: Cow::Borrowed(rule.id),
                    text,
                    source: rule.source.clone(),
                });
            }
            InjectateAdvice {
                injectate,
                suitability,
                notes,
            }
        })
        .collect()
}

/// The question that settles a rule's fact.
fn ask(rule: &InjectateRule) -> &'static str {
    match rule.formula {
        Formula::Fact(fact) => fact.subject().question(),
        _ => "the facts this rule reads.",
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
