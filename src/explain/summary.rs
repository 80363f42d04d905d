//! The one-sentence summary of a verdict.

use std::fmt::Write as _;

use super::reasons::{red_flag_caveat, treated_labels};
use crate::assessment::Caveat;
use crate::engine::Evaluation;
use crate::rules::{Fact, Group};
use crate::text::{push_first_and_more, push_weeks};
use crate::truth::Truth;
use crate::vocabulary::Verdict;

/// Longest summary, in characters: one limit for the whole workspace.
/// CDS Hooks requires a card's summary to be *fewer than* 140 characters,
/// which also meets `docs/decision-model.md` §6 ("at most 140"), so a summary
/// goes on a card unshortened.
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Policy, Presentation, MAX_SUMMARY_CHARS};
/// let a = assess(&Presentation::default(), &Policy::default());
/// assert!(a.summary.chars().count() <= MAX_SUMMARY_CHARS);
/// ```
pub const MAX_SUMMARY_CHARS: usize = 139;

/// The labels of a group's present rules.
fn present_labels<'e>(
    ev: &'e Evaluation<'_>,
    group: Group,
) -> impl Iterator<Item = &'static str> + 'e {
    ev.rules_in(group, Truth::Present)
        .map(|(_, rule)| rule.label)
}

/// How much a summary shortens to fit: lists are written out in full
/// unless the limit forces "x and N more" (then the caveat's short form).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Brevity {
    /// Every label written out.
    Full,
    /// Lists as "x and N more".
    ShortLists,
    /// Lists as "x and N more", and a caveat in its short form.
    Shortest,
}

/// Appends every label ("a", "a and b", "a, b and c"), or under
/// [`Brevity::ShortLists`] "a and N more".
fn push_labels<'a>(out: &mut String, labels: impl Iterator<Item = &'a str>, brevity: Brevity) {
    if brevity > Brevity::Full {
        push_first_and_more(out, labels);
        return;
    }
    let mut labels = labels.peekable();
    let mut first = true;
    while let Some(label) = labels.next() {
        if !first {
            out.push_str(if labels.peek().is_none() {
                " and "
            } else {
                ", "
            });
        }
        first = false;
        out.push_str(label);
    }
}

/// The caveat that says a red-flag rule may have missed something, as the
/// summary names it (`docs/clinical-knowledge.md` §1.2): never "red flags
/// screened" beside it.
fn caveat_words(caveat: Caveat, brevity: Brevity) -> &'static str {
    match (caveat, brevity) {
        (Caveat::TendernessWithoutInjury, Brevity::Shortest) => "exclude a stress fracture first",
        (Caveat::TendernessWithoutInjury, _) => {
            "bone tenderness without injury: exclude a stress fracture first"
        }
        (Caveat::CalcanealStressFracture, Brevity::Shortest) => "exclude a stress fracture first",
        (Caveat::CalcanealStressFracture, _) => {
            "painful heel squeeze: exclude a calcaneal stress fracture first"
        }
        (_, Brevity::Shortest) => "exclude a fracture first (neuropathy)",
        _ => "Ottawa rules unreliable with neuropathy: exclude a fracture first",
    }
}

/// One sentence, at most [`MAX_SUMMARY_CHARS`]: lists are abbreviated only
/// when the full sentence would not fit (every label is short, tested;
/// numbers have at most four digits, so the shortest form fits).
pub(super) fn summary(ev: &Evaluation<'_>) -> String {
    let mut out = String::new();
    for brevity in [Brevity::Full, Brevity::ShortLists, Brevity::Shortest] {
        out = summary_as(ev, brevity);
        if out.chars().count() <= MAX_SUMMARY_CHARS {
            break;
        }
    }
    out
}

