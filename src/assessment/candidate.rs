//! The candidate conditions and the mimics (contract v3,
//! `docs/decision-model.md` §9): what the symptoms fit, for a clinician to
//! confirm. A candidate is never a diagnosis and never a probability.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::knowledge::Source;
use crate::rules::Weight;
use crate::vocabulary::{Condition, Mimic, Reporter, Symptom, Who};

/// How well the features fit a condition, best first.
///
/// # Example
///
/// ```
/// use prolo_triage::Band;
/// assert!(Band::Likely < Band::Possible && Band::Possible < Band::Unlikely);
/// assert_eq!(Band::Likely.to_string(), "likely");
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::Display,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Band {
    /// Every key group true, nothing rules it out, and every fact `likely`
    /// needs known.
    Likely,
    /// Neither likely nor unlikely.
    Possible,
    /// A key group false or a rules-out feature absent, and nothing rules
    /// it in.
    Unlikely,
}

/// A feature for or against a candidate, named by its `symptom`, its
/// `field` (a derived feature: `age_years`, `symptom_weeks`) or its
/// counting `rule` (`big_toe_joint_rule`).
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Policy, Presentation};
/// # let p = Presentation::from_json(include_str!("../../examples/data/09-heel-symptoms-screened.json"))?;
/// let a = assess(&p, &Policy::default());
/// let first = &a.candidates[0].for_[0];
/// assert!(first.symptom.is_some() && !first.text.is_empty());
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CandidateFeature {
    /// The symptom, when the feature is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symptom: Option<Symptom>,
    /// The field a derived feature reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Cow<'static, str>>,
    /// The counting rule, when the feature is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Cow<'static, str>>,
    /// Who can answer it.
    pub who: Who,
    /// Who reported it, when the presentation records it (`answered_by`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_by: Option<Reporter>,
    /// How much it counts.
    pub strength: Weight,
    /// For a clinician.
    pub text: Cow<'static, str>,
    /// Where it comes from.
    pub source: Source,
}

/// An unknown feature that could move the candidate's band.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Policy, Presentation};
/// # let p = Presentation::from_json(include_str!("../../examples/data/09-heel-symptoms-screened.json"))?;
/// let a = assess(&p, &Policy::default());
/// // An unknown feature that could move a band is asked, by who can answer it.
/// let asked = a.candidates.iter().flat_map(|c| &c.questions).next().unwrap();
/// assert!(asked.text.ends_with('?'));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CandidateQuestion {
    /// The symptom, when the feature is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symptom: Option<Symptom>,
    /// The field a derived feature reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Cow<'static, str>>,
    /// Who can answer it.
    pub who: Who,
    /// The clinician's question.
    pub text: Cow<'static, str>,
}

/// A condition the features fit, for the clinician to confirm.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Band, Condition, Policy, Presentation};
/// let p = Presentation::from_json(
///     r#"{"symptoms": {"pain_under_heel": "present", "first_step_pain": "present"}}"#,
/// )?;
/// let a = assess(&p, &Policy::default());
/// assert_eq!(a.candidates[0].condition, Condition::PlantarFasciitis);
/// assert_eq!(a.candidates[0].band, Band::Likely);
/// assert_eq!(a.candidates[1].condition, Condition::HeelPain);
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Candidate {
    /// The condition.
    pub condition: Condition,
    /// How well the features fit.
    pub band: Band,
    /// True when answering an unknown feature could change the band.
    pub open: bool,
    /// True when the condition is recorded in `conditions`.
    pub recorded: bool,
    /// Its broader category, if any (plantar fasciitis: heel pain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Condition>,
    /// The ranking score: points of the features present for, less those
    /// against. Not a probability.
    pub score: i32,
    /// The features present for it.
    #[serde(rename = "for")]
    pub for_: Vec<CandidateFeature>,
    /// The features present against it, and the absent features that make
    /// it unlikely.
    pub against: Vec<CandidateFeature>,
    /// The unknown features that could move the band: patient-answerable
    /// first, then in table order.
    pub questions: Vec<CandidateQuestion>,
}

/// A look-alike a present symptom suggests, to exclude before any
/// injection.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Mimic, Policy, Presentation};
/// let p = Presentation::from_json(r#"{"symptoms": {"heel_squeeze_pain": "present"}}"#)?;
/// let a = assess(&p, &Policy::default());
/// assert_eq!(a.mimics[0].mimic, Mimic::CalcanealStressFracture);
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MimicNote {
    /// The mimic.
    pub mimic: Mimic,
    /// The present symptoms that suggest it.
    pub symptoms: Vec<Symptom>,
    /// For a clinician.
    pub text: Cow<'static, str>,
    /// Where it comes from.
    pub source: Source,
}
