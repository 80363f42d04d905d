//! The rule table: every rule of the verdict ladder, as data.
//!
//! Read it top to bottom: red flags, absolute contraindications,
//! suitability, timing, relative contraindications. Each row has a stable
//! id, its default group, a monotone formula over adverse facts, a short
//! label, a clinician-facing text and its source. The engine walks the
//! table; adding a red flag is one row.

use super::{Fact, Formula, Group};
use crate::knowledge::{self as k, Source};
use crate::vocabulary::{Allergy, Finding, MedicationClass, SafetyNet, WarningSigns};

/// One row of the rule table.
///
/// # Example
///
/// ```
/// use prolo_triage::{Group, RuleId};
/// let ottawa = RuleId::OttawaFracture.rule();
/// assert_eq!(ottawa.group, Group::RedFlag);
/// assert_eq!(ottawa.id.as_str(), "red_flag.ottawa_fracture");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rule {
    /// Its identity, serialized as its stable id (`red_flag.fever`).
    pub id: RuleId,
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
    /// For a red flag (and an infection that may be sepsis), how soon the
    /// patient must act and the signs of an emergency
    /// (`docs/clinical-knowledge.md` §1.1); `None` otherwise.
    pub safety_net: Option<SafetyNet>,
    /// The explanation when the rule's facts are not yet known: `Not yet
    /// known: ` and the text, written once at compile time so that an
    /// assessment borrows it instead of allocating per rule.
    pub(crate) unknown_text: &'static str,
}

impl Rule {
    /// The row with its identity: the table's macro gives each row the
    /// variant of [`RuleId`] it declares beside it.
    const fn with_id(mut self, id: RuleId) -> Rule {
        self.id = id;
        self
    }

    /// The row with the patient's safety-net.
    const fn netted(mut self, net: SafetyNet) -> Rule {
        self.safety_net = Some(net);
        self
    }
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
    group: Group,
    formula: Formula,
    label: &'static str,
    text: RuleText,
    source: Source,
) -> Rule {
    Rule {
        // Replaced by the row's own id (`with_id`): every row declares one.
        id: RuleId::Fever,
        group,
        formula,
        label,
        text: text.known,
        source,
        safety_net: None,
        unknown_text: text.unknown,
    }
}

const fn red_flag(finding: Finding, net: SafetyNet, text: RuleText, source: Source) -> Rule {
    rule(
        Group::RedFlag,
        Formula::Fact(Fact::Finding(finding)),
        finding.label(),
        text,
        source,
    )
    .netted(net)
}

const fn contraindication(
    fact: Fact,
    group: Group,
    label: &'static str,
    text: RuleText,
    source: Source,
) -> Rule {
    rule(group, Formula::Fact(fact), label, text, source)
}

/// Declares the table: each row is `Variant = "stable.id" => row`, so a
/// rule's identity ([`RuleId`]), its wire id and its row are written once,
/// together, and the enum's order is the table's.
macro_rules! rule_table {
    ($($variant:ident = $id:literal => $row:expr,)*) => {
        /// The identity of a rule of the ladder: one variant per row of
        /// [`RULES`], in table order, serialized as the rule's stable id.
        ///
        /// Readers of an assessment match on it, never on the id's text.
        ///
        /// # Example
        ///
        /// ```
        /// use prolo_triage::RuleId;
        /// use prolo_triage::rules::RULES;
        /// assert_eq!(RuleId::Fever.as_str(), "red_flag.fever");
        /// assert_eq!("precaution.anticoagulant".parse(), Ok(RuleId::Anticoagulant));
        /// // The variants follow the table.
        /// assert!(RuleId::all().iter().zip(RULES.iter()).all(|(id, rule)| rule.id == *id));
        /// ```
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            PartialOrd,
            Ord,
            Hash,
            strum::Display,
            strum::EnumString,
            strum::IntoStaticStr,
            strum::VariantArray,
            strum::EnumCount,
        )]
        #[non_exhaustive]
        pub enum RuleId {
            $(
                #[doc = concat!("`", $id, "`")]
                #[strum(serialize = $id)]
                $variant,
            )*
        }

                /// The rule table, in ladder order. Every fact appears in exactly
        /// one rule (the engine relies on it: see `engine.rs`).
        ///
        /// # Example
        ///
        /// ```
        /// use prolo_triage::Group;
        /// use prolo_triage::rules::RULES;
        /// // Read top to bottom: the red flags come first.
        /// assert_eq!(RULES[0].group, Group::RedFlag);
        /// // Every rule has a stable id, a text and a source.
        /// assert!(RULES.iter().all(|r| !r.id.as_str().is_empty() && !r.text.is_empty() && !r.source.citation.is_empty()));
        /// ```
        pub static RULES: [Rule; RULE_COUNT] = [$($row.with_id(RuleId::$variant),)*];
    };
}

