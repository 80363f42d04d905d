//! The candidates and mimics of an assessment, worded from the patterns
//! the engine read (`docs/decision-model.md` §9).

use std::borrow::Cow;

use crate::assessment::{Candidate, CandidateFeature, CandidateQuestion, MimicNote};
use crate::engine::candidates::{entries, feature_truth, Entry, Read, Side, Slot};
use crate::engine::Evaluation;
use crate::input::Presentation;
use crate::rules::{Feature, Weighed, Weight, PATTERN_ROWS};
use crate::text::{const_texts, ConstSentence};
use crate::vocabulary::Condition;
use strum::EnumCount as _;

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
    entries(read.pattern, read.band, &truth, |side, e, slot, _| {
        let worded = entry(e, slot, side, condition, presentation);
        match side {
            Side::For => for_.push(worded),
            Side::Against => against.push(worded),
        }
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
                text: f.question(),
            })
            .collect(),
    }
}

/// One feature for (`for_`) or against, worded for a clinician.
fn entry(
    entry: Entry,
    slot: Slot,
    side: Side,
    condition: Condition,
    presentation: &Presentation,
) -> CandidateFeature {
    let (feature, strength, source) = match entry {
        Entry::Member(m) => (Some(m.feature), Weight::Key, m.source.clone()),
        // A rules-out feature present counts as a strong feature for.
        Entry::Weighed(w) if side == Side::For && w.weight == Weight::RulesOut => {
            (Some(w.feature), Weight::Strong, w.source.clone())
        }
        Entry::Weighed(w) => (Some(w.feature), w.weight, w.source.clone()),
        Entry::Counting(rule) => (None, rule.weight, rule.source.clone()),
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
        text: Cow::Borrowed(sentence(condition, slot, side)),
        source,
    }
}

/// The most entries a row has: a place for each key member, rules-in,
/// rules-out, for and against feature, and the counting rule. The build
/// fails if a row has more.
const SLOTS: usize = 10;

/// The longest sentence, in bytes (94 today); the build fails on a
/// longer one.
const LONGEST: usize = 104;

/// The sentence of the entry at `slot` of the condition's row, for or
/// against.
fn sentence(condition: Condition, slot: Slot, side: Side) -> &'static str {
    // Every row's entries have their sentences, by the row's condition and
    // in the order `entries` visits them, checked when the crate is built
    // (`SENTENCES`): the indices are in range.
    #[allow(clippy::indexing_slicing)]
    SENTENCE_TEXTS[condition as usize][slot.0][side as usize]
}

/// The sentences of [`SENTENCES`] as text.
static SENTENCE_TEXTS: [[[&str; 2]; SLOTS]; Condition::COUNT] = texts(&SENTENCES);

/// Every entry of every row worded for a clinician, for (`[0]`) and
/// against (`[1]`), by condition and by [`Slot`]: written at compile time
/// from the labels of the table, so that wording a candidate allocates
/// nothing (`docs/performance.md`, issue 22). The one place these
/// sentences are written.
// Built by the compiler (`ConstSentence`): an index out of range is a
// build error.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
static SENTENCES: [[[Words; 2]; SLOTS]; Condition::COUNT] = {
    let mut out = [[[Words::EMPTY; 2]; SLOTS]; Condition::COUNT];
    let mut r = 0;
    while r < PATTERN_ROWS.len() {
        let row = &PATTERN_ROWS[r];
        let name = row.condition.label();
        let mut words = [[Words::EMPTY; 2]; SLOTS];
        let mut slot = 0;
        let mut g = 0;
        while g < row.key.len() {
            let mut i = 0;
            while i < row.key[g].len() {
                let m = &row.key[g][i];
                let label = m.feature.label();
                // A negated member is satisfied by the feature's absence.
                words[slot] = if m.negated {
                    [
                        Words::capitalised(&["No ", label, ": a key feature of ", name, "."]),
                        Words::capitalised(&[label, ": ", name, " needs it absent."]),
                    ]
                } else {
                    [
                        Words::capitalised(&[label, ": a key feature of ", name, "."]),
                        Words::capitalised(&[
                            "No ",
                            label,
                            ": a key feature of ",
                            name,
                            " is missing.",
                        ]),
                    ]
                };
                slot += 1;
                i += 1;
            }
            g += 1;
        }
        let lists = [row.rules_in, row.rules_out, row.for_];
        let mut l = 0;
        while l < lists.len() {
            let mut i = 0;
            while i < lists[l].len() {
                words[slot] = weighed(&lists[l][i], name);
                slot += 1;
                i += 1;
            }
            l += 1;
        }
        if let Some(rule) = row.counting {
            words[slot][0] = Words::capitalised(&[
                rule.label,
                ": a ",
                rule.weight.word(),
                " feature for ",
                name,
                ".",
            ]);
            slot += 1;
        }
        let mut i = 0;
        while i < row.against.len() {
            words[slot] = weighed(&row.against[i], name);
            slot += 1;
            i += 1;
        }
        out[row.condition as usize] = words;
        r += 1;
    }
    out
};

