//! The candidates and mimics of an assessment, worded from the patterns
//! the engine read (`docs/decision-model.md` §9).

use std::borrow::Cow;

use crate::assessment::{Candidate, CandidateFeature, CandidateQuestion, MimicNote};
use crate::engine::candidates::{entries, feature_truth, Entry, Read, Side};
use crate::engine::Evaluation;
use crate::input::Presentation;
use crate::rules::{Feature, Weight};
use crate::text::capitalised_concat as sentence;
use crate::vocabulary::Condition;

/// The listed candidates, ranked.
pub(crate) fn candidates(ev: &Evaluation<'_>) -> Vec<Candidate> {
    ev.candidates
        .candidates
        .iter()
        .map(|read| candidate(read, ev.presentation()))
        .collect()
}

/// The mimics a present symptom suggests.
pub(crate) fn mimics(ev: &Evaluation<'_>) -> Vec<MimicNote> {
    ev.candidates
        .mimics
        .iter()
        .map(|(row, symptoms)| MimicNote {
            mimic: row.mimic,
            symptoms: symptoms.clone(),
            text: Cow::Borrowed(row.text),
            source: row.source.clone(),
        })
        .collect()
}

/// "Confirm the diagnosis: the symptoms fit plantar fasciitis and heel
/// pain; heel pain is the broader category.": the likely and possible
/// candidates in rank order, and a parent among them named as the broader
/// category; `None` when no candidate is more than unlikely.
pub(crate) fn diagnosis_question(ev: &Evaluation<'_>) -> Option<String> {
    let fitting: Vec<&Read> = ev
        .candidates
        .candidates
        .iter()
        .filter(|r| r.band != crate::assessment::Band::Unlikely)
        .collect();
    if fitting.is_empty() {
        return None;
    }
    let labels: Vec<&str> = fitting
        .iter()
        .map(|r| r.pattern.condition.label())
        .collect();
    let mut text = String::from("Confirm the diagnosis: the symptoms fit ");
    crate::text::push_and_list(&mut text, &labels);
    let parent = fitting.iter().find_map(|r| {
        r.pattern
            .parent
            .filter(|p| fitting.iter().any(|o| o.pattern.condition == *p))
    });
    if let Some(parent) = parent {
        text.push_str("; ");
        text.push_str(parent.label());
        text.push_str(" is the broader category");
    }
    text.push('.');
    Some(text)
}

fn candidate(read: &Read, presentation: &Presentation) -> Candidate {
    let condition = read.pattern.condition;
    // The entries the engine counted, visited again: each list allocated
    // once, at its size.
    let mut for_ = Vec::with_capacity(read.for_count);
    let mut against = Vec::with_capacity(read.against_count);
    let truth = |f: Feature| feature_truth(presentation, f);
    entries(read.pattern, read.band, &truth, |side, e, _| match side {
        Side::For => for_.push(entry(e, condition, true, presentation)),
        Side::Against => against.push(entry(e, condition, false, presentation)),
    });
    Candidate {
        condition,
        band: read.band,
        open: read.open,
        recorded: read.recorded,
        parent: read.pattern.parent,
        score: read.score,
        for_,
        against,
        questions: read
            .questions
            .as_slice()
            .iter()
            .map(|f| CandidateQuestion {
                symptom: f.symptom(),
                field: f.field().map(Cow::Borrowed),
                who: f.who(),
                text: Cow::Owned(f.question()),
            })
            .collect(),
    }
}

/// One feature for (`for_`) or against, worded for a clinician.
fn entry(
    entry: Entry,
    condition: Condition,
    for_: bool,
    presentation: &Presentation,
) -> CandidateFeature {
    let name = condition.label();
    // Each sentence is assembled from static parts, capitalised as it is
    // built: one allocation per entry (`docs/performance.md`, issue 22).
    let (feature, strength, source, text) = match entry {
        Entry::Member(m) => {
            let label = m.feature.label();
            // A negated member is satisfied by the feature's absence.
            let text = match (for_, m.negated) {
                (true, false) => sentence(&[label, ": a key feature of ", name, "."]),
                (true, true) => sentence(&["No ", label, ": a key feature of ", name, "."]),
                (false, false) => {
                    sentence(&["No ", label, ": a key feature of ", name, " is missing."])
                }
                (false, true) => sentence(&[label, ": ", name, " needs it absent."]),
            };
            (Some(m.feature), Weight::Key, m.source.clone(), text)
        }
        Entry::Weighed(w) => {
            let label = w.feature.label();
            let weight: &'static str = w.weight.into();
            let text = match (for_, w.weight) {
                (true, Weight::RulesIn) => sentence(&[label, ": rules ", name, " in."]),
                (true, Weight::RulesOut) => {
                    sentence(&[label, ": a strong feature for ", name, "."])
                }
                (true, _) => sentence(&[label, ": a ", weight, " feature for ", name, "."]),
                (false, Weight::RulesOut) => sentence(&["No ", label, ": rules ", name, " out."]),
                (false, _) => sentence(&[label, ": a ", weight, " feature against ", name, "."]),
            };
            // A rules-out feature present counts as a strong feature for.
            let strength = if for_ && w.weight == Weight::RulesOut {
                Weight::Strong
            } else {
                w.weight
            };
            (Some(w.feature), strength, w.source.clone(), text)
        }
        Entry::Counting(rule) => {
            let weight: &'static str = rule.weight.into();
            (
                None,
                rule.weight,
                rule.source.clone(),
                sentence(&[rule.label, ": a ", weight, " feature for ", name, "."]),
            )
        }
    };
    CandidateFeature {
        symptom: feature.and_then(Feature::symptom),
        field: feature.and_then(Feature::field).map(Cow::Borrowed),
        rule: match entry {
            Entry::Counting(rule) => Some(Cow::Borrowed(rule.name)),
            Entry::Member(_) | Entry::Weighed(_) => None,
        },
        who: feature.map_or(crate::vocabulary::Who::Clinician, Feature::who),
        answered_by: feature
            .map(Feature::fact)
            .and_then(|fact| presentation.answered_by(fact)),
        strength,
        text: Cow::Owned(text),
        source,
    }
}
