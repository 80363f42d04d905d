//! Each injectate's standing, read from the evaluation's injectate rules.

use crate::assessment::{InjectateAdvice, Note};
use crate::audience::ClinicianText;
use crate::engine::Evaluation;
use std::borrow::Cow;

use crate::knowledge as k;
use crate::rules::{InjectateRule, NoteId, INJECTATE_RULES};
use crate::text::concat;
use crate::truth::Truth;
use crate::vocabulary::{Injectate, Suitability};

/// The standing of every injectate for the patient.
pub(crate) fn advise(ev: &Evaluation<'_>) -> Vec<InjectateAdvice> {
    Injectate::all()
        .iter()
        .map(|&injectate| {
            let (mut suitability, about, source) = injectate.baseline();
            let rules = INJECTATE_RULES
                .iter()
                .enumerate()
                .filter(|(_, r)| r.injectate == injectate);
            let mut notes = Vec::with_capacity(rules.clone().count().saturating_add(1));
            notes.push(Note {
                rule: NoteId::About(injectate),
                text: ClinicianText::from_static(about),
                source,
            });
            for (index, rule) in rules {
                let (level, text) = match ev.injectate_truth(index) {
                    Truth::Absent => continue,
                    Truth::Present => (rule.level, ClinicianText::from_static(rule.text)),
                    // Never `suitable` on an unknown: say what to ask.
                    Truth::Unknown => (
                        Suitability::Caution.min(rule.level),
                        ClinicianText::from_string(concat(&[
                            "Not yet known: ",
                            rule.text,
                            " Ask: ",
                            &ask(rule),
                        ])),
                    ),
                };
                suitability = suitability.max(level);
                notes.push(Note {
                    rule: NoteId::Rule(rule.id),
                    text,
                    source: rule.source.clone(),
                });
            }
            if injectate == Injectate::Saline && suitability == Suitability::Suitable {
                notes.push(saline_comparison());
            }
            InjectateAdvice {
                injectate,
                suitability,
                notes,
            }
        })
        .collect()
}

/// Saline shown as suitable: a safety statement, not a claim that it
/// works (docs/clinical-knowledge.md §5). A note of its own, after the reasons, so
/// the report and the card, which show the reasons, show it too.
fn saline_comparison() -> Note {
    Note {
        rule: NoteId::SalineComparison,
        text: ClinicianText::from_static(
            "Suitable is a safety statement, not a claim that saline works: in the randomised trials saline was the comparison arm.",
        ),
        source: k::SALINE_COMPARATOR,
    }
}

/// The question that settles a rule's fact.
fn ask(rule: &InjectateRule) -> Cow<'static, str> {
    rule.fact.subject().question()
}

#[cfg(test)]
mod tests {
    use crate::{assess, Injectate, NoteId, Policy, Presentation, Suitability};

    /// The saline note is for saline shown as suitable, never for another
    /// injectate that is suitable too.
    #[test]
    fn only_suitable_saline_carries_the_comparison_note() {
        let json = include_str!("../../examples/data/01-runner-heel-pain-discuss.json");
        let a = assess(&Presentation::from_json(json).unwrap(), &Policy::default());
        let mut suitable_others = 0;
        for advice in &a.injectates {
            let noted = advice
                .notes
                .iter()
                .any(|n| n.rule == NoteId::SalineComparison);
            let saline = advice.injectate == Injectate::Saline;
            assert_eq!(
                noted,
                saline && advice.suitability == Suitability::Suitable,
                "{:?}",
                advice.injectate
            );
            if !saline && advice.suitability == Suitability::Suitable {
                suitable_others += 1;
            }
        }
        assert!(
            suitable_others > 0,
            "the case must show another suitable injectate"
        );
    }
}
