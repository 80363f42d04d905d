//! Why: the reasons behind a verdict, and the questions still open.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, IntoStaticStr};

use crate::knowledge::Source;
use crate::rules::{Fact, Group, RuleId, Subject};
use crate::truth::Truth;
use crate::vocabulary::Who;

/// Declares a closed set of reason ids: each variant with its stable id,
/// `as_str`, and the derives every vocabulary has.
macro_rules! reason_ids {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $id:literal,)*
        }
    ) => {
        $(#[$meta])*
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
        )]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$variant_meta])* #[strum(serialize = $id)] $variant,)*
        }

        impl $name {
            /// The stable id, as written in JSON.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use prolo_triage::", stringify!($name), ";")]
            #[doc = concat!("for id in ", stringify!($name), "::all() {")]
            #[doc = concat!("    assert_eq!(id.as_str().parse::<", stringify!($name), ">(), Ok(*id));")]
            /// }
            /// ```
            #[must_use]
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// Every id, in the order written.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use prolo_triage::", stringify!($name), ";")]
            #[doc = concat!("assert!(!", stringify!($name), "::all().is_empty());")]
            /// ```
            #[must_use]
            pub fn all() -> &'static [$name] {
                <$name as strum::VariantArray>::VARIANTS
            }
        }
    };
}

reason_ids! {
/// What supports discussing prolotherapy (a reason of role
/// [`Role::Supporting`]).
///
/// # Example
///
/// ```
/// use prolo_triage::Support;
/// assert_eq!(Support::RedFlagsScreened.as_str(), "support.red_flags_screened");
/// ```
pub enum Support {
    /// A recorded condition the source lists as treated.
    Condition = "support.condition",
    /// Every red flag screened and absent (left out when a caveat says a
    /// red-flag rule may have missed something:
    /// [`Caveat::red_flag_may_be_missed`]).
    RedFlagsScreened = "support.red_flags_screened",
    /// Conservative care for more than 6 months: refractory.
    Refractory = "support.refractory",
    /// Past the acute phase and first-line care.
    Timing = "support.timing",
    /// Ligament laxity, a cause the source names.
    LigamentLaxity = "support.ligament_laxity",
    /// Joint instability, a cause the source names.
    JointInstability = "support.joint_instability",
}
}

reason_ids! {
/// A limit of a rule for this patient or this policy (a reason of role
/// [`Role::Caveat`]).
///
/// # Example
///
/// ```
/// use prolo_triage::Caveat;
/// assert_eq!(Caveat::OttawaNeuropathy.as_str(), "caveat.ottawa_neuropathy");
/// ```
pub enum Caveat {
    /// With peripheral neuropathy the Ottawa rules may miss a fracture.
    OttawaNeuropathy = "caveat.ottawa_neuropathy",
    /// Bone tenderness at an Ottawa point without a recent injury.
    TendernessWithoutInjury = "caveat.tenderness_without_injury",
    /// A fallen arch with diabetes and neuropathy may be a Charcot foot.
    CharcotFallenArch = "caveat.charcot_fallen_arch",
    /// A present symptom suggests a mimic to exclude before any injection
    /// (`docs/clinical-knowledge.md` §7.3).
    Mimic = "caveat.mimic",
    /// A painful heel squeeze suggests a calcaneal stress fracture: image
    /// before any injection; the red flags are never "screened" beside it
    /// (`docs/clinical-knowledge.md` §1.2, §7.3).
    CalcanealStressFracture = "caveat.calcaneal_stress_fracture",
    /// The recorded symptoms do not fit a recorded condition (its band is
    /// `unlikely`): confirm the diagnosis.
    RecordedConditionUnlikely = "caveat.recorded_condition_unlikely",
    /// The policy's minimum age is below the literature's.
    AgeBelowLiterature = "policy.below_literature.age_years",
    /// The policy's minimum symptom duration is below the literature's.
    SymptomWeeksBelowLiterature = "policy.below_literature.symptom_weeks",
    /// The policy's minimum conservative care is below the literature's.
    CareWeeksBelowLiterature = "policy.below_literature.conservative_care_weeks",
}
}

impl Caveat {
    /// True when the caveat says a red-flag rule may have missed something
    /// (Ottawa tenderness without an injury; neuropathy making the Ottawa
    /// rules unreliable): the red flags are then never "screened", the
    /// summary names the caveat, and a card is at least a warning
    /// (`docs/clinical-knowledge.md` §1.2).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Caveat;
    /// assert!(Caveat::OttawaNeuropathy.red_flag_may_be_missed());
    /// assert!(!Caveat::AgeBelowLiterature.red_flag_may_be_missed());
    /// ```
    #[must_use]
    pub const fn red_flag_may_be_missed(self) -> bool {
        match self {
            Caveat::OttawaNeuropathy
            | Caveat::TendernessWithoutInjury
            | Caveat::CalcanealStressFracture => true,
            Caveat::CharcotFallenArch
            | Caveat::Mimic
            | Caveat::RecordedConditionUnlikely
            | Caveat::AgeBelowLiterature
            | Caveat::SymptomWeeksBelowLiterature
            | Caveat::CareWeeksBelowLiterature => false,
        }
    }
}