/// The summary at one brevity, written into one buffer.
fn summary_as(ev: &Evaluation<'_>, brevity: Brevity) -> String {
    let policy = ev.policy();
    // Writing to a String cannot fail.
    let mut out = String::with_capacity(MAX_SUMMARY_CHARS.saturating_add(20));
    match ev.verdict {
        Verdict::ReferUrgently => {
            out.push_str("Refer urgently: ");
            push_labels(&mut out, present_labels(ev, Group::RedFlag), brevity);
            out.push_str("; do not inject.");
        }
        Verdict::Contraindicated => {
            out.push_str("Contraindicated: ");
            push_labels(&mut out, present_labels(ev, Group::Absolute), brevity);
            out.push_str("; do not inject.");
        }
        // The engine compared the age with the minimum: read its truth.
        Verdict::NotSuitable => match ev.age_years() {
            Some(age) if ev.truth(Fact::AgeBelowMinimum) == Truth::Present => {
                let _ = write!(
                    out,
                    "Not suitable: age {age}, under the policy's minimum of {} years.",
                    policy.min_age_years()
                );
            }
            _ => out.push_str("Not suitable: no condition treated under this policy is recorded."),
        },
        Verdict::NotYet => {
            out.push_str("Not yet: ");
            let mut parts = 0_u8;
            // Present only for a recorded duration under the minimum.
            let symptoms_short = ev.truth(Fact::SymptomsBelowMinimum) == Truth::Present;
            if let Some(s) = ev.symptom_weeks().filter(|_| symptoms_short) {
                let _ = write!(
                    out,
                    "symptoms for {s} of {} weeks",
                    policy.min_symptom_weeks()
                );
                parts = 1;
            }
            let care_short = ev.truth(Fact::CareBelowMinimum) == Truth::Present;
            if care_short {
                if parts > 0 {
                    out.push_str(" and ");
                }
                let min = policy.min_conservative_care_weeks();
                let _ = match ev.conservative_care_weeks() {
                    Some(c) => write!(out, "{c} of {min} weeks of conservative care"),
                    None => write!(out, "under {min} weeks of conservative care"),
                };
            }
            out.push_str("; conservative care first.");
        }
        Verdict::DiscussWithPrecautions => {
            let mut present = present_labels(ev, Group::Relative).peekable();
            let open = ev.open.len();
            let caveat = red_flag_caveat(ev);
            out.push_str("Discuss with precautions: ");
            match (present.peek().is_none(), open) {
                (true, 1..) => {
                    out.push_str("settle ");
                    push_labels(&mut out, ev.open.iter().map(|o| o.subject.label()), brevity);
                    if caveat.is_none() {
                        out.push_str(" before any injection");
                    }
                }
                (false, 1..) => {
                    push_labels(&mut out, present, brevity);
                    let noun = if open == 1 { "question" } else { "questions" };
                    let _ = write!(out, "; settle {open} more {noun}");
                    if caveat.is_none() {
                        out.push_str(" before any injection");
                    }
                }
                _ => push_labels(&mut out, present, brevity),
            }
            if let Some(caveat) = caveat {
                out.push_str("; ");
                out.push_str(caveat_words(caveat, brevity));
            }
            out.push('.');
        }
        Verdict::Discuss => {
            out.push_str("Discuss prolotherapy: ");
            push_labels(&mut out, treated_labels(ev), brevity);
            match red_flag_caveat(ev) {
                // Never "red flags screened" then: name what may have been
                // missed instead (docs/clinical-knowledge.md §1.2), in
                // place of the care tried, which the reasons give.
                Some(caveat) => {
                    out.push_str("; ");
                    out.push_str(caveat_words(caveat, brevity));
                }
                None => {
                    out.push_str(", red flags screened");
                    if let Some(c) = ev.conservative_care_weeks() {
                        out.push_str(", ");
                        push_weeks(&mut out, c);
                        out.push_str(" of conservative care tried");
                    }
                }
            }
            out.push('.');
        }
        Verdict::NeedsInformation => {
            let mut blocking = ev
                .open
                .iter()
                .filter(|o| o.blocking)
                .map(|o| o.subject.label());
            let first = blocking.next();
            let n = usize::from(first.is_some()).saturating_add(blocking.count());
            let _ = write!(
                out,
                "Needs information: {n} blocking question{}, starting with {}.",
                if n == 1 { "" } else { "s" },
                first.unwrap_or("the red flags")
            );
        }
    }
    out
}
