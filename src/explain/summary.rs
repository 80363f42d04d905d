//! The one-sentence summary of a verdict.

use std::fmt::Write as _;

use super::reasons::treated_labels;
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

/// One sentence, at most [`MAX_SUMMARY_CHARS`]: every label is short
/// (tested), numbers have at most four digits. Written into one buffer.
pub(super) fn summary(ev: &Evaluation<'_>) -> String {
    let policy = ev.policy();
    // Writing to a String cannot fail.
    let mut out = String::with_capacity(MAX_SUMMARY_CHARS.saturating_add(20));
    match ev.verdict {
        Verdict::ReferUrgently => {
            out.push_str("Refer urgently: ");
            push_first_and_more(&mut out, present_labels(ev, Group::RedFlag));
            out.push_str("; do not inject.");
        }
        Verdict::Contraindicated => {
            out.push_str("Contraindicated: ");
            push_first_and_more(&mut out, present_labels(ev, Group::Absolute));
            out.push_str("; no prolotherapy while it persists.");
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
            out.push_str("Discuss with precautions: ");
            match (present.peek().is_none(), open) {
                (true, 1..) => {
                    out.push_str("settle ");
                    push_first_and_more(&mut out, ev.open.iter().map(|o| o.subject.label()));
                    out.push_str(" before any injection.");
                }
                (false, 1..) => {
                    push_first_and_more(&mut out, present);
                    let _ = write!(out, "; settle {open} more before any injection.");
                }
                _ => {
                    push_first_and_more(&mut out, present);
                    out.push('.');
                }
            }
        }
        Verdict::Discuss => {
            out.push_str("Discuss prolotherapy: ");
            push_first_and_more(&mut out, treated_labels(ev));
            out.push_str(", red flags screened");
            if let Some(c) = ev.conservative_care_weeks() {
                out.push_str(", ");
                push_weeks(&mut out, c);
                out.push_str(" of conservative care tried");
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
