//! The rule table: every rule of the verdict ladder, as data.
//!
//! Read it top to bottom: red flags, absolute contraindications,
//! suitability, timing, relative contraindications. Each row has a stable
//! id, its default group, a monotone formula over adverse facts, a short
//! label, a clinician-facing text and its source. The engine walks the
//! table; adding a red flag is one row.

use std::fmt;
use std::str::FromStr;

use enumset::EnumSet;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::condition::Condition;
use crate::finding::Finding;

use crate::knowledge::{self as k, Source};
use crate::medication::{Allergy, MedicationClass};
use crate::verdict::Verdict;
use crate::vocabulary::vocabulary;

vocabulary! {
/// A rung of the verdict ladder, in the order rules are applied: the first
/// group with a present rule decides.
///
/// # Example
///
/// ```
/// use prolo_triage::{Group, Verdict};
/// assert_eq!(Group::RedFlag.verdict(), Verdict::ReferUrgently);
/// assert_eq!(Group::all().len(), 5);
/// ```
#[derive(PartialOrd, Ord)]
#[non_exhaustive]
pub enum Group {
    /// Red flags: refer urgently.
    RedFlag,
    /// Absolute contraindications.
    Absolute,
    /// Suitability: an adult with a treatable condition.
    Suitability,
    /// Timing: chronic symptoms after conservative care.
    Timing,
    /// Relative contraindications (precautions).
    Relative,
}
}

impl Group {
    /// The verdict this group gives when one of its rules is present.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Group, Verdict};
    /// assert_eq!(Group::Timing.verdict(), Verdict::NotYet);
    /// ```
    #[must_use]
    pub fn verdict(self) -> Verdict {
        match self {
            Group::RedFlag => Verdict::ReferUrgently,
            Group::Absolute => Verdict::Contraindicated,
            Group::Suitability => Verdict::NotSuitable,
            Group::Timing => Verdict::NotYet,
            Group::Relative => Verdict::DiscussWithPrecautions,
        }
    }
}

/// An adverse fact a rule rests on: a finding, a medication taken, an
/// allergy, or a number on the wrong side of a policy threshold.
///
/// Its wire name is the finding's name, `medications.<class>`,
/// `allergies.<allergy>`, or the field the threshold reads (`age_years`,
/// `conditions`, `symptom_weeks`, `conservative_care_weeks`).
///
/// # Example
///
/// ```
/// use prolo_triage::{Fact, Finding, MedicationClass};
/// assert_eq!(Fact::Finding(Finding::Fever).to_string(), "fever");
/// assert_eq!(Fact::Medication(MedicationClass::Anticoagulant).to_string(), "medications.anticoagulant");
/// assert_eq!("age_years".parse(), Ok(Fact::AgeBelowMinimum));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Fact {
    /// A finding is present.
    Finding(Finding),
    /// The patient takes a medication of this class.
    Medication(MedicationClass),
    /// The patient has this allergy.
    Allergy(Allergy),
    /// This condition is among those diagnosed (read by the injectate
    /// rules, not by the verdict ladder).
    Condition(Condition),
    /// Age below the policy minimum.
    AgeBelowMinimum,
    /// No condition the policy treats.
    NoTreatableCondition,
    /// Symptoms shorter than the policy minimum.
    SymptomsBelowMinimum,
    /// Conservative care shorter than the policy minimum.
    CareBelowMinimum,
}

