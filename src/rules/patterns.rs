//! The symptom patterns of the eight conditions and the mimics, as data
//! (`docs/decision-model.md` §9; `docs/clinical-knowledge.md` §7.1b, §7.2,
//! §7.3). Each row names its features with their roles and sources; the
//! engine reads the rows with the same Kleene [`Truth`](crate::Truth)
//! operations as the verdict and never computes a probability.

use std::borrow::Cow;

use crate::input::{FactName, Field};
use crate::knowledge::{self as k, Source};
use crate::rules::Subject;
use crate::vocabulary::{Condition, Mimic, Symptom, Who};

/// A feature a pattern reads: a symptom, or a fact derived from a field of
/// the presentation (never asked on its own: the field is).
///
/// # Example
///
/// ```
/// use prolo_triage::rules::Feature;
/// use prolo_triage::{Symptom, Who};
/// assert_eq!(Feature::AgeAtLeast45.field(), Some("age_years"));
/// assert_eq!(Feature::Symptom(Symptom::FirstStepPain).who(), Who::Patient);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Feature {
    /// A symptom of `docs/clinical-knowledge.md` §7.1.
    Symptom(Symptom),
    /// `age_years` is 45 or over (NICE NG226 diagnoses osteoarthritis
    /// clinically from 45).
    AgeAtLeast45,
    /// `symptom_weeks` is 109 or more: symptoms for more than 25 months,
    /// an item of the big-toe joint rule.
    SymptomsOver25Months,
}

impl Feature {
    /// The symptom, when the feature is one.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::rules::Feature;
    /// use prolo_triage::Symptom;
    /// assert_eq!(Feature::Symptom(Symptom::GradualOnset).symptom(), Some(Symptom::GradualOnset));
    /// assert_eq!(Feature::AgeAtLeast45.symptom(), None);
    /// ```
    #[must_use]
    pub const fn symptom(self) -> Option<Symptom> {
        match self {
            Feature::Symptom(s) => Some(s),
            Feature::AgeAtLeast45 | Feature::SymptomsOver25Months => None,
        }
    }

    /// The field a derived feature reads; `None` for a symptom.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::rules::Feature;
    /// use prolo_triage::Symptom;
    /// assert_eq!(Feature::SymptomsOver25Months.field(), Some("symptom_weeks"));
    /// assert_eq!(Feature::Symptom(Symptom::FirstStepPain).field(), None);
    /// ```
    #[must_use]
    pub const fn field(self) -> Option<&'static str> {
        match self {
            Feature::Symptom(_) => None,
            Feature::AgeAtLeast45 => Some("age_years"),
            Feature::SymptomsOver25Months => Some("symptom_weeks"),
        }
    }

    /// Who can answer it: a symptom says so itself; a patient knows their
    /// age and how long the foot has hurt.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::rules::Feature;
    /// use prolo_triage::Who;
    /// assert_eq!(Feature::AgeAtLeast45.who(), Who::Patient);
    /// ```
    #[must_use]
    pub const fn who(self) -> Who {
        match self {
            Feature::Symptom(s) => s.who(),
            Feature::AgeAtLeast45 | Feature::SymptomsOver25Months => Who::Patient,
        }
    }

    /// A short clinician-facing name.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::rules::Feature;
    /// assert_eq!(Feature::AgeAtLeast45.label(), "age 45 or over");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Feature::Symptom(s) => s.label(),
            Feature::AgeAtLeast45 => "age 45 or over",
            Feature::SymptomsOver25Months => "symptoms for more than 25 months",
        }
    }

    /// The fact it reads, as `answered_by` names it: the symptom, or the
    /// field a derived feature reads.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::rules::Feature;
    /// use prolo_triage::{FactName, Field};
    /// assert_eq!(Feature::AgeAtLeast45.fact(), FactName::Field(Field::AgeYears));
    /// ```
    #[must_use]
    pub fn fact(self) -> FactName {
        match self {
            Feature::Symptom(s) => FactName::Symptom(s),
            Feature::AgeAtLeast45 => FactName::Field(Field::AgeYears),
            Feature::SymptomsOver25Months => FactName::Field(Field::SymptomWeeks),
        }
    }

    /// The clinician's question that settles it.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::rules::Feature;
    /// use prolo_triage::Symptom;
    /// assert_eq!(Feature::Symptom(Symptom::GradualOnset).question(), "Gradual onset?");
    /// ```
    #[must_use]
    pub fn question(self) -> Cow<'static, str> {
        match self {
            Feature::Symptom(s) => Cow::Borrowed(s.question()),
            Feature::AgeAtLeast45 => Subject::AgeYears.question(),
            Feature::SymptomsOver25Months => Subject::SymptomWeeks.question(),
        }
    }
}