impl RuleId {
    /// The stable id, as written in JSON (`red_flag.fever`).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::RuleId;
    /// assert_eq!(RuleId::OttawaFracture.as_str(), "red_flag.ottawa_fracture");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Every rule's identity, in table order.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::RuleId;
    /// use prolo_triage::rules::RULE_COUNT;
    /// assert_eq!(RuleId::all().len(), RULE_COUNT);
    /// ```
    #[must_use]
    pub fn all() -> &'static [RuleId] {
        <RuleId as strum::VariantArray>::VARIANTS
    }

    /// The rule's index in [`RULES`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The rule's row.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Group, RuleId};
    /// assert_eq!(RuleId::Anticoagulant.rule().group, Group::Relative);
    /// ```
    #[must_use]
    // The variants are declared with the rows, in the same order
    // (`rule_table!`), so every variant's index is in bounds.
    #[allow(clippy::indexing_slicing)]
    pub fn rule(self) -> &'static Rule {
        &RULES[self.index()]
    }
}

/// A caller holding a stable id from elsewhere (a configuration, a log)
/// compares it directly; the library's own readers match the variants.
impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl AsRef<str> for RuleId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl serde::Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for RuleId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        s.parse()
            .map_err(|_| serde::de::Error::custom(format!("unknown rule `{s}`")))
    }
}

use Fact::Finding as F;
use Finding::*;
use Group::{Absolute, Relative};

/// The Ottawa ankle and foot rules as two clauses: the injury, and any of
/// the five examination findings.
const OTTAWA: &[&[Fact]] = &[
    &[F(RecentInjury)],
    &[
        F(BoneTendernessLateralMalleolus),
        F(BoneTendernessMedialMalleolus),
        F(BoneTendernessFifthMetatarsalBase),
        F(BoneTendernessNavicular),
        F(UnableToBearWeight),
    ],
];

/// Number of rules in [`RULES`].
///
/// # Example
///
/// ```
/// use prolo_triage::Group;
/// use prolo_triage::rules::{RULES, RULE_COUNT};
/// // Room for one bit per rule in a `u64` set, with the red flags first.
/// assert!(RULE_COUNT <= 64);
/// let red_flags = RULES.iter().take_while(|r| r.group == Group::RedFlag).count();
/// assert_eq!(red_flags, 11); // ten findings and the Ottawa rules
/// ```
pub const RULE_COUNT: usize = <RuleId as strum::EnumCount>::COUNT;