/// What a reason is about: a rule of the ladder, a support or a caveat.
/// Serialized as its stable id (`red_flag.fever`, `support.timing`).
///
/// # Example
///
/// ```
/// use prolo_triage::{ReasonId, RuleId, Support};
/// assert_eq!(ReasonId::Rule(RuleId::Fever).as_str(), "red_flag.fever");
/// assert_eq!("support.timing".parse(), Ok(ReasonId::Support(Support::Timing)));
/// assert_eq!(ReasonId::Rule(RuleId::Fever), "red_flag.fever");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReasonId {
    /// A rule of the ladder ([`RULES`](crate::rules::RULES)).
    Rule(RuleId),
    /// What supports a discussion.
    Support(Support),
    /// A limit of a rule or of the policy.
    Caveat(Caveat),
}

impl ReasonId {
    /// The stable id, as written in JSON.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Caveat, ReasonId};
    /// assert_eq!(ReasonId::Caveat(Caveat::CharcotFallenArch).as_str(), "caveat.charcot_fallen_arch");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonId::Rule(id) => id.as_str(),
            ReasonId::Support(id) => id.as_str(),
            ReasonId::Caveat(id) => id.as_str(),
        }
    }
}

impl std::fmt::Display for ReasonId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ReasonId {
    type Err = strum::ParseError;
    fn from_str(s: &str) -> Result<ReasonId, strum::ParseError> {
        s.parse()
            .map(ReasonId::Rule)
            .or_else(|_| s.parse().map(ReasonId::Support))
            .or_else(|_| s.parse().map(ReasonId::Caveat))
    }
}

impl AsRef<str> for ReasonId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// A caller holding a stable id from elsewhere (a configuration, a log)
/// compares it directly; the library's own readers match the variants.
impl PartialEq<&str> for ReasonId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A reason about a rule is that rule's reason.
impl PartialEq<RuleId> for ReasonId {
    fn eq(&self, other: &RuleId) -> bool {
        *self == ReasonId::Rule(*other)
    }
}

impl PartialEq<str> for ReasonId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl Serialize for ReasonId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ReasonId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Cow::<'de, str>::deserialize(d)?;
        s.parse()
            .map_err(|_| serde::de::Error::custom(format!("unknown reason id `{s}`")))
    }
}

/// What a reason does for the verdict.
///
/// # Example
///
/// ```
/// use prolo_triage::Role;
/// assert_eq!(Role::Decisive.to_string(), "decisive");
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Display,
    IntoStaticStr,
    EnumIter,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// A present fact of the group that decided the verdict.
    Decisive,
    /// A present adverse fact of a later group: it did not decide, but it
    /// will matter if the deciding facts change.
    AlsoPresent,
    /// An unknown fact that holds the verdict where it is
    /// (`needs_information`, or precautions still to settle).
    Unknown,
    /// What supports discussing prolotherapy.
    Supporting,
    /// A limit of a rule for this patient.
    Caveat,
}

impl Role {
    /// Every role, in the order the report and the card list their
    /// sections.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Role;
    /// assert_eq!(Role::all()[0], Role::Decisive);
    /// ```
    #[must_use]
    pub fn all() -> &'static [Role] {
        <Role as strum::VariantArray>::VARIANTS
    }

    /// The title of the section that lists reasons of this role, the one
    /// table the report and the CDS card both read.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Role;
    /// assert_eq!(Role::Unknown.title(), "Not yet known");
    /// ```
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Role::Decisive => "Why",
            Role::AlsoPresent => "Also present",
            Role::Unknown => "Not yet known",
            Role::Supporting => "In favour",
            Role::Caveat => "Caveats",
        }
    }
}

/// One reason behind a verdict.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Policy, Presentation, Role};
/// let p = Presentation::from_json(r#"{"findings": {"fever": "present"}}"#)?;
/// let a = assess(&p, &Policy::default());
/// let r = &a.reasons[0];
/// assert_eq!((r.rule.as_ref(), r.role), ("red_flag.fever", Role::Decisive));
/// assert_eq!(r.finding.map(|f| f.to_string()).as_deref(), Some("fever"));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reason {
    /// The rule (see [`RULES`](crate::rules::RULES)), support or caveat, by its
    /// stable id.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub rule: ReasonId,
    /// The fact it rests on (wire name), if one.
    pub finding: Option<Fact>,
    /// Whether that fact is present or unknown.
    pub status: Truth,
    /// What the reason does for the verdict.
    pub role: Role,
    /// The ladder group the rule counts in under the policy (a precaution
    /// the policy makes absolute counts as `absolute`); `None` for a
    /// support or a caveat, which are not rules of the ladder.
    #[serde(default)]
    pub group: Option<Group>,
    /// Clinician-facing text.
    pub text: Cow<'static, str>,
    /// The seed section or published source.
    pub source: Source,
}

/// An unknown fact worth asking about.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Finding, Policy, Presentation, Subject};
/// let p = Presentation::from_json(r#"{"age_years": 50}"#)?;
/// let a = assess(&p, &Policy::default());
/// assert_eq!(a.questions[0].finding, Subject::Finding(Finding::Fever));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Question {
    /// The finding or field asked about (wire name).
    pub finding: Subject,
    /// The ladder group that makes it matter.
    pub group: Group,
    /// The question, in clinician language.
    pub text: Cow<'static, str>,
    /// True when the answer alone could change the verdict's family (some
    /// completion of the other unknowns exists where it does).
    pub blocking: bool,
    /// Who can answer it (`patient`, `clinician`, or `both`: a patient's
    /// yes counts, only a clinician rules it out).
    pub who: Who,
}