/// How much a feature for or against a condition counts
/// (`docs/clinical-knowledge.md` §7, roles).
///
/// # Example
///
/// ```
/// use prolo_triage::rules::Weight;
/// assert_eq!(Weight::Strong.points(), 3);
/// assert_eq!(Weight::Key.points(), 3);
/// assert_eq!(Weight::RulesIn.points(), 4);
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    strum::Display,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Weight {
    /// A defining feature (a member of a key group).
    Key,
    /// Highly specific: present, it keeps the candidate out of `unlikely`.
    RulesIn,
    /// Highly sensitive: absent, it makes the candidate `unlikely`.
    RulesOut,
    /// Strong.
    Strong,
    /// Moderate.
    Moderate,
    /// Weak.
    Weak,
}

impl Weight {
    /// The points of the score (`docs/decision-model.md` §9): key 3,
    /// rules-in 4, strong 3 (a rules-out feature present counts as
    /// strong), moderate 2, weak 1.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::rules::Weight;
    /// assert_eq!(Weight::RulesIn.points(), 4);
    /// assert_eq!(Weight::Weak.points(), 1);
    /// ```
    #[must_use]
    pub const fn points(self) -> i32 {
        match self {
            Weight::RulesIn => 4,
            Weight::Key | Weight::RulesOut | Weight::Strong => 3,
            Weight::Moderate => 2,
            Weight::Weak => 1,
        }
    }

    /// Its wire name (`strong`), as a constant the compiler can read when
    /// it writes the candidates' sentences; a test keeps it equal to the
    /// name serde and strum give.
    pub(crate) const fn word(self) -> &'static str {
        match self {
            Weight::Key => "key",
            Weight::RulesIn => "rules_in",
            Weight::RulesOut => "rules_out",
            Weight::Strong => "strong",
            Weight::Moderate => "moderate",
            Weight::Weak => "weak",
        }
    }
}

/// One member of a key group: a feature that satisfies the group when
/// present or, `negated`, when absent.
///
/// # Example
///
/// ```
/// use prolo_triage::rules::PATTERNS;
/// use prolo_triage::Condition;
/// let oa = PATTERNS.iter().find(|p| p.condition == Condition::Osteoarthritis).unwrap();
/// // Long morning stiffness must be absent: a negated member.
/// assert!(oa.key.iter().flat_map(|g| g.iter()).any(|m| m.negated));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Member {
    /// The feature.
    pub feature: Feature,
    /// True when the group asks for the feature to be absent.
    pub negated: bool,
    /// Where it comes from.
    pub source: Source,
}

/// A feature with its weight and source, for or against a condition.
///
/// # Example
///
/// ```
/// use prolo_triage::rules::{Feature, PATTERNS};
/// use prolo_triage::Condition;
/// let oa = PATTERNS.iter().find(|p| p.condition == Condition::Osteoarthritis).unwrap();
/// assert_eq!(oa.likely_only_with[0].feature, Feature::AgeAtLeast45);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Weighed {
    /// The feature.
    pub feature: Feature,
    /// How much it counts.
    pub weight: Weight,
    /// Where it comes from.
    pub source: Source,
}

/// "At least k of these n" as one derived feature, Kleene-counted: true
/// when k are known true, false when fewer than k can still be true,
/// unknown otherwise.
///
/// # Example
///
/// ```
/// use prolo_triage::rules::PATTERNS;
/// let rule = PATTERNS.iter().find_map(|p| p.counting).unwrap();
/// assert_eq!((rule.name, rule.at_least, rule.items.len()), ("big_toe_joint_rule", 3, 5));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Counting {
    /// Its name on the wire (`big_toe_joint_rule`).
    pub name: &'static str,
    /// A clinician's description.
    pub label: &'static str,
    /// How many items must be true.
    pub at_least: usize,
    /// The items.
    pub items: &'static [Feature],
    /// How much it counts for the condition when true.
    pub weight: Weight,
    /// Where it comes from.
    pub source: Source,
}