impl Fact {
    /// A short plain-language name, e.g. "skin infection at the site".
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, Fact};
    /// assert_eq!(Fact::Allergy(Allergy::Corn).label(), "corn allergy");
    /// ```
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Fact::Finding(f) => f.label(),
            Fact::Medication(m) => m.label(),
            Fact::Allergy(a) => a.label(),
            Fact::Condition(c) => c.label(),
            Fact::AgeBelowMinimum => "under the minimum age",
            Fact::NoTreatableCondition => "no treatable condition",
            Fact::SymptomsBelowMinimum => "symptoms too recent",
            Fact::CareBelowMinimum => "too little conservative care",
        }
    }

    /// The part of the presentation a clinician answers to settle the fact.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Fact, MedicationClass, Subject};
    /// assert_eq!(Fact::Medication(MedicationClass::Antiplatelet).subject(), Subject::Medications);
    /// ```
    #[must_use]
    pub fn subject(self) -> Subject {
        match self {
            Fact::Finding(f) => Subject::Finding(f),
            Fact::Medication(_) => Subject::Medications,
            Fact::Allergy(_) => Subject::Allergies,
            Fact::Condition(_) => Subject::Conditions,
            Fact::AgeBelowMinimum => Subject::AgeYears,
            Fact::NoTreatableCondition => Subject::Conditions,
            Fact::SymptomsBelowMinimum => Subject::SymptomWeeks,
            Fact::CareBelowMinimum => Subject::ConservativeCareWeeks,
        }
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fact::Finding(x) => f.write_str(x.as_str()),
            Fact::Medication(m) => write!(f, "medications.{}", m.as_str()),
            Fact::Allergy(a) => write!(f, "allergies.{}", a.as_str()),
            Fact::Condition(c) => write!(f, "conditions.{}", c.as_str()),
            other => f.write_str(other.subject().as_str()),
        }
    }
}

impl FromStr for Fact {
    type Err = strum::ParseError;
    fn from_str(s: &str) -> Result<Fact, Self::Err> {
        // `findings.fever` reads as `fever`, like the error paths.
        let s = s.strip_prefix("findings.").unwrap_or(s);
        if let Some(m) = s.strip_prefix("medications.") {
            return m.parse().map(Fact::Medication);
        }
        if let Some(a) = s.strip_prefix("allergies.") {
            return a.parse().map(Fact::Allergy);
        }
        if let Some(c) = s.strip_prefix("conditions.") {
            return c.parse().map(Fact::Condition);
        }
        Ok(match s.parse::<Subject>()? {
            Subject::Finding(f) => Fact::Finding(f),
            Subject::AgeYears => Fact::AgeBelowMinimum,
            Subject::Conditions => Fact::NoTreatableCondition,
            Subject::SymptomWeeks => Fact::SymptomsBelowMinimum,
            Subject::ConservativeCareWeeks => Fact::CareBelowMinimum,
            Subject::Medications | Subject::Allergies => {
                return Err(strum::ParseError::VariantNotFound)
            }
        })
    }
}

/// What a question asks about: a finding, or a field of the presentation.
/// Lists are asked as a whole (`medications`, `allergies`), because the
/// wire format records a list as known or unknown, not entry by entry.
///
/// # Example
///
/// ```
/// use prolo_triage::{Finding, Subject};
/// assert_eq!(Subject::Finding(Finding::Diabetes).as_str(), "diabetes");
/// assert_eq!("medications".parse(), Ok(Subject::Medications));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Subject {
    /// A finding (answered present, absent or unknown).
    Finding(Finding),
    /// `age_years` (a number).
    AgeYears,
    /// `conditions` (the diagnosis).
    Conditions,
    /// `symptom_weeks` (a number).
    SymptomWeeks,
    /// `conservative_care_weeks` (a number).
    ConservativeCareWeeks,
    /// `medications` (a list; `[]` is none).
    Medications,
    /// `allergies` (a list; `[]` is none).
    Allergies,
}

