//! What would have to change for the verdict to reach the yes family,
//! derived from the rules that hold, so a new rule gets its answer for free.

use crate::assessment::{Change, Reconsider};
use crate::audience::{ClinicianText, PatientText};
use crate::engine::Evaluation;
use crate::knowledge as k;
use crate::patient;
use crate::rules::{Fact, Formula, Group, RuleId};
use crate::text::{more_weeks, plural_weeks};
use crate::truth::Truth;
use crate::units::Weeks;
use crate::vocabulary::Resolution;
use crate::vocabulary::{Family, Finding};

/// Every change needed to reach the yes family: one per present rule of the
/// `no` groups (the two durations combined into one wait).
pub(crate) fn reconsider(ev: &Evaluation<'_>) -> Vec<Reconsider> {
    if ev.verdict.family() != Some(Family::No) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut timing: Vec<RuleId> = Vec::new();
    for &group in &[Group::Absolute, Group::Suitability, Group::Timing] {
        for (_, rule) in ev.rules_in(group, Truth::Present) {
            let Formula::Fact(fact) = rule.formula else {
                continue;
            };
            let id = rule.id;
            match fact {
                Fact::SymptomsBelowMinimum | Fact::CareBelowMinimum => timing.push(rule.id),
                Fact::AgeBelowMinimum => {
                    let min = ev.policy().min_age_years();
                    let years = ev.age_years().map(|a| min.saturating_sub(a));
                    out.push(Reconsider {
                        rules: vec![id],
                        change: Change::AgeYears { at_least: min },
                        text: ClinicianText::from_string(match years {
                            Some(y) => format!("Not before age {min}, the policy's minimum: {y} more year{}.", if y == 1 { "" } else { "s" }),
                            None => format!("Not before age {min}, the policy's minimum."),
                        }),
                        // Age matters to a patient only when the condition
                        // could be treated at all.
                        patient_text: if ev.truth(Fact::NoTreatableCondition) == Truth::Present {
                            PatientText::default()
                        } else {
                            PatientText::from_string(format!(
                                "Prolotherapy could be looked at again from age {min}."
                            ))
                        },
                        source: rule.source.clone(),
                    });
                }
                Fact::NoTreatableCondition => out.push(Reconsider {
                    rules: vec![id],
                    change: Change::TreatableCondition,
                    text: ClinicianText::from_static(
                        "Only with a foot condition treated under this policy; not expected to change otherwise.",
                    ),
                    patient_text: PatientText::from_static(OTHER_TREATMENTS),
                    source: rule.source.clone(),
                }),
                other => {
                    let Some((resolution, text)) = resolution(other) else {
                        continue;
                    };
                    let (patient_text, source) = patient_resolution(other, resolution);
                    out.push(Reconsider {
                        rules: vec![id],
                        change: Change::Resolve {
                            fact: other,
                            resolution,
                        },
                        text,
                        patient_text,
                        source,
                    });
                }
            }
        }
    }
    if !timing.is_empty() {
        let (change, text) = wait(ev);
        let patient_text = patient::wait(change, None);
        out.push(Reconsider {
            rules: timing,
            change,
            text: ClinicianText::from_string(text),
            patient_text,
            source: k::SYMPTOM_DURATION,
        });
    }
    out
}

/// How a contraindication is lifted, in the clinician's words: from the
/// fact's own [`Resolution`] (`Fact::resolution`, one match per kind of
/// fact), with the steroid injection's wait said as the time it is.
/// `None` for a fact that is never a contraindication (a test ties every
/// contraindication rule to a resolution).
fn resolution(fact: Fact) -> Option<(Resolution, ClinicianText)> {
    let resolution = fact.resolution()?;
    let label = fact.label();
    let text = match (fact, resolution) {
        (Fact::Finding(Finding::RecentSteroidInjection), _) => ClinicianText::from_static(
            "When 3 months have passed since the steroid injection at the site.",
        ),
        (Fact::Medication(_), _) => {
            ClinicianText::from_string(format!("When the {label} is no longer taken."))
        }
        (_, Resolution::Expected) => {
            ClinicianText::from_string(format!("When the {label} has resolved."))
        }
        (_, Resolution::NotExpected) => ClinicianText::from_string(format!(
            "Only if the {label} no longer applies; it is not expected to resolve."
        )),
        (_, Resolution::Possible) => {
            ClinicianText::from_string(format!("Only if the {label} no longer applies."))
        }
    };
    Some((resolution, text))
}

/// The patient's form of lifting a contraindication, and its source. Never
/// "no longer taken", "no longer applies" or "not expected to resolve": a
/// patient reads what happens, and for a prescribed medicine that it is
/// not theirs to stop (docs/clinical-knowledge.md §2, "Prescribed medicines [I]").
fn patient_resolution(
    fact: Fact,
    resolution: Resolution,
) -> (PatientText, crate::knowledge::Source) {
    match (fact, resolution) {
        // A medicine protects the patient: never a step towards an
        // elective injection (the do-not-stop line is the handout's, once).
        (Fact::Medication(_), _) => (
            PatientText::from_static(OTHER_TREATMENTS),
            k::PRESCRIBED_MEDICINES,
        ),
        (Fact::Finding(Finding::RecentSteroidInjection), _) => (
            PatientText::from_static(
                "Your clinician can look at this again once 3 months have passed since the steroid injection.",
            ),
            k::RESOLUTION,
        ),
        (_, Resolution::Expected) => (
            PatientText::from_static(
                "Your clinician can look at this again when it is better.",
            ),
            k::RESOLUTION,
        ),
        // What will not pass: the other treatments, not a repeat of the
        // condition's name (review L12).
        (_, Resolution::NotExpected | Resolution::Possible) => (
            PatientText::from_static(OTHER_TREATMENTS),
            k::RESOLUTION,
        ),
    }
}