rule_table! {
    // Red flags: refer, never inject (docs/clinical-knowledge.md §1).
    Fever = "red_flag.fever" =>
    red_flag(Fever, SafetyNet::same_day_unless(WarningSigns::Sepsis),
        text!("Fever (38 °C or more) or systemically unwell: possible septic arthritis, cellulitis or osteomyelitis (secondary source)."),
        k::NHS_PATHWAYS),
    HotSwollenFoot = "red_flag.hot_swollen_foot" =>
    red_flag(HotSwollenFoot, SafetyNet::same_day_unless(WarningSigns::Sepsis),
        text!("Hot, red, swollen foot or joint: possible infection, septic arthritis, gout or Charcot foot (sources partly secondary)."),
        k::CHARCOT),
    AchillesRupture = "red_flag.achilles_rupture" =>
    red_flag(AchillesRuptureSigns, SafetyNet::SAME_DAY,
        text!("Signs of Achilles rupture (calf-squeeze or Matles test, palpable gap); patients can still walk."),
        k::ACHILLES_RUPTURE),
    Ischaemia = "red_flag.ischaemia" =>
    red_flag(IschaemiaSigns, SafetyNet::same_day_unless(WarningSigns::SuddenLossOfBloodFlow),
        text!("Rest pain, cold pale foot, absent pulses or tissue loss: possible chronic limb-threatening ischaemia (secondary source)."),
        k::VASCULAR),
    CalfSwelling = "red_flag.calf_swelling" =>
    red_flag(CalfSwelling, SafetyNet::same_day_unless(WarningSigns::ClotInLungs),
        text!("Unilateral calf swelling, warmth and tenderness: possible deep vein thrombosis (secondary source)."),
        k::UNNAMED_SECONDARY),
    PainOutOfProportion = "red_flag.pain_out_of_proportion" =>
    red_flag(PainOutOfProportion, SafetyNet::EMERGENCY_NOW,
        text!("Pain out of proportion or on passive stretch, tense compartment: possible compartment syndrome (secondary source)."),
        k::UNNAMED_SECONDARY),
    NeurologicalDeficit = "red_flag.neurological_deficit" =>
    red_flag(NeurologicalDeficit, SafetyNet::SAME_DAY,
        text!("Progressive weakness or numbness, or foot drop (secondary source)."),
        k::UNNAMED_SECONDARY),
    Tumour = "red_flag.tumour" =>
    red_flag(TumourSigns, SafetyNet::URGENT_REFERRAL,
        text!("Night or constant non-mechanical pain, unexplained weight loss, new pain after cancer, or an unexplained mass: possible tumour (secondary source)."),
        k::TUMOUR),
    RapidlyWorseningDeformity = "red_flag.rapidly_worsening_deformity" =>
    red_flag(RapidlyWorseningDeformity, SafetyNet::SAME_DAY,
        text!("Rapidly worsening deformity (secondary source)."),
        k::NHS_PATHWAYS),
    SuddenAchillesSnap = "red_flag.sudden_achilles_snap" =>
    red_flag(SuddenAchillesSnap, SafetyNet::SAME_DAY,
        text!("Sudden pain at the back of the ankle, as if kicked, often with a snap, reported by the patient: possible Achilles rupture; patients can often still walk and point the foot, and up to a quarter are missed at first presentation (secondary source)."),
        k::ACHILLES_SNAP),
    OttawaFracture = "red_flag.ottawa_fracture" =>
    rule(
        Group::RedFlag,
        Formula::All(OTTAWA),
        "possible fracture (Ottawa rules)",
        text!("Possible fracture by the Ottawa ankle and foot rules: injury in the last 10 days with bone tenderness or inability to bear weight."),
        k::OTTAWA,
    )
    .netted(SafetyNet::SAME_DAY),
    // Absolute contraindications (docs/clinical-knowledge.md §2; the split is inferred).
    SkinInfectionAtSite = "contraindication.skin_infection_at_site" =>
    contraindication(F(SkinInfectionAtSite), Absolute, "skin infection at the site",
        text!("Skin infection at the injection site (cellulitis, erysipelas)."),
        k::CONTRAINDICATION_SPLIT),
    SystemicInfection = "contraindication.systemic_infection" =>
    contraindication(F(SystemicInfection), Absolute, "systemic infection",
        text!("Systemic infection or sepsis."),
        k::CONTRAINDICATION_SPLIT)
    // Possible sepsis: never inject, and never a routine "not now" either.
    .netted(SafetyNet::same_day_unless(WarningSigns::Sepsis)),
    BleedingDisorder = "contraindication.bleeding_disorder" =>
    contraindication(F(BleedingDisorder), Absolute, "bleeding disorder",
        text!("Bleeding disorder (trials exclude abnormal coagulation)."),
        k::CONTRAINDICATION_SPLIT),
    MalignancyAtSite = "contraindication.malignancy_at_site" =>
    contraindication(F(MalignancyAtSite), Absolute, "malignancy at the site",
        text!("Malignancy at the injection site."),
        k::CONTRAINDICATION_SPLIT),
    AcuteInflammatoryArthritis = "contraindication.acute_inflammatory_arthritis" =>
    contraindication(F(AcuteInflammatoryArthritis), Absolute, "acute gout or arthritis flare",
        text!("Acute gout or inflammatory arthritis flare."),
        k::CONTRAINDICATION_SPLIT),
    // Suitability (docs/clinical-knowledge.md §3; seed: the conditions treated).
    MinimumAge = "suitability.age" =>
    rule(
        Group::Suitability,
        Formula::Fact(Fact::AgeBelowMinimum),
        "under the minimum age",
        text!("Adults only: every trial found enrolled adults."),
        k::ADULTS_ONLY,
    ),
    TreatableCondition = "suitability.condition" =>
    rule(
        Group::Suitability,
        Formula::Fact(Fact::NoTreatableCondition),
        "no treatable condition",
        text!("No condition prolotherapy is used for: the source lists plantar fasciitis, heel pain, Achilles tendinopathy, tendinitis, Morton's neuroma, bunion pain, osteoarthritis and fallen arch."),
        k::SEED_CONDITIONS,
    ),
    // Timing: conservative care first (docs/clinical-knowledge.md §3).
    SymptomDuration = "timing.symptom_weeks" =>
    rule(
        Group::Timing,
        Formula::Fact(Fact::SymptomsBelowMinimum),
        "symptoms too recent",
        text!("Trials enrolled symptoms of 3 months or more; before that, symptoms are acute or subacute (ACFAS consensus, via a secondary source)."),
        k::SYMPTOM_DURATION,
    ),
    ConservativeCareDuration = "timing.conservative_care_weeks" =>
    rule(
        Group::Timing,
        Formula::Fact(Fact::CareBelowMinimum),
        "too little conservative care",
        text!("Guideline-based conservative care (stretching, loading, orthoses, taping, night splints, footwear) comes first; NHS pathways (secondary) escalate after 6 weeks."),
        k::CONSERVATIVE_CARE,
    ),
    // Relative contraindications: precautions (docs/clinical-knowledge.md §2).
    Pregnancy = "precaution.pregnancy" =>
    contraindication(F(Pregnancy), Relative, "pregnancy", text!("Pregnancy."), k::CONTRAINDICATION_SPLIT),
    Diabetes = "precaution.diabetes" =>
    contraindication(F(Diabetes), Relative, "diabetes", text!("Diabetes (a caution for dextrose; trials exclude it)."), k::CONTRAINDICATION_SPLIT),
    PeripheralNeuropathy = "precaution.peripheral_neuropathy" =>
    contraindication(F(PeripheralNeuropathy), Relative, "peripheral neuropathy", text!("Peripheral neuropathy."), k::CONTRAINDICATION_SPLIT),
    Immunosuppression = "precaution.immunosuppression" =>
    contraindication(F(Immunosuppression), Relative, "immunosuppression", text!("Immunosuppression."), k::CONTRAINDICATION_SPLIT),
    ActiveCancer = "precaution.active_cancer" =>
    contraindication(F(ActiveCancer), Relative, "active cancer", text!("Active cancer elsewhere than the site."), k::CONTRAINDICATION_SPLIT),
    RecentSteroidInjection = "precaution.recent_steroid_injection" =>
    contraindication(F(RecentSteroidInjection), Relative, "recent steroid injection",
        text!("Steroid injection at the site in the last 3 months (trials exclude 3-6 months)."),
        k::CONTRAINDICATION_SPLIT),
    LowPlatelets = "precaution.low_platelets" =>
    contraindication(F(LowPlatelets), Relative, "low platelets", text!("Platelets below 100×10⁹/L or platelet dysfunction."), k::CONTRAINDICATION_SPLIT),
    Anticoagulant = "precaution.anticoagulant" =>
    contraindication(Fact::Medication(MedicationClass::Anticoagulant), Relative, "anticoagulant",
        text!("Anticoagulant (warfarin, DOAC, heparin): bleeding risk; one clinic (secondary source) treats it as absolute."),
        k::CONTRAINDICATION_SPLIT),
    Antiplatelet = "precaution.antiplatelet" =>
    contraindication(Fact::Medication(MedicationClass::Antiplatelet), Relative, "antiplatelet drug", text!("Antiplatelet drug other than low-dose aspirin."), k::CONTRAINDICATION_SPLIT),
    SystemicCorticosteroid = "precaution.systemic_corticosteroid" =>
    contraindication(Fact::Medication(MedicationClass::SystemicCorticosteroid), Relative,
        "systemic corticosteroid", text!("Systemic corticosteroid."), k::CONTRAINDICATION_SPLIT),
    Immunosuppressant = "precaution.immunosuppressant" =>
    contraindication(Fact::Medication(MedicationClass::Immunosuppressant), Relative,
        "immunosuppressant", text!("Immunosuppressant drug."), k::CONTRAINDICATION_SPLIT),
    AllergyLocalAnaesthetic = "precaution.allergy_local_anaesthetic" =>
    contraindication(Fact::Allergy(Allergy::LocalAnaesthetic), Relative, "local anaesthetic allergy",
        text!("Local anaesthetic allergy: use an anaesthetic-free solution (no prolotherapy-specific source, secondary)."),
        k::ANAESTHETIC_FREE),
    AllergyDextrose = "precaution.allergy_dextrose" =>
    contraindication(Fact::Allergy(Allergy::Dextrose), Relative, "dextrose allergy", text!("Dextrose allergy: avoid dextrose (IV dextrose labels; no prolotherapy-specific source, secondary)."), k::DEXTROSE_CORN),
    AllergyCorn = "precaution.allergy_corn" =>
    contraindication(Fact::Allergy(Allergy::Corn), Relative, "corn allergy", text!("Corn allergy: dextrose is made from corn, so avoid dextrose (IV dextrose labels; no prolotherapy-specific source, secondary)."), k::DEXTROSE_CORN),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::Urgency;

    #[test]
    fn every_red_flag_and_only_sepsis_besides_carries_a_safety_net() {
        for rule in RULES.iter() {
            let expected = rule.group == Group::RedFlag || rule.id == RuleId::SystemicInfection;
            assert_eq!(rule.safety_net.is_some(), expected, "{}", rule.id);
        }
    }

    #[test]
    fn the_tiers_are_those_of_the_knowledge_file() {
        let urgency = |id: RuleId| id.rule().safety_net.map(|n| n.urgency);
        assert_eq!(
            urgency(RuleId::PainOutOfProportion),
            Some(Urgency::EmergencyNow)
        );
        assert_eq!(urgency(RuleId::Tumour), Some(Urgency::UrgentReferral));
        assert_eq!(urgency(RuleId::OttawaFracture), Some(Urgency::SameDay));
        assert_eq!(urgency(RuleId::SuddenAchillesSnap), Some(Urgency::SameDay));
        let signs = |id: RuleId| id.rule().safety_net.and_then(|n| n.warning_signs);
        assert_eq!(signs(RuleId::CalfSwelling), Some(WarningSigns::ClotInLungs));
        assert_eq!(signs(RuleId::SystemicInfection), Some(WarningSigns::Sepsis));
        assert_eq!(
            signs(RuleId::Ischaemia),
            Some(WarningSigns::SuddenLossOfBloodFlow)
        );
    }
}