impl Subject {
    /// The wire name: the finding's name or the field's.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Finding, Subject};
    /// assert_eq!(Subject::Finding(Finding::Fever).as_str(), "fever");
    /// assert_eq!(Subject::AgeYears.as_str(), "age_years");
    /// assert_eq!("age_years".parse::<Subject>().ok(), Some(Subject::AgeYears));
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Finding(f) => f.as_str(),
            Subject::AgeYears => "age_years",
            Subject::Conditions => "conditions",
            Subject::SymptomWeeks => "symptom_weeks",
            Subject::ConservativeCareWeeks => "conservative_care_weeks",
            Subject::Medications => "medications",
            Subject::Allergies => "allergies",
        }
    }

    /// A short plain-language name, e.g. "symptom duration".
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Subject;
    /// assert_eq!(Subject::Conditions.label(), "the diagnosis");
    /// ```
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Subject::Finding(f) => f.label(),
            Subject::AgeYears => "age",
            Subject::Conditions => "the diagnosis",
            Subject::SymptomWeeks => "symptom duration",
            Subject::ConservativeCareWeeks => "weeks of conservative care",
            Subject::Medications => "medications",
            Subject::Allergies => "allergies",
        }
    }

    /// The question a clinician asks to settle it.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Subject;
    /// assert!(Subject::AgeYears.question().contains("old"));
    /// ```
    #[must_use]
    pub fn question(self) -> &'static str {
        match self {
            Subject::Finding(f) => f.question(),
            Subject::AgeYears => "How old is the patient (years)?",
            Subject::Conditions => "Which foot condition has been diagnosed?",
            Subject::SymptomWeeks => "For how many weeks have the symptoms lasted?",
            Subject::ConservativeCareWeeks => {
                "For how many weeks has guideline-based conservative care (stretching, loading, orthoses, taping...) been tried?"
            }
            Subject::Medications => {
                "Does the patient take an anticoagulant, an antiplatelet drug (not low-dose aspirin), a systemic corticosteroid, an immunosuppressant or an NSAID? (None is an answer.)"
            }
            Subject::Allergies => {
                "Is the patient allergic to local anaesthetic, dextrose or corn? (None is an answer.)"
            }
        }
    }
}

/// A set of subjects, without allocation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct SubjectSet {
    findings: EnumSet<Finding>,
    fields: u8,
}

impl SubjectSet {
    /// The bit of a field subject (`None` for a finding).
    fn field(subject: Subject) -> Option<u8> {
        Some(match subject {
            Subject::Finding(_) => return None,
            Subject::AgeYears => 1,
            Subject::Conditions => 2,
            Subject::SymptomWeeks => 4,
            Subject::ConservativeCareWeeks => 8,
            Subject::Medications => 16,
            Subject::Allergies => 32,
        })
    }

    /// Adds `subject`; false when it was already in.
    pub(crate) fn insert(&mut self, subject: Subject) -> bool {
        match (subject, Self::field(subject)) {
            (Subject::Finding(f), _) => self.findings.insert(f),
            (_, Some(bit)) => {
                let new = self.fields & bit == 0;
                self.fields |= bit;
                new
            }
            (_, None) => false,
        }
    }

    /// True when `subject` is in.
    pub(crate) fn contains(&self, subject: Subject) -> bool {
        match (subject, Self::field(subject)) {
            (Subject::Finding(f), _) => self.findings.contains(f),
            (_, Some(bit)) => self.fields & bit != 0,
            (_, None) => false,
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Subject {
    type Err = strum::ParseError;
    fn from_str(s: &str) -> Result<Subject, Self::Err> {
        Ok(match s {
            "age_years" => Subject::AgeYears,
            "conditions" => Subject::Conditions,
            "symptom_weeks" => Subject::SymptomWeeks,
            "conservative_care_weeks" => Subject::ConservativeCareWeeks,
            "medications" => Subject::Medications,
            "allergies" => Subject::Allergies,
            other => Subject::Finding(other.parse()?),
        })
    }
}

// Serialized as their wire names: static text where there is one (no
// formatting), the `Display` form otherwise.
impl Serialize for Fact {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Fact::Finding(f) => s.serialize_str(f.as_str()),
            Fact::Medication(_) | Fact::Allergy(_) | Fact::Condition(_) => s.collect_str(self),
            threshold => s.serialize_str(threshold.subject().as_str()),
        }
    }
}

impl Serialize for Subject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

macro_rules! string_serde {
    ($t:ty, $what:literal) => {
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse()
                    .map_err(|_| serde::de::Error::custom(format!("unknown {} `{s}`", $what)))
            }
        }
    };
}