/// A sentence of [`SENTENCES`].
type Words = ConstSentence<LONGEST>;

/// A weighed feature's sentences for and against the condition `name`.
const fn weighed(w: &Weighed, name: &str) -> [Words; 2] {
    let label = w.feature.label();
    let weight = w.weight.word();
    [
        match w.weight {
            Weight::RulesIn => Words::capitalised(&[label, ": rules ", name, " in."]),
            Weight::RulesOut => Words::capitalised(&[label, ": a strong feature for ", name, "."]),
            _ => Words::capitalised(&[label, ": a ", weight, " feature for ", name, "."]),
        },
        match w.weight {
            Weight::RulesOut => Words::capitalised(&["No ", label, ": rules ", name, " out."]),
            _ => Words::capitalised(&[label, ": a ", weight, " feature against ", name, "."]),
        },
    ]
}

/// The texts of [`SENTENCES`], for a `static`.
// Compile time only (`ConstSentence`).
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const fn texts(
    sentences: &'static [[[Words; 2]; SLOTS]; Condition::COUNT],
) -> [[[&'static str; 2]; SLOTS]; Condition::COUNT] {
    let mut out = [[[""; 2]; SLOTS]; Condition::COUNT];
    let mut c = 0;
    while c < Condition::COUNT {
        let mut slot = 0;
        while slot < SLOTS {
            out[c][slot] = const_texts(&sentences[c][slot]);
            slot += 1;
        }
        c += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Band;
    use crate::rules::PATTERNS;
    use crate::Truth;

    /// The label an entry's sentence must name.
    fn label(entry: Entry) -> &'static str {
        match entry {
            Entry::Member(m) => m.feature.label(),
            Entry::Weighed(w) => w.feature.label(),
            Entry::Counting(rule) => rule.label,
        }
    }

    /// Every entry `entries` can visit, with every feature present and then
    /// every feature absent (the candidate unlikely), has a sentence at its
    /// place that names its feature and its condition: the places written
    /// at compile time follow the order `entries` visits the lists.
    #[test]
    fn each_entry_has_its_own_sentence() {
        let mut visited = 0;
        for pattern in PATTERNS.iter() {
            let name = pattern.condition.label();
            for (truth, band) in [
                (Truth::Present, Band::Likely),
                (Truth::Absent, Band::Unlikely),
            ] {
                entries(pattern, band, &|_| truth, |side, e, slot, _| {
                    visited += 1;
                    let text = sentence(pattern.condition, slot, side);
                    let lower = text.to_lowercase();
                    assert!(lower.contains(&label(e).to_lowercase()), "{text}");
                    assert!(lower.contains(&name.to_lowercase()), "{text}");
                    assert!(text.starts_with(|c: char| c.is_uppercase()), "{text}");
                    assert!(text.ends_with('.'), "{text}");
                });
            }
        }
        assert!(visited > 60, "{visited}");
    }

    #[test]
    fn a_sentence_per_side_as_the_clinician_reads_it() {
        let pf = &PATTERNS[0];
        let mut texts = Vec::new();
        entries(pf, Band::Likely, &|_| Truth::Present, |side, _, slot, _| {
            texts.push(sentence(pf.condition, slot, side));
        });
        assert_eq!(
            texts[0],
            "Pain under the heel (plantar medial): a key feature of plantar fasciitis."
        );
        assert!(texts.contains(&"Positive windlass test: rules plantar fasciitis in."));
        assert!(texts.contains(&"Gradual onset: a weak feature for plantar fasciitis."));
        assert!(texts.contains(&"Numbness or burning in the heel or sole: a moderate feature against plantar fasciitis."));
    }
}
