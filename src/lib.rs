//! # prolo-triage
//!
//! Decision support for clinic software: **should prolotherapy be discussed
//! for this foot problem now — and why?** For one patient, the crate reads a
//! validated [`Presentation`] (conditions, durations, findings, medications,
//! allergies), screens the red flags and contraindications, and returns an
//! [`Assessment`]: one of seven [`Verdict`]s, a one-sentence summary, the
//! reasons with their sources, and the questions whose answers could change
//! it. It is decision support for a clinician, never a diagnosis and never
//! an order.
//!
//! The library is pure: no I/O, no clock, no randomness, no global state,
//! no `unsafe`, and no panic on any input. Bad input is an [`Error`] that
//! names the field.
//!
//! ## From zero to an assessment
//!
//! Add the dependency (`prolo-triage = "0.1"`), then:
//!
//! ```
//! use prolo_triage::{assess, Policy, Presentation, Verdict};
//!
//! // What the clinic system holds, in the wire format. A field left out is
//! // *unknown*; `[]` means "none".
//! let input = r#"{
//!     "age_years": 44,
//!     "sex": "male",
//!     "conditions": ["bunion_pain"],
//!     "symptom_weeks": 40,
//!     "conservative_care_weeks": 20,
//!     "findings": {"fever": "absent", "skin_infection_at_site": "unknown"},
//!     "medications": [],
//!     "allergies": []
//! }"#;
//! let presentation = Presentation::from_json(input)?;
//! let assessment = assess(&presentation, &Policy::default());
//!
//! // Most red flags were never screened: nothing is suggested yet.
//! assert_eq!(assessment.verdict, Verdict::NeedsInformation);
//! println!("{}", assessment.summary);
//! let first = &assessment.questions[0];
//! assert!(first.blocking);
//! println!("Ask: {}", first.text);
//! # Ok::<(), prolo_triage::Error>(())
//! ```
//!
//! Callers that hold text and want text use [`assess_json`]; Rust callers
//! that don't come through JSON use [`Presentation::builder`]:
//!
//! ```
//! use prolo_triage::{assess, Condition, Finding, Policy, Presentation, Truth, Verdict};
//!
//! let p = Presentation::builder()
//!     .age_years(29)
//!     .condition(Condition::HeelPain)
//!     .finding(Finding::RecentInjury, Truth::Present)
//!     .finding(Finding::BoneTendernessNavicular, Truth::Present)
//!     .build()?;
//! let a = assess(&p, &Policy::default());
//! assert_eq!(a.verdict, Verdict::ReferUrgently); // Ottawa foot rule positive
//! # Ok::<(), prolo_triage::Error>(())
//! ```
//!
//! ## The verdicts
//!
//! | rank | verdict | family | when (every fact known) |
//! | --- | --- | --- | --- |
//! | 0 | `refer_urgently` | urgent | a red flag is present |
//! | 1 | `contraindicated` | no | an absolute contraindication is present |
//! | 2 | `not_suitable` | no | no treatable condition, or under the policy's minimum age |
//! | 3 | `not_yet` | no | symptoms under 12 weeks or conservative care under 6 weeks |
//! | 4 | `discuss_with_precautions` | yes | a relative contraindication is present |
//! | 5 | `discuss` | yes | none of the above |
//! | – | `needs_information` | – | missing facts leave the family open |
//!
//! Missing facts are reasoned about exactly: the verdict of the *best*
//! completion (every unknown adverse fact absent) and of the *worst* are
//! computed; if they fall in different families the answer is
//! `needs_information`, and nothing is ever suggested before the red flags
//! are screened. See [`wire_format`] for the whole contract.
//!
//! ## Beyond the verdict
//!
//! Every [`Assessment`] also carries `reconsider_when` (what would have to
//! change, as text and as a [`Change`] a program can apply), `injectates`
//! (each [`Injectate`] `suitable`, `caution` or `avoid`, with sourced notes),
//! the `plan` for the yes family (preparation, procedure, course, aftercare,
//! side effects, each line with its seed section) and the `evidence` per
//! condition. [`Handout`] turns it into a patient leaflet in plain language,
//! as HTML or Markdown:
//!
//! ```
//! use prolo_triage::{assess, Handout, Policy, Presentation};
//! # let input = include_str!("../examples/data/05-too-early-infection-unknown.json");
//! let assessment = assess(&Presentation::from_json(input)?, &Policy::default());
//! assert_eq!(
//!     assessment.reconsider_when[0].text,
//!     "After 7 more weeks: symptoms will have lasted 12 weeks and conservative care 8 weeks."
//! );
//! let leaflet = Handout::new(&assessment).to_markdown();
//! assert!(leaflet.contains("## What happens next"));
//! # Ok::<(), prolo_triage::Error>(())
//! ```
//!
//! [`trace`] (or [`assess_traced`]) gives the full trace of the same one
//! evaluation, opt-in: every rule with its group under the policy, its
//! Kleene value and the facts it read, and the best and worst completions.
//!
//! ## Policy

