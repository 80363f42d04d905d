//! The patient intake Questionnaire (`docs/clinical-knowledge.md` §7.5):
//! every fact a patient can answer, in the patient's words, and the way
//! back from its QuestionnaireResponse to a [`Presentation`].
//!
//! The questions are the core's patient questions, read from its
//! vocabulary, so the intake and the interview cannot say different
//! things. A patient's "no" to a `both` fact leaves it unknown: only a
//! clinician rules it out (`docs/decision-model.md` §10).
//!
//! [`Presentation`]: prolo_triage::Presentation

mod error;
mod items;
mod questionnaire;
mod read;
mod write;

pub use error::IntakeError;
pub(crate) use items::{recorded, Item};
pub use items::{INTAKE_ANSWERS, LOCATIONS, SEX_LINK_ID, WHERE_IT_HURTS_LINK_ID};
pub use questionnaire::{patient_intake_questionnaire, INTAKE_QUESTIONNAIRE_URL, SYMPTOM_SYSTEM};
pub use read::{intake_presentation, intake_presentation_value};
pub(crate) use read::{is_intake, read_items, Answers};
pub use write::intake_response;
