//! What would have to change for the verdict to reach the yes family,
//! derived from the rules that hold, so a new rule gets its answer for free.

use std::borrow::Cow;

use crate::assessment::{Change, Reconsider, Resolution};
use crate::engine::Evaluation;
use crate::knowledge as k;
use crate::rules::{Fact, Formula, Group};
use crate::text::{more_weeks, plural_weeks};
use crate::truth::Truth;
use crate::units::Weeks;
use crate::vocabulary::{Family, Finding};

/// Every change needed to reach the yes family: one per present rule of the
/// `no` groups (the two durations combined into one wait).
pub(crate) fn reconsider(ev: &Evaluation<'_>) -> Vec<Reconsider> {
    if ev.verdict.family() != Some(Family::No) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut timing: Vec<&'static str> = Vec::new();
    for &group in &[Group::Absolute, Group::Suitability, Group::Timing] {
        for (_, rule) in ev.rules_in(group, Truth::Present) {
            let Formula::Fact(fact) = rule.formula else {
                continue;
            };
            let id = Cow::Borrowed(rule.id);
            match fact {
                Fact::SymptomsBelowMinimum | Fact::CareBelowMinimum => timing.push(rule.id),
                Fact::AgeBelowMinimum => {
                    let min = ev.policy().min_age_years();
                    let years = ev
                        .presentation()
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
        let (change, text) = wait(ev);
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
fn wait(ev: &Evaluation<'_>) -> (Change, String) {
    let p = ev.presentation();
    let (min_symptoms, min_care) = (
        ev.policy().min_symptom_weeks(),
        ev.policy().min_conservative_care_weeks(),
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