/// The next step when prolotherapy is not for this patient.
const OTHER_TREATMENTS: &str = patient::OTHER_TREATMENTS;

/// How long until both durations reach the policy's minimums, with
/// conservative care going on meanwhile (time passes for the symptoms too).
fn wait(ev: &Evaluation<'_>) -> (Change, String) {
    let (min_symptoms, min_care) = (
        ev.policy().min_symptom_weeks(),
        ev.policy().min_conservative_care_weeks(),
    );
    let symptoms = ev.symptom_weeks();
    let care = ev.conservative_care_weeks();
    let need_symptoms = symptoms.map_or(0, |s| min_symptoms.saturating_sub(s));
    let need_care = match (care, symptoms) {
        (Some(c), _) => min_care.saturating_sub(c),
        // Unknown care is at most the symptom duration.
        (None, Some(s)) => min_care.saturating_sub(s),
        (None, None) => min_care,
    };
    let weeks = need_symptoms.max(need_care);
    let later = |w: u16| w.saturating_add(weeks).min(Weeks::MAX);
    let symptoms_then = symptoms.map(later);
    let care_then = match care {
        Some(c) if need_care > 0 => Some(later(c)),
        Some(c) => Some(c),
        None => Some(min_care),
    };
    let text = match (symptoms_then, need_care > 0) {
        (Some(s), true) => format!(
            "After {}: symptoms will have lasted {} and conservative care {}.",
            more_weeks(weeks),
            plural_weeks(s),
            care.map_or_else(
                || format!("at least {}", plural_weeks(min_care)),
                |_| plural_weeks(care_then.unwrap_or(min_care))
            )
        ),
        (Some(_), false) => format!(
            "When symptoms have lasted {}: {}.",
            plural_weeks(min_symptoms),
            more_weeks(weeks)
        ),
        (None, _) => format!("After {} of conservative care.", more_weeks(weeks)),
    };
    (
        Change::Wait {
            weeks,
            symptom_weeks: symptoms_then,
            conservative_care_weeks: care_then,
        },
        text,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::{Allergy, MedicationClass};

    fn patient_words(fact: Fact) -> String {
        let (resolution, _) =
            resolution(fact).unwrap_or((Resolution::Possible, ClinicianText::default()));
        patient_resolution(fact, resolution).0.as_str().to_owned()
    }

    /// Every fact a contraindication rule reads says how it is lifted, so
    /// a new contraindication cannot be left without its words.
    #[test]
    fn every_contraindication_has_a_resolution() {
        for rule in crate::rules::RULES.iter() {
            if matches!(rule.group, Group::Absolute | Group::Relative) {
                for fact in rule.formula.facts() {
                    assert!(resolution(fact).is_some(), "{}", rule.id);
                }
            }
        }
        assert!(resolution(Fact::Condition(
            crate::vocabulary::Condition::Osteoarthritis
        ))
        .is_none());
    }

    /// Each kind of obstacle has its patient sentence: the steroid
    /// injection's wait, an obstacle that settles; one that may not and a
    /// medicine (never the patient's to stop) both lead to other treatments.
    #[test]
    fn each_kind_of_obstacle_reads_its_own_patient_sentence() {
        let steroid = patient_words(Fact::Finding(Finding::RecentSteroidInjection));
        assert_eq!(
            steroid,
            "Your clinician can look at this again once 3 months have passed since the steroid injection."
        );
        let infection = patient_words(Fact::Finding(Finding::SkinInfectionAtSite));
        assert!(infection.contains("when it is better"), "{infection}");
        assert!(!infection.contains("have passed"), "{infection}");
        let bleeding = patient_words(Fact::Finding(Finding::BleedingDisorder));
        // One that may not settle: the other treatments (review L12).
        assert_eq!(bleeding, OTHER_TREATMENTS);
        assert!(!bleeding.contains("is better"), "{bleeding}");
        // A medicine is never a step towards the injection (review M7).
        let medicine = patient_words(Fact::Medication(MedicationClass::Anticoagulant));
        assert_eq!(medicine, OTHER_TREATMENTS);
    }

    /// The clinician's sentence names the obstacle by its label.
    #[test]
    fn the_clinician_sentence_names_the_obstacle() {
        for fact in [
            Fact::Finding(Finding::SkinInfectionAtSite),
            Fact::Finding(Finding::BleedingDisorder),
            Fact::Medication(MedicationClass::Anticoagulant),
            Fact::Allergy(Allergy::Corn),
            Fact::Finding(Finding::Pregnancy),
        ] {
            let text = resolution(fact).map(|(_, text)| text);
            assert!(
                text.as_ref()
                    .is_some_and(|t| t.as_str().contains(fact.label())),
                "{fact}: {text:?}"
            );
        }
    }
}