/// One condition's pattern (`docs/decision-model.md` §9).
///
/// # Example
///
/// ```
/// use prolo_triage::rules::PATTERNS;
/// use prolo_triage::Condition;
/// assert_eq!(PATTERNS[0].condition, Condition::PlantarFasciitis);
/// assert_eq!(PATTERNS[0].parent, Some(Condition::HeelPain));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Pattern {
    /// The condition.
    pub condition: Condition,
    /// Its broader category, when it has one (plantar fasciitis: heel pain).
    pub parent: Option<Condition>,
    /// The key: an AND of groups, each an OR of its members.
    pub key: &'static [&'static [Member]],
    /// Facts that must be known true for `likely`.
    pub likely_only_with: &'static [Weighed],
    /// Present, each keeps the candidate out of `unlikely`.
    pub rules_in: &'static [Weighed],
    /// Absent, each makes the candidate `unlikely` (unless ruled in);
    /// present, each counts as a strong feature for.
    pub rules_out: &'static [Weighed],
    /// Features for, with their strengths.
    pub for_: &'static [Weighed],
    /// Features against, with their strengths.
    pub against: &'static [Weighed],
    /// A counting rule, if the condition has one.
    pub counting: Option<&'static Counting>,
}

impl Pattern {
    /// Every feature that can move the band, in table order: the key,
    /// likely-only-with, rules in, rules out, strong against.
    pub(crate) fn band_features(&self) -> impl Iterator<Item = Feature> + '_ {
        self.key
            .iter()
            .flat_map(|group| group.iter().map(|m| m.feature))
            .chain(self.likely_only_with.iter().map(|w| w.feature))
            .chain(self.rules_in.iter().map(|w| w.feature))
            .chain(self.rules_out.iter().map(|w| w.feature))
            .chain(
                self.against
                    .iter()
                    .filter(|w| w.weight == Weight::Strong)
                    .map(|w| w.feature),
            )
    }

    /// The features of the row whose presence lists the candidate: key,
    /// rules-in, rules-out (present, a strong feature for) and for.
    pub(crate) fn listing_features(&self) -> impl Iterator<Item = Feature> + '_ {
        self.key
            .iter()
            .flat_map(|group| group.iter().filter(|m| !m.negated).map(|m| m.feature))
            .chain(self.rules_in.iter().map(|w| w.feature))
            .chain(self.rules_out.iter().map(|w| w.feature))
            .chain(self.for_.iter().map(|w| w.feature))
    }
}

/// One mimic (`docs/clinical-knowledge.md` §7.3): the symptoms that
/// suggest it, why it matters, and its source.
///
/// # Example
///
/// ```
/// use prolo_triage::rules::MIMICS;
/// use prolo_triage::Symptom;
/// assert!(MIMICS.iter().any(|m| m.suggested_by.contains(&Symptom::HeelSqueezePain)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MimicRow {
    /// The mimic.
    pub mimic: Mimic,
    /// The symptoms that suggest it.
    pub suggested_by: &'static [Symptom],
    /// The clinician-facing text.
    pub text: &'static str,
    /// Where it comes from.
    pub source: Source,
}

use Feature::Symptom as S;
use Symptom::*;

const fn key(feature: Feature, source: Source) -> Member {
    Member {
        feature,
        negated: false,
        source,
    }
}

const fn w(feature: Feature, weight: Weight, source: Source) -> Weighed {
    Weighed {
        feature,
        weight,
        source,
    }
}

const fn row(condition: Condition) -> Pattern {
    Pattern {
        condition,
        parent: None,
        key: &[],
        likely_only_with: &[],
        rules_in: &[],
        rules_out: &[],
        for_: &[],
        against: &[],
        counting: None,
    }
}

/// The big-toe joint rule of osteoarthritis (3 or more of 5 items), its
/// own constant: a reference to a temporary inside `Some` needs Rust
/// 1.83's const destructors, and the core keeps Rust 1.77.
const BIG_TOE_JOINT_RULE: &Counting = &Counting {
    name: "big_toe_joint_rule",
    label: "big-toe joint rule: 3 or more of 5 items",
    at_least: 3,
    items: &[
        Feature::SymptomsOver25Months,
        S(BumpOnTopOfBigToe),
        S(FirstMtpHardEndFeel),
        S(FirstMtpCrepitus),
        S(FirstMtpDorsiflexionUnder64),
    ],
    weight: Weight::Strong,
    source: k::OA_BIG_TOE_RULE,
};

/// The patterns, one row per condition in the order of
/// `docs/decision-model.md` §2 (`other` has none).
///
/// # Example
///
/// ```
/// use prolo_triage::rules::PATTERNS;
/// use prolo_triage::Condition;
/// assert_eq!(PATTERNS.len(), 8);
/// assert_eq!(PATTERNS[0].condition, Condition::PlantarFasciitis);
/// assert_eq!(PATTERNS[0].parent, Some(Condition::HeelPain));
/// ```
pub static PATTERNS: [Pattern; 8] = ROWS;