string_serde!(Fact, "fact");
string_serde!(Subject, "subject");

/// A monotone formula over adverse facts: there is no negation, so making
/// a fact more adverse can never make the formula less true. That is what
/// lets unknowns be settled by best and worst completions.
///
/// # Example
///
/// ```
/// use prolo_triage::{Fact, Finding, Formula};
/// let f = Formula::Fact(Fact::Finding(Finding::Fever));
/// assert_eq!(f.facts().count(), 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Formula {
    /// One fact.
    Fact(Fact),
    /// Every sub-formula holds.
    All(&'static [Formula]),
    /// At least one sub-formula holds.
    Any(&'static [Formula]),
}

impl Formula {
    /// The facts of the formula, depth first, in the order written.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Fact, Finding, Formula};
    /// const BOTH: &[Formula] = &[
    ///     Formula::Fact(Fact::Finding(Finding::RecentInjury)),
    ///     Formula::Any(&[Formula::Fact(Fact::Finding(Finding::BoneTendernessNavicular))]),
    /// ];
    /// let facts: Vec<Fact> = Formula::All(BOTH).facts().collect();
    /// assert_eq!(facts, [Fact::Finding(Finding::RecentInjury), Fact::Finding(Finding::BoneTendernessNavicular)]);
    /// ```
    pub fn facts(&self) -> impl Iterator<Item = Fact> + '_ {
        let mut stack = vec![self];
        std::iter::from_fn(move || loop {
            match stack.pop()? {
                Formula::Fact(f) => return Some(*f),
                Formula::All(children) | Formula::Any(children) => {
                    stack.extend(children.iter().rev());
                }
            }
        })
    }

    /// True when some fact of the formula satisfies `predicate` (no
    /// allocation, unlike [`Formula::facts`]).
    pub(crate) fn any_fact(&self, predicate: &mut impl FnMut(Fact) -> bool) -> bool {
        match self {
            Formula::Fact(f) => predicate(*f),
            Formula::All(children) | Formula::Any(children) => {
                children.iter().any(|c| c.any_fact(predicate))
            }
        }
    }
}

/// One row of the rule table.
///
/// # Example
///
/// ```
/// use prolo_triage::{Group, RULES};
/// let ottawa = RULES.iter().find(|r| r.id == "red_flag.ottawa_fracture");
/// assert_eq!(ottawa.map(|r| r.group), Some(Group::RedFlag));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rule {
    /// Stable id, used in reasons.
    pub id: &'static str,
    /// The group by default; a policy may make a precaution `absolute`.
    pub group: Group,
    /// When the rule applies.
    pub formula: Formula,
    /// A short label for summaries.
    pub label: &'static str,
    /// The clinician-facing explanation.
    pub text: &'static str,
    /// Where it comes from.
    pub source: Source,
    /// The explanation when the rule's facts are not yet known: `Not yet
    /// known: ` and the text, written once at compile time so that an
    /// assessment borrows it instead of allocating per rule.
    pub(crate) unknown_text: &'static str,
}

/// A rule's text and its `Not yet known: ` form, from one literal.
struct RuleText {
    known: &'static str,
    unknown: &'static str,
}

/// [`RuleText`] from a string literal.
macro_rules! text {
    ($text:literal) => {
        RuleText {
            known: $text,
            unknown: concat!("Not yet known: ", $text),
        }
    };
}

const fn rule(
    id: &'static str,
    group: Group,
    formula: Formula,
    label: &'static str,
    text: RuleText,
    source: Source,
) -> Rule {
    Rule {
        id,
        group,
        formula,
        label,
        text: text.known,
        source,
        unknown_text: text.unknown,
    }
}

