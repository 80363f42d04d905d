//! Why: the reasons behind a verdict, and the questions still open.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, IntoStaticStr};

use crate::knowledge::Source;
use crate::rules::{Fact, Group, Subject};
use crate::truth::Truth;

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
    /// The stable id of the rule (see [`RULES`](crate::RULES)), or of the
    /// support or caveat.
    pub rule: Cow<'static, str>,
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
}
