//! The screening QuestionnaireResponse: answers map straight to findings
//! and the two durations; and the patient intake's, read by the intake's
//! own reader.

use prolo_triage::{Finding, Subject, Truth, Weeks};

use super::Mapper;
use crate::error::echo;
use crate::intake::{is_intake, read_items, recorded, Answers, Item};
use crate::map::board::Answered;
use crate::mapped::{Field, Provenance, ResourceRef, Rule, UnusedReason};
use crate::questionnaire::{answer_truth, is_group, SCREENING_QUESTIONNAIRE_URL};
use crate::raw;
use crate::time::{FhirTime, Recency};

impl Mapper<'_> {
    pub(super) fn response(&mut self, r: raw::QuestionnaireResponse, at: ResourceRef) {
        let questionnaire = r.questionnaire.as_deref().unwrap_or("none");
        let canonical = questionnaire
            .split_once('|')
            .map_or(questionnaire, |(url, _)| url);
        let intake = is_intake(questionnaire);
        if canonical != SCREENING_QUESTIONNAIRE_URL && !intake {
            self.board.note(
                at,
                UnusedReason::OtherQuestionnaire,
                format!("questionnaire {}", echo(questionnaire)),
            );
            return;
        }
        if !self.status_counts(r.status.as_deref(), &["completed", "amended"], &at) {
            return;
        }
        if !self.about_patient(r.subject.as_ref(), &at) {
            return;
        }
        let Some(authored) = r.authored.as_deref().and_then(FhirTime::parse) else {
            self.board.note(
                at,
                UnusedReason::NoDate,
                "no valid authored time: the answers cannot be placed in their window".into(),
            );
            return;
        };
        let as_of = self.options.as_of();
        let window = self.options.windows().screening_response();
        match authored.recency(&as_of, window) {
            Recency::Within => {}
            Recency::Stale => {
                self.board.note(
                    at,
                    UnusedReason::Stale,
                    format!("authored {authored}, not within {window} before {as_of}"),
                );
                return;
            }
            Recency::After => {
                self.board.note(
                    at,
                    UnusedReason::AfterAsOf,
                    format!("authored {authored}, after {as_of}"),
                );
                return;
            }
        }
        let context = Context {
            at: &at,
            authored: &authored,
            authored_end: authored.span(as_of.offset_seconds()).1,
        };
        if intake {
            match read_items(&r.item) {
                Ok(answers) => self.intake_answers(answers, &context),
                Err(e) => self.board.note(
                    at.clone(),
                    UnusedReason::Malformed,
                    format!("patient intake: {e}"),
                ),
            }
            return;
        }
        for item in &r.item {
            self.response_item(item, &context);
        }
    }

    /// The answers of a patient intake: findings and symptoms as the
    /// patient gave them (a `both` fact's No stays unknown, noted), the
    /// durations as answers like the screening's, age and sex for when the
    /// Patient does not say, and the medication and allergy classes
    /// answered Yes.
    fn intake_answers(&mut self, answers: Answers, context: &Context<'_>) {
        let provenance = |field: Field, value: String, shown: &str| Provenance {
            field,
            value,
            resource: Some(context.at.clone()),
            rule: Rule::IntakeAnswer,
            seen: format!("{}, authored {}", echo(shown), context.authored),
        };
        for (item, answered, shown) in &answers.yes_no {
            let truth = recorded(item.who(), *answered);
            let at = context.at.clone();
            let name = item.link_id();
            match (*item, truth) {
                (_, Truth::Unknown) => {
                    let why = if *answered == Truth::Absent {
                        "; only a clinician rules it out"
                    } else {
                        ""
                    };
                    self.board.note(
                        at,
                        UnusedReason::AnsweredUnknown,
                        format!("{name}: answered {}{why}", echo(shown)),
                    );
                }
                (Item::Finding(f), truth) => self.board.findings.push((
                    f,
                    truth,
                    provenance(Field::Finding(f), truth.to_string(), shown),
                )),
                (Item::Symptom(s), truth) => self.board.symptoms.push((
                    s,
                    truth,
                    provenance(Field::Symptom(s), truth.to_string(), shown),
                )),
                (Item::Medication(m), Truth::Present) => self.board.medications.push((
                    m,
                    Truth::Present,
                    provenance(Field::Medications, m.as_str().into(), shown),
                )),
                (Item::Allergy(a), Truth::Present) => self
                    .board
                    .allergies
                    .push((a, provenance(Field::Allergies, a.as_str().into(), shown))),
                _ => self.board.note(
                    at,
                    UnusedReason::ListNotComplete,
                    format!(
                        "{name}: answered {}; a patient's No is not merged into the record's list",
                        echo(shown)
                    ),
                ),
            }
        }
        for (s, truth) in answers.places() {
            if truth != Truth::Unknown {
                let shown = if truth == Truth::Present {
                    "chosen on the map"
                } else {
                    "not chosen on the map"
                };
                self.board.symptoms.push((
                    s,
                    truth,
                    provenance(Field::Symptom(s), truth.to_string(), shown),
                ));
            }
        }
        let weeks = |weeks: u16| Answered {
            weeks,
            authored: context.authored_end,
            provenance: provenance(Field::SymptomWeeks, weeks.to_string(), &weeks.to_string()),
        };
        if let Some(w) = answers.symptom_weeks {
            self.board.symptom_answers.push(weeks(w));
        }
        if let Some(w) = answers.care_weeks {
            let mut answered = weeks(w);
            answered.provenance.field = Field::ConservativeCareWeeks;
            self.board.care_answers.push(answered);
        }
        if let Some(age) = answers.age {
            self.board.intake_age = Some((
                age,
                provenance(Field::AgeYears, age.to_string(), &age.to_string()),
            ));
        }
        if let Some(Some(sex)) = answers.sex {
            self.board.intake_sex = Some((
                sex,
                provenance(Field::Sex, sex.as_str().into(), sex.as_str()),
            ));
        }
    }

    fn response_item(&mut self, item: &raw::ResponseItem, context: &Context<'_>) {
        for child in item
            .item
            .iter()
            .chain(item.answer.iter().flat_map(|a| a.item.iter()))
        {
            self.response_item(child, context);
        }
        let Some(link_id) = item.link_id.as_deref() else {
            return;
        };
        if item.answer.is_empty() || is_group(link_id) {
            return;
        }
        let at = context.at.clone();
        let [answer] = item.answer.as_slice() else {
            self.board.note(
                at,
                UnusedReason::Malformed,
                format!("{}: more than one answer", echo(link_id)),
            );
            return;
        };
        if let Ok(finding) = link_id.parse::<Finding>() {
            self.finding_answer(finding, answer, context);
        } else if link_id == Subject::SymptomWeeks.as_str() {
            self.weeks_answer(Field::SymptomWeeks, link_id, answer, context);
        } else if link_id == Subject::ConservativeCareWeeks.as_str() {
            self.weeks_answer(Field::ConservativeCareWeeks, link_id, answer, context);
        } else {
            self.board.note(
                at,
                UnusedReason::UnknownItem,
                format!(
                    "item {} is not in the screening questionnaire",
                    echo(link_id)
                ),
            );
        }
    }

    fn finding_answer(&mut self, finding: Finding, answer: &raw::Answer, context: &Context<'_>) {
        let (truth, shown) = match (&answer.value_coding, answer.value_boolean) {
            (Some(coding), _) => {
                let truth = coding
                    .code
                    .as_deref()
                    .and_then(|code| answer_truth(coding.system.as_deref(), code));
                let shown = coding
                    .display
                    .clone()
                    .or_else(|| coding.code.clone())
                    .unwrap_or_default();
                (truth, shown)
            }
            (None, Some(b)) => (Some(Truth::from_bool(b)), b.to_string()),
            (None, None) => (None, String::new()),
        };
        let at = context.at.clone();
        match truth {
            None => self.board.note(
                at,
                UnusedReason::Malformed,
                format!(
                    "{}: answer `{}` is not Yes, No or Don't know",
                    finding.as_str(),
                    echo(&shown)
                ),
            ),
            Some(Truth::Unknown) => self.board.note(
                at,
                UnusedReason::AnsweredUnknown,
                format!("{}: answered {}", finding.as_str(), echo(&shown)),
            ),
            Some(truth) => self.board.findings.push((
                finding,
                truth,
                Provenance {
                    field: Field::Finding(finding),
                    value: truth.to_string(),
                    resource: Some(at),
                    rule: Rule::QuestionnaireAnswer,
                    seen: format!("{}, authored {}", echo(&shown), context.authored),
                },
            )),
        }
    }

    fn weeks_answer(
        &mut self,
        field: Field,
        link_id: &str,
        answer: &raw::Answer,
        context: &Context<'_>,
    ) {
        let at = context.at.clone();
        let Some(value) = answer.value_integer else {
            self.board.note(
                at,
                UnusedReason::Malformed,
                format!("{link_id}: expected a valueInteger"),
            );
            return;
        };
        let Some(weeks) = u32::try_from(value)
            .ok()
            .and_then(Weeks::new)
            .map(Weeks::get)
        else {
            self.board.note(
                at,
                UnusedReason::OutOfRange,
                format!("{link_id}: {value} is not 0 to {}", Weeks::MAX),
            );
            return;
        };
        let answered = Answered {
            weeks,
            authored: context.authored_end,
            provenance: Provenance {
                field,
                value: weeks.to_string(),
                resource: Some(at),
                rule: Rule::QuestionnaireAnswer,
                seen: format!("{weeks}, authored {}", context.authored),
            },
        };
        match field {
            Field::SymptomWeeks => self.board.symptom_answers.push(answered),
            _ => self.board.care_answers.push(answered),
        }
    }
}

/// What every answer of one response shares.
struct Context<'a> {
    at: &'a ResourceRef,
    authored: &'a FhirTime,
    authored_end: i64,
}
