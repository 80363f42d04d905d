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
/// use prolo_triage::Injectate;
/// use prolo_triage::rules::INJECTATE_RULES;
/// assert!(INJECTATE_RULES.iter().any(|r| r.injectate == Injectate::Prp));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InjectateRule {
    /// Its identity, serialized as its stable id (`prp.anaemia`).
    pub id: InjectateRuleId,
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
    injectate: Injectate,
    fact: Fact,
    level: Suitability,
    text: &'static str,
    source: Source,
) -> InjectateRule {
    InjectateRule {
        // Replaced by the row's own id (`with_id`): every row declares one.
        id: InjectateRuleId::DextroseCornAllergy,
        injectate,
        fact,
        level,
        text,
        source,
    }
}

impl InjectateRule {
    /// The row with its identity (see `injectate_table!`).
    const fn with_id(mut self, id: InjectateRuleId) -> InjectateRule {
        self.id = id;
        self
    }
}

/// Declares the injectate table: each row is `Variant = "stable.id" =>
/// row`, so the rule's identity and its row are written once, together.
macro_rules! injectate_table {
    ($($variant:ident = $id:literal => $row:expr,)*) => {
        /// The identity of a row of [`INJECTATE_RULES`], in table order,
        /// serialized as its stable id.
        ///
        /// # Example
        ///
        /// ```
        /// use prolo_triage::InjectateRuleId;
        /// assert_eq!(InjectateRuleId::PrpAnaemia.as_str(), "prp.anaemia");
        /// ```
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            strum::Display,
            strum::EnumString,
            strum::IntoStaticStr,
            strum::VariantArray,
            strum::EnumCount,
        )]
        #[non_exhaustive]
        pub enum InjectateRuleId {
            $(
                #[doc = concat!("`", $id, "`")]
                #[strum(serialize = $id)]
                $variant,
            )*
        }

        /// The injectate table (docs/clinical-knowledge.md §2 and §5).
        ///
        /// # Example
        ///
        /// ```
        /// use prolo_triage::Injectate;
        /// use prolo_triage::rules::INJECTATE_RULES;
        /// assert!(INJECTATE_RULES.iter().any(|r| r.injectate == Injectate::Dextrose));
        /// ```
        pub static INJECTATE_RULES: [InjectateRule; INJECTATE_RULE_COUNT] =
            [$($row.with_id(InjectateRuleId::$variant),)*];
    };
}

impl InjectateRuleId {
    /// The stable id, as written in JSON.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::InjectateRuleId;
    /// assert_eq!(InjectateRuleId::LocalAnaestheticAllergy.as_str(), "local_anaesthetic.allergy");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What a note of an injectate or of the plan is about: an injectate
/// rule, an injectate's description, saline shown as suitable, or the
/// advice on anti-inflammatory medicines. Serialized as its stable id.
///
/// # Example
///
/// ```
/// use prolo_triage::{Injectate, NoteId};
/// assert_eq!(NoteId::About(Injectate::Prp).as_str(), "prp.about");
/// assert_eq!("saline.comparison".parse(), Ok(NoteId::SalineComparison));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NoteId {
    /// A row of [`INJECTATE_RULES`].
    Rule(InjectateRuleId),
    /// What the injectate is (`<injectate>.about`).
    About(Injectate),
    /// Saline shown as suitable: it was the trials' comparison arm
    /// (`saline.comparison`).
    SalineComparison,
    /// The advice on anti-inflammatory medicines, for the clinician
    /// (`plan.nsaid_advice`).
    NsaidAdvice,
}

impl NoteId {
    /// The stable id, as written in JSON.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::NoteId;
    /// assert_eq!(NoteId::NsaidAdvice.as_str(), "plan.nsaid_advice");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            NoteId::Rule(id) => id.as_str(),
            NoteId::About(injectate) => injectate.about_id(),
            NoteId::SalineComparison => "saline.comparison",
            NoteId::NsaidAdvice => "plan.nsaid_advice",
        }
    }

    /// Every note id: the rules, the descriptions, then the two notes.
    fn every() -> impl Iterator<Item = NoteId> {
        <InjectateRuleId as strum::VariantArray>::VARIANTS
            .iter()
            .map(|id| NoteId::Rule(*id))
            .chain(Injectate::all().iter().map(|i| NoteId::About(*i)))
            .chain([NoteId::SalineComparison, NoteId::NsaidAdvice])
    }
}

impl std::fmt::Display for NoteId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for NoteId {
    type Err = strum::ParseError;
    fn from_str(s: &str) -> Result<NoteId, strum::ParseError> {
        NoteId::every()
            .find(|id| id.as_str() == s)
            .ok_or(strum::ParseError::VariantNotFound)
    }
}

/// A caller holding a stable id compares it directly; the library's own
/// readers match the variants.
impl PartialEq<&str> for NoteId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A note about a rule is that rule's note.
impl PartialEq<InjectateRuleId> for NoteId {
    fn eq(&self, other: &InjectateRuleId) -> bool {
        *self == NoteId::Rule(*other)
    }
}

impl PartialEq<&str> for InjectateRuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for NoteId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for NoteId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        s.parse()
            .map_err(|_| serde::de::Error::custom(format!("unknown note `{s}`")))
    }
}

use Injectate::{Dextrose, LocalAnaesthetic, Prp};
use Suitability::{Avoid, Caution};