/// The rows of [`PATTERNS`] as a constant, which the compiler can read:
/// the candidates' sentences are written from them at compile time
/// (`explain::candidates`).
pub(crate) const ROWS: [Pattern; 8] = [
    Pattern {
        parent: Some(Condition::HeelPain),
        key: &[
            &[key(S(PainUnderHeel), k::PF_CPG)],
            &[key(S(FirstStepPain), k::PF_CPG)],
        ],
        rules_in: &[w(S(WindlassTestPositive), Weight::RulesIn, k::WINDLASS)],
        for_: &[
            w(
                S(TenderMedialCalcanealTubercle),
                Weight::Moderate,
                k::PF_GOFF,
            ),
            w(S(GradualOnset), Weight::Weak, k::PF_NO_INJURY),
        ],
        against: &[
            w(
                S(PainHeelCentre),
                Weight::Weak,
                k::SYMPTOM_PATTERN_INFERENCE,
            ),
            w(
                S(NumbnessHeelOrSole),
                Weight::Moderate,
                k::SYMPTOM_PATTERN_INFERENCE,
            ),
            w(
                S(InflammatoryFeatures),
                Weight::Moderate,
                k::SYMPTOM_PATTERN_INFERENCE,
            ),
        ],
        ..row(Condition::PlantarFasciitis)
    },
    Pattern {
        key: &[&[
            key(S(PainUnderHeel), k::HEEL_PAIN_CPG),
            key(S(PainHeelCentre), k::HEEL_PAD),
            key(S(PainBackOfHeel), k::HEEL_PAIN_CPG),
        ]],
        ..row(Condition::HeelPain)
    },
    Pattern {
        key: &[&[
            key(S(PainAchillesAboveHeel), k::ACHILLES_CPG),
            key(S(PainBackOfHeel), k::ACHILLES_INSERTIONAL),
        ]],
        rules_in: &[w(
            S(ArcOrRoyalLondonPositive),
            Weight::RulesIn,
            k::ACHILLES_TESTS,
        )],
        for_: &[
            w(
                S(TenderAchillesMidportion),
                Weight::Strong,
                k::ACHILLES_HUTCHISON,
            ),
            w(S(GradualOnset), Weight::Moderate, k::ACHILLES_CPG),
            w(
                S(TendonStiffInMorning),
                Weight::Moderate,
                k::ACHILLES_MORNING,
            ),
        ],
        against: &[w(
            S(InflammatoryFeatures),
            Weight::Moderate,
            k::SYMPTOM_PATTERN_INFERENCE,
        )],
        ..row(Condition::AchillesTendinopathy)
    },
    Pattern {
        key: &[&[
            key(S(PainInnerAnkle), k::TIBIALIS_POSTERIOR),
            key(S(PainOuterAnkle), k::PERONEAL),
        ]],
        for_: &[
            w(S(CannotTiptoeOnOneFoot), Weight::Moderate, k::HEEL_RAISE),
            w(
                S(TenderTibialisPosterior),
                Weight::Moderate,
                k::TIBIALIS_POSTERIOR,
            ),
            w(S(TenderPeronealTendons), Weight::Moderate, k::PERONEAL),
        ],
        ..row(Condition::Tendinitis)
    },
    Pattern {
        key: &[&[key(S(PainBetweenToes), k::MORTON_ACFAS)]],
        rules_in: &[w(S(ClickBetweenToes), Weight::RulesIn, k::MORTON_PITCHER)],
        rules_out: &[w(
            S(WebSpaceSqueezeTender),
            Weight::RulesOut,
            k::MORTON_PITCHER,
        )],
        for_: &[
            w(S(BurningIntoToes), Weight::Moderate, k::MORTON_ACFAS),
            w(S(PebbleFeeling), Weight::Moderate, k::MORTON_PITCHER),
            w(S(MuldersClick), Weight::Moderate, k::MULDER),
            w(S(WorseInTightShoes), Weight::Weak, k::MORTON_ACFAS),
        ],
        against: &[w(
            S(PainUnderSecondToeJoint),
            Weight::Moderate,
            k::PLANTAR_PLATE,
        )],
        ..row(Condition::MortonsNeuroma)
    },
    Pattern {
        key: &[
            &[key(S(BunionVisible), k::BUNION_DEFINITION)],
            &[key(S(PainBunion), k::BUNION_PAIN)],
        ],
        for_: &[w(S(WorseInTightShoes), Weight::Weak, k::BUNION_PAIN)],
        ..row(Condition::BunionPain)
    },
    Pattern {
        key: &[
            &[
                key(S(PainTopOfBigToeJoint), k::OA_BIG_TOE),
                key(S(PainAnkleJoint), k::OA_NICE),
                key(S(PainTopOfMidfoot), k::OA_NICE),
            ],
            &[key(S(PainWithActivity), k::OA_NICE)],
            &[Member {
                feature: S(MorningStiffnessOver30Min),
                negated: true,
                source: k::OA_NICE,
            }],
        ],
        likely_only_with: &[w(Feature::AgeAtLeast45, Weight::Key, k::OA_NICE)],
        for_: &[w(S(StiffBigToe), Weight::Weak, k::OA_BIG_TOE)],
        counting: Some(BIG_TOE_JOINT_RULE),
        ..row(Condition::Osteoarthritis)
    },
    Pattern {
        key: &[&[key(S(ArchDropping), k::FALLEN_ARCH_DEFINITION)]],
        for_: &[
            w(S(PainInnerAnkle), Weight::Moderate, k::FALLEN_ARCH_SIGNS),
            w(
                S(CannotTiptoeOnOneFoot),
                Weight::Moderate,
                k::FALLEN_ARCH_SIGNS,
            ),
            w(S(TooManyToesSign), Weight::Moderate, k::FALLEN_ARCH_SIGNS),
            w(
                S(TenderTibialisPosterior),
                Weight::Weak,
                k::FALLEN_ARCH_DEFINITION,
            ),
        ],
        ..row(Condition::FallenArch)
    },
];

