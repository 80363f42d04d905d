//! The rule table: every rule of the verdict ladder, as data.
//!
//! Read it top to bottom: red flags, absolute contraindications,
//! suitability, timing, relative contraindications. Each row has a stable
//! id, its default group, a monotone formula over adverse facts, a short
//! label, a clinician-facing text and its source. The engine walks the
//! table; adding a red flag is one row.

use super::{Fact, Formula, Group};
use crate::knowledge::{self as k, Source};
use crate::vocabulary::{Allergy, Finding, MedicationClass};

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
/// use prolo_triage::{Group, RULES, RULE_COUNT};
/// // Room for one bit per rule in a `u64` set, with the red flags first.
/// assert!(RULE_COUNT <= 64);
/// let red_flags = RULES.iter().take_while(|r| r.group == Group::RedFlag).count();
/// assert_eq!(red_flags, 10); // nine findings and the Ottawa rules
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
        text!("Fever (38 °C or more) or systemically unwell: possible septic arthritis, cellulitis or osteomyelitis (secondary source)."),
        k::NHS_PATHWAYS),
    red_flag(HotSwollenFoot, "red_flag.hot_swollen_foot",
        text!("Hot, red, swollen foot or joint: possible infection, septic arthritis, gout or Charcot foot."),
        k::CHARCOT),
    red_flag(AchillesRuptureSigns, "red_flag.achilles_rupture",
        text!("Signs of Achilles rupture (calf-squeeze or Matles test, palpable gap); patients can still walk."),
        k::ACHILLES_RUPTURE),
    red_flag(IschaemiaSigns, "red_flag.ischaemia",
        text!("Rest pain, cold pale foot, absent pulses or tissue loss: possible chronic limb-threatening ischaemia (secondary source)."),
        k::VASCULAR),
    red_flag(CalfSwelling, "red_flag.calf_swelling",
        text!("Unilateral calf swelling, warmth and tenderness: possible deep vein thrombosis (secondary source)."),
        k::UNNAMED_SECONDARY),
    red_flag(PainOutOfProportion, "red_flag.pain_out_of_proportion",
        text!("Pain out of proportion or on passive stretch, tense compartment: possible compartment syndrome (secondary source)."),
        k::UNNAMED_SECONDARY),
    red_flag(NeurologicalDeficit, "red_flag.neurological_deficit",
        text!("Progressive weakness or numbness, or foot drop (secondary source)."),
        k::UNNAMED_SECONDARY),
    red_flag(TumourSigns, "red_flag.tumour",
        text!("Night or constant non-mechanical pain, unexplained weight loss, new pain after cancer, or an unexplained mass: possible tumour (secondary source)."),
        k::TUMOUR),
    red_flag(RapidlyWorseningDeformity, "red_flag.rapidly_worsening_deformity",
        text!("Rapidly worsening deformity (secondary source)."),
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
        "dextrose allergy", text!("Dextrose allergy: avoid dextrose (IV dextrose labels; no prolotherapy-specific source, secondary)."), k::DEXTROSE_CORN),
    contraindication(Fact::Allergy(Allergy::Corn), Relative, "precaution.allergy_corn",
        "corn allergy", text!("Corn allergy: dextrose is made from corn, so avoid dextrose (IV dextrose labels; no prolotherapy-specific source, secondary)."), k::DEXTROSE_CORN),
];