/// Number of rows in [`INJECTATE_RULES`].
///
/// # Example
///
/// ```
/// use prolo_triage::Injectate;
/// use prolo_triage::rules::{INJECTATE_RULES, INJECTATE_RULE_COUNT};
/// // Most of what speaks against an injectate is about PRP.
/// let prp = INJECTATE_RULES.iter().filter(|r| r.injectate == Injectate::Prp).count();
/// assert_eq!((prp, INJECTATE_RULE_COUNT), (10, 14));
/// ```
pub const INJECTATE_RULE_COUNT: usize = <InjectateRuleId as strum::EnumCount>::COUNT;

injectate_table! {
    DextroseCornAllergy = "dextrose.corn_allergy" => row(
        Dextrose,
        Fact::Allergy(Allergy::Corn),
        Avoid,
        "Corn allergy: dextrose is made from corn, so avoid dextrose (IV dextrose labels; no prolotherapy-specific source, secondary).",
        k::DEXTROSE_CORN,
    ),
    DextroseDextroseAllergy = "dextrose.dextrose_allergy" => row(
        Dextrose,
        Fact::Allergy(Allergy::Dextrose),
        Avoid,
        "Dextrose allergy: avoid dextrose (IV dextrose labels; no prolotherapy-specific source, secondary).",
        k::DEXTROSE_CORN,
    ),
    DextroseDiabetes = "dextrose.diabetes" => row(
        Dextrose,
        Fact::Finding(Finding::Diabetes),
        Caution,
        "Diabetes: caution with dextrose; dextrose trials exclude diabetes.",
        k::DIABETES_DEXTROSE,
    ),
    PrpLowPlatelets = "prp.low_platelets" => row(
        Prp,
        Fact::Finding(Finding::LowPlatelets),
        Avoid,
        "Low platelets or platelet dysfunction: avoid PRP (Medscape, Le 2018, secondary).",
        k::PRP_LIST,
    ),
    PrpAnaemia = "prp.anaemia" => row(
        Prp,
        Fact::Finding(Finding::Anaemia),
        Avoid,
        "Anaemia (haemoglobin below 10 g/dL): avoid PRP (Medscape, Le 2018, secondary).",
        k::PRP_LIST,
    ),
    PrpAntiplatelet = "prp.antiplatelet" => row(
        Prp,
        Fact::Medication(MedicationClass::Antiplatelet),
        Avoid,
        "Antiplatelet drug: it acts by impairing platelet function, which counts as platelet dysfunction for PRP (our inference), so avoid PRP.",
        k::PRP_ANTIPLATELET,
    ),
    // docs/clinical-knowledge.md §5: aspirin impairs platelet function too;
    // it stays out of the antiplatelet class only for the verdict.
    PrpLowDoseAspirin = "prp.low_dose_aspirin" => row(
        Prp,
        Fact::Medication(MedicationClass::LowDoseAspirin),
        Caution,
        "Low-dose aspirin: it impairs platelet function, and its effect on PRP is not studied (our inference); do not stop it without the prescriber.",
        k::PRP_ASPIRIN,
    ),
    PrpAnticoagulant = "prp.anticoagulant" => row(
        Prp,
        Fact::Medication(MedicationClass::Anticoagulant),
        Avoid,
        "Anticoagulant: avoid PRP (Medscape, Le 2018, secondary).",
        k::PRP_LIST,
    ),
    PrpNsaid = "prp.nsaid" => row(
        Prp,
        Fact::Medication(MedicationClass::Nsaid),
        Caution,
        "NSAIDs within 48 hours impair platelet function in PRP.",
        k::NSAID_PRP,
    ),
    PrpSystemicCorticosteroid = "prp.systemic_corticosteroid" => row(
        Prp,
        Fact::Medication(MedicationClass::SystemicCorticosteroid),
        Caution,
        "Systemic corticosteroids within 2 weeks: caution with PRP (Medscape, Le 2018, secondary).",
        k::PRP_LIST,
    ),
    PrpActiveCancer = "prp.active_cancer" => row(
        Prp,
        Fact::Finding(Finding::ActiveCancer),
        Caution,
        "Cancer: caution with PRP (Medscape, Le 2018, secondary).",
        k::PRP_LIST,
    ),
    PrpAchillesTrials = "prp.achilles_trials" => row(
        Prp,
        Fact::Condition(Condition::AchillesTendinopathy),
        Caution,
        "PRP was no better than sham for Achilles tendinopathy in JAMA trials.",
        k::PRP_ACHILLES_TRIALS,
    ),
    PrpAnkleOaTrial = "prp.ankle_oa_trial" => row(
        Prp,
        Fact::Condition(Condition::Osteoarthritis),
        Caution,
        "PRP was no better than saline for ankle osteoarthritis in a JAMA trial.",
        k::PRP_ANKLE_OA_TRIAL,
    ),
    LocalAnaestheticAllergy = "local_anaesthetic.allergy" => row(
        LocalAnaesthetic,
        Fact::Allergy(Allergy::LocalAnaesthetic),
        Avoid,
        "Local anaesthetic allergy: use an anaesthetic-free solution (no prolotherapy-specific source, secondary).",
        k::ANAESTHETIC_FREE,
    ),
}

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
            assert!(
                rule.id.as_str().starts_with(rule.injectate.as_str()),
                "{}",
                rule.id
            );
            assert!(rule.level > Suitability::Suitable, "{}", rule.id);
        }
    }

    #[test]
    fn note_ids_read_back() {
        let ids: Vec<NoteId> = NoteId::every().collect();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(id.as_str().parse::<NoteId>(), Ok(*id));
            assert!(
                !ids[..i].iter().any(|other| other.as_str() == id.as_str()),
                "{id}"
            );
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
