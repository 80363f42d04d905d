//! From an evaluation to the words a clinician reads: reasons, summary,
//! questions, and what follows from the verdict (reconsider, injectates,
//! plan, evidence). Everything here reads the [`Evaluation`] only (its
//! truths and the values it was read from); nothing evaluates a rule.

mod candidates;
mod evidence;
mod injectates;
mod plan;
mod reasons;
mod reconsider;
mod summary;

use std::borrow::Cow;

use crate::assessment::{Assessment, Basis, Question};
use crate::engine::Evaluation;
use crate::vocabulary::Family;

pub use summary::MAX_SUMMARY_CHARS;

/// The assessment of an evaluation.
pub(crate) fn explain(ev: &Evaluation<'_>) -> Assessment {
    Assessment {
        verdict: ev.verdict,
        summary: summary::summary(ev),
        best_case: ev.best,
        worst_case: ev.worst,
        reasons: reasons::reasons(ev),
        questions: ev
            .open
            .iter()
            .map(|open| Question {
                finding: open.subject,
                group: open.group,
                text: question_text(ev, open.subject),
                blocking: open.blocking,
                who: open.subject.who(),
            })
            .collect(),
        reconsider_when: reconsider::reconsider(ev),
        injectates: match ev.verdict.family() {
            Some(Family::Yes) | None => injectates::advise(ev),
            _ => Vec::new(),
        },
        plan: (ev.verdict.family() == Some(Family::Yes)).then(|| plan::plan(ev)),
        evidence: evidence::evidence(ev),
        basis: basis(ev),
        policy: ev.policy().into(),
        candidates: candidates::candidates(ev),
        mimics: candidates::mimics(ev),
    }
}

/// What the decision was read from, as the readers of an assessment see it.
fn basis(ev: &Evaluation<'_>) -> Basis {
    Basis {
        conditions: ev.conditions().map(|cs| cs.iter().collect()),
        age_years: ev.age_years(),
        symptom_weeks: ev.symptom_weeks(),
        conservative_care_weeks: ev.conservative_care_weeks(),
    }
}

/// A question's text: the subject's own, except the diagnosis when the
/// symptoms fit candidates, which the question then names
/// (`docs/decision-model.md` §9).
fn question_text(ev: &Evaluation<'_>, subject: crate::rules::Subject) -> Cow<'static, str> {
    if subject == crate::rules::Subject::Conditions {
        if let Some(text) = candidates::diagnosis_question(ev) {
            return Cow::Owned(text);
        }
    }
    subject.question()
}

#[cfg(test)]
mod tests {
    use crate::rules::RULES;

    #[test]
    fn labels_keep_summaries_short() {
        let longest_rule = RULES
            .iter()
            .map(|r| r.label.chars().count())
            .max()
            .unwrap_or(0);
        assert!(longest_rule <= 36, "{longest_rule}");
        let longest_condition = crate::Condition::all()
            .iter()
            .map(|c| c.label().chars().count())
            .max()
            .unwrap_or(0);
        assert!(longest_condition <= 26);
    }
}
