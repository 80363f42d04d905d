//! One step of an interview, as shown to its audience: the question in
//! that audience's words, the form of the answer, the stage it belongs to
//! (for a progress indicator) and, for the map of the foot, its places.

use std::borrow::Cow;

use serde::Serialize;

use crate::audience::PatientText;
use crate::rules::Subject;
use crate::vocabulary::{vocabulary, Allergy, Audience, FootView, MedicationClass, Symptom, Who};

use super::Answer;

vocabulary! {
/// Where an interview step stands in the intake's order
/// (`docs/clinical-knowledge.md` §7.5), for a progress indicator.
///
/// # Example
///
/// ```
/// use prolo_triage::Stage;
/// assert!(Stage::RedFlags < Stage::WhereItHurts);
/// assert_eq!(Stage::Symptoms.as_str(), "symptoms");
/// ```
#[derive(PartialOrd, Ord)]
#[non_exhaustive]
pub enum Stage {
    /// The warning signs, asked first.
    RedFlags,
    /// Where it hurts, on the map of the foot.
    WhereItHurts,
    /// The symptoms that best separate the candidate conditions.
    Symptoms,
    /// What the verdict needs: how long, what was tried, health,
    /// medicines, allergies.
    Details,
    /// The examination questions that could move a candidate's band
    /// (clinician only).
    Examination,
}
}

vocabulary! {
/// The form an answer to a step takes.
///
/// # Example
///
/// ```
/// use prolo_triage::{AnswerKind, Subject};
/// assert_eq!(AnswerKind::of(Subject::WhereItHurts), AnswerKind::Places);
/// assert_eq!(AnswerKind::of(Subject::AgeYears), AnswerKind::Number);
/// ```
#[non_exhaustive]
pub enum AnswerKind {
    /// Yes, no, or not sure.
    YesNo,
    /// A whole number (years, weeks), or not sure.
    Number,
    /// The places that hurt (several), none, or not sure.
    Places,
    /// The names of a list (several), none, or not sure.
    List,
}
}

impl AnswerKind {
    /// The form of answer a subject takes.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{AnswerKind, Subject};
    /// assert_eq!(AnswerKind::of(Subject::Medications), AnswerKind::List);
    /// ```
    #[must_use]
    pub const fn of(subject: Subject) -> AnswerKind {
        match subject {
            Subject::AgeYears | Subject::SymptomWeeks | Subject::ConservativeCareWeeks => {
                AnswerKind::Number
            }
            Subject::Conditions | Subject::Medications | Subject::Allergies => AnswerKind::List,
            Subject::WhereItHurts => AnswerKind::Places,
            _ => AnswerKind::YesNo,
        }
    }
}

/// A place on the map of the foot: one location symptom.
///
/// # Example
///
/// ```
/// use prolo_triage::{Audience, FootView, Step, Symptom};
/// let step = Step::where_it_hurts(Audience::Patient);
/// assert_eq!(step.places[0].symptom, Symptom::PainUnderHeel);
/// assert_eq!(step.places[0].view, FootView::Sole);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Place {
    /// The location symptom (its wire name).
    pub symptom: Symptom,
    /// The place in plain words.
    pub label: PatientText,
    /// The view of the foot it is drawn on.
    pub view: FootView,
}

/// One name a list answer may hold, with its words for the audience.
///
/// # Example
///
/// ```
/// use prolo_triage::{Answer, AnswerKind, Audience, Interview, Policy, Presentation, Subject};
/// let policy = Policy::default();
/// let mut interview = Interview::with_audience(Presentation::default(), &policy, Audience::Patient);
/// // No to everything, 40 for every number, until the medicines.
/// let step = loop {
///     let step = interview.next_step().unwrap();
///     if step.subject == Subject::Medications {
///         break step;
///     }
///     let answer = match step.kind {
///         AnswerKind::Number => Answer::Number(40),
///         AnswerKind::Places => Answer::Places(Default::default()),
///         _ => Answer::No,
///     };
///     interview.answer(step.subject, answer)?;
/// };
/// assert!(step.choices.iter().any(|c| c.name == "anticoagulant" && c.label == "a blood thinner"));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Choice {
    /// The wire name, as the answer gives it.
    pub name: &'static str,
    /// What it means, in the audience's words.
    pub label: Cow<'static, str>,
}

/// The next step of an [`Interview`](crate::Interview): what to ask, in
/// the audience's words, and how it is answered.
///
/// # Example
///
/// ```
/// use prolo_triage::{Audience, Interview, Policy, Presentation, Stage};
/// let policy = Policy::default();
/// let interview = Interview::with_audience(Presentation::default(), &policy, Audience::Patient);
/// let step = interview.next_step().unwrap();
/// assert_eq!(step.stage, Stage::RedFlags);
/// assert!(step.text.ends_with('?'));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Step {
    /// What it asks about (the wire name of the fact or field;
    /// `where_it_hurts` for the map).
    pub subject: Subject,
    /// Where it stands in the intake's order.
    pub stage: Stage,
    /// The form of the answer.
    pub kind: AnswerKind,
    /// The question, in the audience's words (plain words for a patient).
    pub text: Cow<'static, str>,
    /// How to answer it, for a text prompt.
    pub hint: String,
    /// Who can answer it.
    pub who: Who,
    /// True when the answer could change the verdict's family.
    pub blocking: bool,
    /// The places of the map (`kind` = `places`), in vocabulary order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Place>,
    /// The names a list answer may hold (`kind` = `list`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
}

impl Step {
    /// The map of the foot, for `audience` (every place, in vocabulary
    /// order).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Audience, Step, Subject};
    /// let step = Step::where_it_hurts(Audience::Patient);
    /// assert_eq!(step.subject, Subject::WhereItHurts);
    /// assert_eq!(step.places.len(), 12);
    /// ```
    #[must_use]
    pub fn where_it_hurts(audience: Audience) -> Step {
        Step::new(Subject::WhereItHurts, Stage::WhereItHurts, false, audience)
    }

    /// The step asking about `subject` for `audience`.
    pub(crate) fn new(subject: Subject, stage: Stage, blocking: bool, audience: Audience) -> Step {
        let patient = audience == Audience::Patient;
        let text = match subject.patient_question() {
            Some(words) if patient => Cow::Owned(words.as_str().to_owned()),
            _ => subject.question(),
        };
        let hint = if patient {
            Answer::patient_hint(subject)
        } else {
            Answer::hint(subject)
        };
        let places = if subject == Subject::WhereItHurts {
            Symptom::places()
                .iter()
                .filter_map(|s| {
                    Some(Place {
                        symptom: s,
                        label: s.patient_label()?,
                        view: s.view()?,
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        fn names<T: Copy + Into<&'static str>>(
            all: &[T],
            label: impl Fn(T) -> &'static str,
        ) -> Vec<Choice> {
            all.iter()
                .map(|x| Choice {
                    name: (*x).into(),
                    label: Cow::Borrowed(label(*x)),
                })
                .collect()
        }
        let choices = match subject {
            Subject::Medications if patient => {
                names(MedicationClass::all(), MedicationClass::patient_label)
            }
            Subject::Medications => names(MedicationClass::all(), MedicationClass::label),
            Subject::Allergies if patient => names(Allergy::all(), Allergy::patient_label),
            Subject::Allergies => names(Allergy::all(), Allergy::label),
            Subject::Conditions => names(crate::vocabulary::Condition::all(), |c| c.label()),
            _ => Vec::new(),
        };
        Step {
            subject,
            stage,
            kind: AnswerKind::of(subject),
            text,
            hint,
            who: subject.who(),
            blocking,
            places,
            choices,
        }
    }
}
