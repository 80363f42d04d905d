//! What would have to change for the verdict to reach the yes family,
//! derived from the rules that hold, so a new rule gets its answer for free.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::engine::{Evaluation, Facts};
use crate::explain::plural_weeks;
use crate::finding::Finding;
use crate::knowledge::{self as k, Source};
use crate::rules::{Fact, Formula, Group};
use crate::truth::Truth;
use crate::units::Weeks;
use crate::verdict::Family;

/// Whether a contraindication can be expected to go away.
///
/// # Example
///
/// ```
/// use prolo_triage::Resolution;
/// assert_eq!(Resolution::NotExpected.to_string(), "not_expected");
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::Display,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Resolution {
    /// An infection or a flare: it is expected to settle.
    Expected,
    /// A lasting condition: it is not expected to resolve.
    NotExpected,
    /// It may or may not change (a medicine stopped, a pregnancy ended).
    Possible,
}

/// A change that would lift one obstacle, in a form a program can apply.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Change, Policy, Presentation};
/// # let p = Presentation::from_json(include_str!("../examples/data/05-too-early-infection-unknown.json"))?;
/// let a = assess(&p, &Policy::default());
/// assert!(matches!(a.reconsider_when[0].change, Change::Wait { weeks: 7, .. }));
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Change {
    /// Time must pass with conservative care going on: after `weeks` more
    /// weeks the durations reach these values (`null` when unknown now).
    Wait {
        /// Weeks from now.
        weeks: u16,
        /// Symptom weeks then.
        symptom_weeks: Option<u16>,
        /// Conservative care weeks then.
        conservative_care_weeks: Option<u16>,
    },
    /// The patient must reach the policy's minimum age.
    AgeYears {
        /// The minimum age.
        at_least: u16,
    },
    /// A condition treated under the policy must be diagnosed.
    TreatableCondition,
    /// The contraindication must no longer apply.
    Resolve {
        /// The fact that must become absent.
        fact: Fact,
        /// Whether that can be expected.
        resolution: Resolution,
    },
}

/// One thing that would have to change.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Policy, Presentation};
/// # let p = Presentation::from_json(include_str!("../examples/data/05-too-early-infection-unknown.json"))?;
/// let a = assess(&p, &Policy::default());
/// assert_eq!(a.reconsider_when[0].text, "After 7 more weeks: symptoms will have lasted 12 weeks and conservative care 8 weeks.");
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reconsider {
    /// The rules that this change lifts.
    pub rules: Vec<Cow<'static, str>>,
    /// The change, for programs.
    pub change: Change,
    /// The change, for clinicians.
    pub text: Cow<'static, str>,
    /// Where the threshold or judgement comes from.
    pub source: Source,
}

/// Every change needed to reach the yes family: one per present rule of the
/// `no` groups (the two durations combined into one wait).
pub(crate) fn reconsider(facts: &Facts<'_>, ev: &Evaluation) -> Vec<Reconsider> {
    if ev.verdict.family() != Some(Family::No) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut timing: Vec<&'static str> = Vec::new();
    for &group in &[Group::Absolute, Group::Suitability, Group::Timing] {
        for (rule, rule_group, truth) in ev.rules() {
            if rule_group != group || truth != Truth::Present {
                continue;
            }
            let Formula::Fact(fact) = rule.formula else {
                continue;
            };
            let id = Cow::Borrowed(rule.id);
            match fact {
                Fact::SymptomsBelowMinimum | Fact::CareBelowMinimum => timing.push(rule.id),
                Fact::AgeBelowMinimum => {
                    let min = facts.policy.min_age_years();
                    let years = facts
                        .presentation
                        .age_years()
                        .map(|a| min.saturating_sub(a.get()));
                    out.push(Reconsider {
                        rules: vec![id],
                        change: Change::AgeYears { at_least: min },
                        text: Cow::Owned(match years {
                            Some(y) => format!("Not before age {min}, the policy's minimum: {y} more year{}.", if y == 1 { "" } else { "s" }),
                            None => format!("Not before age {min}, the policy's minimum."),
                        }),
                        source: rule.source.clone(),
                    });
                }
                Fact::NoTreatableCondition => out.push(Reconsider {
                    rules: vec![id],
                    change: Change::TreatableCondition,
                    text: Cow::Borrowed(
                        "Only with a foot condition treated under this policy; not expected to change otherwise.",
                    ),
                    source: rule.source.clone(),
                }),
                other => {
                    let (resolution, text) = resolution(other);
                    out.push(Reconsider {
                        rules: vec![id],
                        change: Change::Resolve {
                            fact: other,
                            resolution,
                        },
                        text,
                        source: k::RESOLUTION,
                    });
                }
            }
        }
    }
    if !timing.is_empty() {
        let (change, text) = wait(facts);
        out.push(Reconsider {
            rules: timing.into_iter().map(Cow::Borrowed).collect(),
            change,
            text: Cow::Owned(text),
            source: k::SYMPTOM_DURATION,
        });
    }
    out
}

fn resolution(fact: Fact) -> (Resolution, Cow<'static, str>) {
    use Finding::*;
    let label = match fact {
        Fact::Finding(f) => f.label(),
        Fact::Medication(m) => m.label(),
        Fact::Allergy(a) => a.label(),
        Fact::Condition(c) => c.label(),
        _ => "obstacle",
    };
    match fact {
        Fact::Finding(SkinInfectionAtSite | SystemicInfection | AcuteInflammatoryArthritis) => (
            Resolution::Expected,
            Cow::Owned(format!("When the {label} has resolved.")),
        ),
        Fact::Finding(BleedingDisorder | MalignancyAtSite) => (
            Resolution::NotExpected,
            Cow::Owned(format!(
                "Only if the {label} no longer applies; it is not expected to resolve."
            )),
        ),
        Fact::Finding(RecentSteroidInjection) => (
            Resolution::Expected,
            Cow::Borrowed("When 3 months have passed since the steroid injection at the site."),
        ),
        Fact::Medication(_) => (
            Resolution::Possible,
            Cow::Owned(format!("When the {label} is no longer taken.")),
        ),
        _ => (
            Resolution::Possible,
            Cow::Owned(format!("Only if the {label} no longer applies.")),
        ),
    }
}

/// How long until both durations reach the policy's minimums, with
/// conservative care going on meanwhile (time passes for the symptoms too).
fn wait(facts: &Facts<'_>) -> (Change, String) {
    let p = facts.presentation;
    let (min_symptoms, min_care) = (
        facts.policy.min_symptom_weeks(),
        facts.policy.min_conservative_care_weeks(),
    );
    let symptoms = p.symptom_weeks().map(Weeks::get);
    let care = p.conservative_care_weeks().map(Weeks::get);
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

/// "1 more week", "5 more weeks".
fn more_weeks(n: u16) -> String {
    if n == 1 {
        "1 more week".into()
    } else {
        format!("{n} more weeks")
    }
}