//!
//! Thresholds and classifications are data: [`Policy::default`] holds the
//! literature values, [`Policy::from_json`] reads a clinic's own (for
//! example, anticoagulants as an absolute contraindication). Every
//! assessment carries the policy's name, version and fingerprint, and the
//! fingerprint of the rule tables it was decided with. A policy
//! file may also carry the clinic's own details ([`Clinic`]: name, phone,
//! out-of-hours route, urgent care, emergency number), which only patient
//! texts print and which are outside the fingerprint; a handout's date of
//! issue is a [`Date`] the caller passes (the library has no clock).
//!
//! ## Compared with a general rule engine
//!
//! A general engine (zen-engine, a Drools table) would need each clinic to
//! encode the red flags, the unknown-versus-absent distinction and the
//! sourcing themselves. Here the rules are one typed table ([`RULES`](rules::RULES)),
//! unknowns are three-valued by construction ([`Truth`]), and every verdict
//! comes with reasons, sources and the questions that would settle it.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::panic
    )
)]

mod assessment;
mod attribution;
mod audience;
mod clinic;
mod date;
mod engine;
mod error;
mod explain;
mod handout;
mod input;
mod interview;
// The JSON plumbing the workspace's members share (errors that name the
// field): public for them, not part of the documented API.
#[doc(hidden)]
pub mod json;
mod knowledge;
mod patient;
mod policy;
pub mod rules;
#[cfg(feature = "schema")]
pub mod schema;
mod source_attributes;
mod text;
mod truth;
mod units;
pub mod vocabulary;

pub mod wire_format {
    //! The wire format, for users who never see our specification.
    #![doc = include_str!("../docs/wire-format.md")]
}

pub use assessment::{
    Assessment, Band, Basis, Candidate, CandidateFeature, CandidateQuestion, Caveat, Change,
    Evidence, EvidenceLevel, InjectateAdvice, MedicineAdvice, MimicNote, Note, Plan, PlanItem,
    PolicyStamp, Question, Reason, ReasonId, Reconsider, Role, Support, Thresholds,
};
pub use assessment::{
    FactTrace, FeatureTrace, GroupTrace, KeyGroupTrace, Kleene, PatternTrace, RuleTrace, Trace,
};
pub use attribution::{Attribution, MAX_ATTRIBUTION_CHARS};
pub use audience::{ClinicianText, PatientText};
pub use clinic::{Clinic, MAX_CLINIC_DETAIL_CHARS};
pub use date::Date;
pub use error::{Error, ErrorKind, Inconsistency, Invalid, Reclassification};
pub use explain::MAX_SUMMARY_CHARS;
pub use handout::{Handout, HandoutDetail, HandoutNote, HandoutSection, HANDOUT_FOOTER};
pub use input::{ClassList, FactName, Field, Presentation, PresentationBuilder};
pub use interview::{Answer, AnswerKind, Choice, Interview, Place, Stage, Step};
pub use json::MAX_DOCUMENT_BYTES;
pub use knowledge::{Source, Strength};
pub use policy::{Policy, PolicyBuilder, DEFAULT_POLICY_NAME};
pub use rules::{Fact, Group, InjectateRuleId, NoteId, RuleId, Subject};
pub use source_attributes::{
    source_attributes, AttributeUse, CitedSource, PatientAttribute, SourceAttributes,
    RULES_REVISION_DATE, SOURCE_ATTRIBUTES_REGULATION,
};
pub use truth::Truth;
pub use units::{AgeYears, PainScore, Weeks};
pub use vocabulary::{
    Allergy, Audience, Condition, ConservativeCare, Family, Finding, FindingGroup, FootView,
    Injectate, MedicationClass, Mimic, Reporter, Resolution, SafetyNet, Sex, Side, Suitability,
    Symptom, Urgency, Verdict, WarningSigns, Who,
};