/// The mimics of `docs/clinical-knowledge.md` §7.3, in its order.
///
/// # Example
///
/// ```
/// use prolo_triage::rules::MIMICS;
/// assert_eq!(MIMICS.len(), 5);
/// ```
pub static MIMICS: [MimicRow; 5] = [
    MimicRow {
        mimic: Mimic::TarsalTunnelSyndrome,
        suggested_by: &[NumbnessHeelOrSole, TarsalTunnelTestPositive],
        text: "Tarsal tunnel syndrome: a nerve entrapment that imitates plantar fasciitis; exclude it before any injection.",
        source: k::TARSAL_TUNNEL,
    },
    MimicRow {
        mimic: Mimic::CalcanealStressFracture,
        suggested_by: &[HeelSqueezePain],
        text: "Possible calcaneal stress fracture: only about 15% show on plain X-ray; image before any injection.",
        source: k::CALCANEAL_STRESS_FRACTURE,
    },
    MimicRow {
        mimic: Mimic::PlantarPlateInjury,
        suggested_by: &[PainUnderSecondToeJoint, SecondMtpDrawerPositive],
        text: "Plantar plate injury: about 40% of metatarsalgia, often taken for Morton's neuroma; pain under, not between, the joints.",
        source: k::PLANTAR_PLATE,
    },
    MimicRow {
        mimic: Mimic::InflammatoryArthritis,
        suggested_by: &[InflammatoryFeatures, MorningStiffnessOver30Min],
        text: "Inflammatory arthritis: enthesitis of spondyloarthritis imitates plantar fasciitis and Achilles tendinopathy; long morning stiffness is atypical for osteoarthritis.",
        source: k::INFLAMMATORY_MIMIC,
    },
    MimicRow {
        mimic: Mimic::LumbarRadiculopathy,
        suggested_by: &[BackPainIntoLeg],
        text: "Lumbar radiculopathy: S1 radiculopathy refers pain to the heel.",
        source: k::RADICULOPATHY,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_treatable_condition_in_contract_order() {
        let conditions: Vec<Condition> = PATTERNS.iter().map(|p| p.condition).collect();
        let expected: Vec<Condition> = Condition::all()
            .iter()
            .copied()
            .filter(|c| *c != Condition::Other)
            .collect();
        assert_eq!(conditions, expected);
    }

    /// The band is read by enumerating the completions of its unknown
    /// features: few per row keeps that small.
    #[test]
    fn few_features_move_a_band() {
        for p in PATTERNS.iter() {
            assert!(p.band_features().count() <= 8, "{}", p.condition);
            assert!(!p.key.is_empty(), "{}", p.condition);
        }
    }

    #[test]
    fn a_weight_word_is_its_wire_name() {
        use Weight::*;
        for w in [Key, RulesIn, RulesOut, Strong, Moderate, Weak] {
            let name: &'static str = w.into();
            assert_eq!(w.word(), name);
            assert_eq!(serde_json::to_string(&w).unwrap(), format!("\"{name}\""));
        }
    }

    #[test]
    fn every_mimic_once() {
        let mimics: Vec<Mimic> = MIMICS.iter().map(|m| m.mimic).collect();
        assert_eq!(mimics, Mimic::all());
    }
}
