//! The screening QuestionnaireResponse: answers map straight to findings
//! and the two durations.

use prolo_triage::{Finding, Subject, Truth, Weeks};

use super::Mapper;
use crate::error::echo;
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
        if canonical != SCREENING_QUESTIONNAIRE_URL {
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
        for item in &r.item {
            self.response_item(item, &context);
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