const fn red_flag(finding: Finding, id: &'static str, text: RuleText, source: Source) -> Rule {
    rule(
        id,
        Group::RedFlag,
        Formula::Fact(Fact::Finding(finding)),
        finding.label(),
        text,
        source,
    )
}

const fn contraindication(
    fact: Fact,
    group: Group,
    id: &'static str,
    label: &'static str,
    text: RuleText,
    source: Source,
) -> Rule {
    rule(id, group, Formula::Fact(fact), label, text, source)
}

use Fact::Finding as F;
use Finding::*;
use Group::{Absolute, Relative};

const OTTAWA_EXAMINATION: &[Formula] = &[
    Formula::Fact(F(BoneTendernessLateralMalleolus)),
    Formula::Fact(F(BoneTendernessMedialMalleolus)),
    Formula::Fact(F(BoneTendernessFifthMetatarsalBase)),
    Formula::Fact(F(BoneTendernessNavicular)),
    Formula::Fact(F(UnableToBearWeight)),
];
const OTTAWA: &[Formula] = &[
    Formula::Fact(F(RecentInjury)),
    Formula::Any(OTTAWA_EXAMINATION),
];

/// Number of rules in [`RULES`].
///
/// # Example
///
/// ```
/// use prolo_triage::{RULES, RULE_COUNT};
/// assert_eq!(RULES.len(), RULE_COUNT);
/// ```
pub const RULE_COUNT: usize = 33;