/// Assesses one presentation under a policy: the verdict, its summary,
/// reasons with sources, and the open questions.
///
/// Pure and synchronous: no I/O, no clock, no global state.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Policy, Presentation, Verdict};
/// let p = Presentation::from_json(r#"{"age_years": 14, "conditions": ["heel_pain"],
///     "symptom_weeks": 20, "conservative_care_weeks": 10,
///     "findings": {"fever": "absent", "hot_swollen_foot": "absent", "achilles_rupture_signs": "absent",
///       "ischaemia_signs": "absent", "calf_swelling": "absent", "pain_out_of_proportion": "absent",
///       "neurological_deficit": "absent", "tumour_signs": "absent", "rapidly_worsening_deformity": "absent", "sudden_achilles_snap": "absent",
///       "recent_injury": "absent", "skin_infection_at_site": "absent", "systemic_infection": "absent",
///       "bleeding_disorder": "absent", "malignancy_at_site": "absent", "acute_inflammatory_arthritis": "absent"}}"#)?;
/// let a = assess(&p, &Policy::default());
/// assert_eq!(a.verdict, Verdict::NotSuitable);
/// assert_eq!(a.reasons[0].rule, "suitability.age");
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[must_use]
pub fn assess(presentation: &Presentation, policy: &Policy) -> Assessment {
    explain::explain(&engine::evaluate(presentation, policy))
}

/// The verdict alone: the same rules as [`assess`], without explanations
/// or questions. For screening many records.
///
/// # Example
///
/// ```
/// use prolo_triage::{decide, Policy, Presentation, Verdict};
/// assert_eq!(decide(&Presentation::default(), &Policy::default()), Verdict::NeedsInformation);
/// ```
#[must_use]
pub fn decide(presentation: &Presentation, policy: &Policy) -> Verdict {
    engine::decide(presentation, policy)
}

/// The full trace of the evaluation [`assess`] makes: every rule of the
/// table with its group under the policy, its Kleene value and the facts
/// it read, each group's value, and the best and worst completions.
///
/// Opt-in: an assessment never carries it. The same one evaluation as
/// [`assess`] (use [`assess_traced`] for both at once).
///
/// # Example
///
/// ```
/// use prolo_triage::{trace, Kleene, Policy, Presentation, Verdict};
/// let t = trace(&Presentation::default(), &Policy::default());
/// assert_eq!((t.best_case, t.worst_case), (Verdict::Discuss, Verdict::ReferUrgently));
/// assert!(t.rules.iter().all(|r| r.value == Kleene::Unknown || r.value == Kleene::False));
/// ```
#[must_use]
pub fn trace(presentation: &Presentation, policy: &Policy) -> Trace {
    engine::evaluate(presentation, policy).trace()
}

/// The assessment and its full trace, from one evaluation.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, assess_traced, Policy, Presentation};
/// let p = Presentation::from_json(r#"{"findings": {"fever": "present"}}"#)?;
/// let (a, t) = assess_traced(&p, &Policy::default());
/// assert_eq!(a, assess(&p, &Policy::default()));
/// assert_eq!(t.verdict, a.verdict);
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[must_use]
pub fn assess_traced(presentation: &Presentation, policy: &Policy) -> (Assessment, Trace) {
    let evaluation = engine::evaluate(presentation, policy);
    (explain::explain(&evaluation), evaluation.trace())
}

/// Reads a presentation from JSON, assesses it and writes the assessment as
/// JSON: for callers that hold text.
///
/// # Errors
///
/// Any [`Error`] of [`Presentation::from_json`]: documents over 64 KiB are
/// refused before parsing; every other error names the field.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess_json, Policy};
/// let out = assess_json(r#"{"findings": {"fever": "present"}}"#, &Policy::default())?;
/// assert!(out.starts_with(r#"{"verdict":"refer_urgently""#));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
pub fn assess_json(input: &str, policy: &Policy) -> Result<String, Error> {
    let presentation = Presentation::from_json(input)?;
    Ok(assess(&presentation, policy).to_json())
}

/// The README's examples, run as doc tests so they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