/// The rule table, in ladder order. Every fact appears in exactly one rule
/// (the engine relies on it: see `engine.rs`).
///
/// # Example
///
/// ```
/// use prolo_triage::{Group, RULES};
/// // Read top to bottom: the red flags come first.
/// assert_eq!(RULES[0].group, Group::RedFlag);
/// // Every rule has a stable id, a text and a source.
/// assert!(RULES.iter().all(|r| !r.id.is_empty() && !r.text.is_empty() && !r.source.citation.is_empty()));
/// ```
pub static RULES: [Rule; RULE_COUNT] = [
    // Red flags: refer, never inject (clinical-knowledge §1).
    red_flag(Fever, "red_flag.fever",
        text!("Fever (38 °C or more) or systemically unwell: possible septic arthritis, cellulitis or osteomyelitis."),
        k::NHS_PATHWAYS),
    red_flag(HotSwollenFoot, "red_flag.hot_swollen_foot",
        text!("Hot, red, swollen foot or joint: possible infection, septic arthritis, gout or Charcot foot."),
        k::CHARCOT),
    red_flag(AchillesRuptureSigns, "red_flag.achilles_rupture",
        text!("Signs of Achilles rupture (calf-squeeze or Matles test, palpable gap); patients can still walk."),
        k::ACHILLES_RUPTURE),
    red_flag(IschaemiaSigns, "red_flag.ischaemia",
        text!("Rest pain, cold pale foot, absent pulses or tissue loss: possible chronic limb-threatening ischaemia."),
        k::VASCULAR),
    red_flag(CalfSwelling, "red_flag.calf_swelling",
        text!("Unilateral calf swelling, warmth and tenderness: possible deep vein thrombosis."),
        k::UNNAMED_SECONDARY),
    red_flag(PainOutOfProportion, "red_flag.pain_out_of_proportion",
        text!("Pain out of proportion or on passive stretch, tense compartment: possible compartment syndrome."),
        k::UNNAMED_SECONDARY),
    red_flag(NeurologicalDeficit, "red_flag.neurological_deficit",
        text!("Progressive weakness or numbness, or foot drop."),
        k::UNNAMED_SECONDARY),
    red_flag(TumourSigns, "red_flag.tumour",
        text!("Night or constant non-mechanical pain, weight loss, new pain after cancer, or a mass: possible tumour."),
        k::TUMOUR),
    red_flag(RapidlyWorseningDeformity, "red_flag.rapidly_worsening_deformity",
        text!("Rapidly worsening deformity."),
        k::NHS_PATHWAYS),
    rule(
        "red_flag.ottawa_fracture",
        Group::RedFlag,
        Formula::All(OTTAWA),
        "possible fracture (Ottawa rules)",
        text!("Possible fracture by the Ottawa ankle and foot rules: injury in the last 10 days with bone tenderness or inability to bear weight."),
        k::OTTAWA,
    ),
    // Absolute contraindications (clinical-knowledge §2; the split is inferred).
    contraindication(F(SkinInfectionAtSite), Absolute, "contraindication.skin_infection_at_site",
        "skin infection at the site",
        text!("Skin infection at the injection site (cellulitis, erysipelas)."),
        k::CONTRAINDICATION_SPLIT),
    contraindication(F(SystemicInfection), Absolute, "contraindication.systemic_infection",
        "systemic infection",
        text!("Systemic infection or sepsis."),
        k::CONTRAINDICATION_SPLIT),
    contraindication(F(BleedingDisorder), Absolute, "contraindication.bleeding_disorder",
        "bleeding disorder",
        text!("Bleeding disorder (trials exclude abnormal coagulation)."),
        k::CONTRAINDICATION_SPLIT),
    contraindication(F(MalignancyAtSite), Absolute, "contraindication.malignancy_at_site",
        "malignancy at the site",
        text!("Malignancy at the injection site."),
        k::CONTRAINDICATION_SPLIT),
    contraindication(F(AcuteInflammatoryArthritis), Absolute, "contraindication.acute_inflammatory_arthritis",
        "acute gout or arthritis flare",
        text!("Acute gout or inflammatory arthritis flare."),
        k::CONTRAINDICATION_SPLIT),
    // Suitability (clinical-knowledge §3; seed: the conditions treated).
    rule(
        "suitability.age",
        Group::Suitability,
        Formula::Fact(Fact::AgeBelowMinimum),
        "under the minimum age",
        text!("Adults only: every trial found enrolled adults."),
        k::ADULTS_ONLY,
    ),
    rule(
        "suitability.condition",
        Group::Suitability,
        Formula::Fact(Fact::NoTreatableCondition),
        "no treatable condition",
        text!("No condition prolotherapy is used for: the source lists plantar fasciitis, heel pain, Achilles tendinopathy, tendinitis, Morton's neuroma, bunion pain, osteoarthritis and fallen arch."),
        k::SEED_CONDITIONS,
    ),
    // Timing: conservative care first (clinical-knowledge §3).
    rule(
        "timing.symptom_weeks",
        Group::Timing,
        Formula::Fact(Fact::SymptomsBelowMinimum),
        "symptoms too recent",
        text!("Trials enrolled symptoms of 3 months or more; before that, symptoms are acute or subacute."),
        k::SYMPTOM_DURATION,
    ),
    rule(
        "timing.conservative_care_weeks",
        Group::Timing,
        Formula::Fact(Fact::CareBelowMinimum),
        "too little conservative care",
        text!("Guideline-based conservative care (stretching, loading, orthoses, taping, night splints, footwear) comes first."),
        k::CONSERVATIVE_CARE,
    ),
    // Relative contraindications: precautions (clinical-knowledge §2).
    contraindication(F(Pregnancy), Relative, "precaution.pregnancy",
        "pregnancy", text!("Pregnancy."), k::CONTRAINDICATION_SPLIT),
    contraindication(F(Diabetes), Relative, "precaution.diabetes",
        "diabetes", text!("Diabetes (a caution for dextrose; trials exclude it)."), k::CONTRAINDICATION_SPLIT),
    contraindication(F(PeripheralNeuropathy), Relative, "precaution.peripheral_neuropathy",
        "peripheral neuropathy", text!("Peripheral neuropathy."), k::CONTRAINDICATION_SPLIT),
    contraindication(F(Immunosuppression), Relative, "precaution.immunosuppression",
        "immunosuppression", text!("Immunosuppression."), k::CONTRAINDICATION_SPLIT),
    contraindication(F(ActiveCancer), Relative, "precaution.active_cancer",
        "active cancer", text!("Active cancer elsewhere than the site."), k::CONTRAINDICATION_SPLIT),
    contraindication(F(RecentSteroidInjection), Relative, "precaution.recent_steroid_injection",
        "recent steroid injection",
        text!("Steroid injection at the site in the last 3 months (trials exclude 3-6 months)."),
        k::CONTRAINDICATION_SPLIT),
    contraindication(F(LowPlatelets), Relative, "precaution.low_platelets",
        "low platelets", text!("Platelets below 100×10⁹/L or platelet dysfunction."), k::CONTRAINDICATION_SPLIT),
    contraindication(Fact::Medication(MedicationClass::Anticoagulant), Relative, "precaution.anticoagulant",
        "anticoagulant",
        text!("Anticoagulant (warfarin, DOAC, heparin): bleeding risk; some clinics treat it as absolute (secondary)."),
        k::CONTRAINDICATION_SPLIT),
    contraindication(Fact::Medication(MedicationClass::Antiplatelet), Relative, "precaution.antiplatelet",
        "antiplatelet drug", text!("Antiplatelet drug other than low-dose aspirin."), k::CONTRAINDICATION_SPLIT),
    contraindication(Fact::Medication(MedicationClass::SystemicCorticosteroid), Relative,
        "precaution.systemic_corticosteroid",
        "systemic corticosteroid", text!("Systemic corticosteroid."), k::CONTRAINDICATION_SPLIT),
    contraindication(Fact::Medication(MedicationClass::Immunosuppressant), Relative,
        "precaution.immunosuppressant",
        "immunosuppressant", text!("Immunosuppressant drug."), k::CONTRAINDICATION_SPLIT),
    contraindication(Fact::Allergy(Allergy::LocalAnaesthetic), Relative, "precaution.allergy_local_anaesthetic",
        "local anaesthetic allergy",
        text!("Local anaesthetic allergy: use an anaesthetic-free solution."),
        k::CONTRAINDICATION_SPLIT),
    contraindication(Fact::Allergy(Allergy::Dextrose), Relative, "precaution.allergy_dextrose",
        "dextrose allergy", text!("Dextrose allergy: avoid dextrose."), k::DEXTROSE_CORN),
    contraindication(Fact::Allergy(Allergy::Corn), Relative, "precaution.allergy_corn",
        "corn allergy", text!("Corn allergy: dextrose is made from corn, so avoid dextrose."), k::DEXTROSE_CORN),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every subject: each finding, then the six fields.
    fn subjects() -> Vec<Subject> {
        Finding::all()
            .iter()
            .map(|f| Subject::Finding(*f))
            .chain([
                Subject::AgeYears,
                Subject::Conditions,
                Subject::SymptomWeeks,
                Subject::ConservativeCareWeeks,
                Subject::Medications,
                Subject::Allergies,
            ])
            .collect()
    }

    #[test]
    fn subject_sets_hold_exactly_what_is_inserted() {
        let all = subjects();
        for (i, subject) in all.iter().enumerate() {
            let mut set = SubjectSet::default();
            assert!(!set.contains(*subject), "{subject}");
            assert!(set.insert(*subject), "{subject}");
            assert!(!set.insert(*subject), "{subject} twice");
            for (j, other) in all.iter().enumerate() {
                assert_eq!(set.contains(*other), i == j, "{subject} holds {other}?");
            }
        }
    }

    #[test]
    fn subjects_show_their_wire_names_and_ask_questions() {
        for subject in subjects() {
            assert_eq!(subject.to_string(), subject.as_str());
            assert_eq!(subject.as_str().parse::<Subject>().ok(), Some(subject));
            let question = subject.question();
            assert!(
                question.ends_with('?') || question.ends_with("(None is an answer.)"),
                "{subject}: {question}"
            );
        }
        assert_eq!(
            Subject::Conditions.question(),
            "Which foot condition has been diagnosed?"
        );
    }
}
