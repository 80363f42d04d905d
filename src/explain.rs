//! From an evaluation to the words a clinician reads: reasons, summary,
//! questions.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::assessment::{Assessment, Question, Reason, Role};
use crate::engine::{Evaluation, Facts};
use crate::{evidence, injectate, plan, reconsider};

use crate::finding::Finding;
use crate::knowledge::{self as k, Source};
use crate::rules::{Fact, Formula, Group, Rule, RULE_COUNT};
use crate::truth::Truth;
use crate::units::Weeks;
use crate::verdict::{Family, Verdict};

/// Longest summary, in characters (`decision-model.md` §6).
///
/// # Example
///
/// ```
/// use prolo_triage::{assess, Policy, Presentation, MAX_SUMMARY_CHARS};
/// let a = assess(&Presentation::default(), &Policy::default());
/// assert!(a.summary.chars().count() <= MAX_SUMMARY_CHARS);
/// ```
pub const MAX_SUMMARY_CHARS: usize = 140;

/// Conservative care beyond this many weeks is called refractory
/// (clinical-knowledge §3: "refractory after > 6 months").
const REFRACTORY_WEEKS: u16 = 26;

pub(crate) fn explain(facts: &Facts<'_>, ev: &Evaluation) -> Assessment {
    Assessment {
        verdict: ev.verdict,
        summary: summary(facts, ev),
        best_case: ev.best,
        worst_case: ev.worst,
        reasons: reasons(facts, ev),
        questions: ev
            .open
            .iter()
            .map(|open| Question {
                finding: open.subject,
                group: open.group,
                text: Cow::Borrowed(open.subject.question()),
                blocking: open.blocking,
            })
            .collect(),
        reconsider_when: reconsider::reconsider(facts, ev),
        injectates: match ev.verdict.family() {
            Some(Family::Yes) | None => injectate::advise(facts),
            _ => Vec::new(),
        },
        plan: (ev.verdict.family() == Some(Family::Yes)).then(|| plan::plan(facts)),
        evidence: evidence::evidence(facts.presentation),
        policy: facts.policy.into(),
    }
}

/// The group whose present rules decided the verdict, if one did.
fn deciding_group(verdict: Verdict) -> Option<Group> {
    Group::all()
        .iter()
        .copied()
        .find(|g| g.verdict() == verdict)
}

fn reasons(facts: &Facts<'_>, ev: &Evaluation) -> Vec<Reason> {
    // Room for the present rules, the unknown ones and the supports: one
    // allocation in the common case.
    let listed_at_most = ev
        .rules()
        .filter(|(_, _, truth)| *truth != Truth::Absent)
        .count();
    let mut out = Vec::with_capacity(listed_at_most.saturating_add(6));
    let deciding = deciding_group(ev.verdict);
    for &group in Group::all() {
        for (rule, rule_group, truth) in ev.rules() {
            if rule_group == group && truth == Truth::Present {
                let role = if Some(group) == deciding {
                    Role::Decisive
                } else {
                    Role::AlsoPresent
                };
                out.push(reason(facts, rule, rule_group, Truth::Present, role));
            }
        }
    }
    // The unknowns that hold the verdict where it is: the blocking ones of
    // `needs_information`, the precautions still to settle in the yes family.
    let holding = |blocking: bool| match ev.verdict {
        Verdict::NeedsInformation => blocking,
        Verdict::DiscussWithPrecautions => true,
        _ => false,
    };
    let mut listed = [false; RULE_COUNT];
    for open in ev.open.iter().filter(|o| holding(o.blocking)) {
        let reading = facts.policy.compiled().subject_rules(open.subject);
        for (index, rule, rule_group, truth) in ev.rules_in(reading) {
            let seen = listed
                .get_mut(index)
                .map(|seen| std::mem::replace(seen, true));
            if truth == Truth::Unknown && seen == Some(false) {
                out.push(reason(
                    facts,
                    rule,
                    rule_group,
                    Truth::Unknown,
                    Role::Unknown,
                ));
            }
        }
    }
    if ev.verdict.family() == Some(Family::Yes) {
        supports(facts, &mut out);
    }
    ottawa_caveat(facts, ev, &mut out);
    out
}

fn reason(
    facts: &Facts<'_>,
    rule: &'static Rule,
    group: Group,
    status: Truth,
    role: Role,
) -> Reason {
    let finding = match rule.formula {
        Formula::Fact(fact) => Some(fact),
        // A compound rule rests on its most specific present fact (for the
        // Ottawa rules, the examination finding rather than the injury).
        compound => {
            let mut last = None;
            compound.any_fact(&mut |f| {
                if facts.truth(f) == status {
                    last = Some(f);
                }
                false
            });
            last
        }
    };
    Reason {
        rule: Cow::Borrowed(rule.id),
        finding,
        status,
        role,
        text: rule_text(facts, rule, group, status),
        source: rule.source.clone(),
    }
}

/// The rule's text, with the patient's numbers where the rule reads them.
fn rule_text(facts: &Facts<'_>, rule: &Rule, group: Group, status: Truth) -> Cow<'static, str> {
    let p = facts.presentation;
    let policy = facts.policy;
    if status == Truth::Unknown {
        return Cow::Borrowed(rule.unknown_text);
    }
    let Formula::Fact(fact) = rule.formula else {
        // "<text> Found: <present facts>." in one allocation.
        let mut text = String::with_capacity(rule.text.len().saturating_add(96));
        text.push_str(rule.text);
        text.push_str(" Found: ");
        let mut first = true;
        rule.formula.any_fact(&mut |f| {
            if facts.truth(f) == Truth::Present {
                if !first {
                    text.push_str(", ");
                }
                first = false;
                text.push_str(f.label());
            }
            false
        });
        text.push('.');
        return Cow::Owned(text);
    };
    match fact {
        Fact::AgeBelowMinimum => match p.age_years() {
            Some(age) => Cow::Owned(format!(
                "Age {}, under the minimum of {} years. {}",
                age.get(),
                policy.min_age_years(),
                rule.text
            )),
            None => Cow::Borrowed(rule.text),
        },
        Fact::NoTreatableCondition => Cow::Owned(conditions_text(facts, rule)),
        Fact::SymptomsBelowMinimum => Cow::Owned(format!(
            "Symptoms for {}, fewer than the {} required. {}",
            plural_weeks(p.symptom_weeks().map(Weeks::get).unwrap_or_default()),
            policy.min_symptom_weeks(),
            rule.text
        )),
        Fact::CareBelowMinimum => {
            let care = match (p.conservative_care_weeks().map(Weeks::get), p.symptom_weeks().map(Weeks::get)) {
                (Some(c), _) => format!("{} of conservative care", plural_weeks(c)),
                (None, Some(s)) => format!("At most {s} weeks of conservative care (symptoms {s} weeks)"),
                (None, None) => "Conservative care".into(),
            };
            Cow::Owned(format!(
                "{care}, fewer than the {} required. {}",
                policy.min_conservative_care_weeks(),
                rule.text
            ))
        }
        Fact::Finding(Finding::HotSwollenFoot)
            if [Finding::Diabetes, Finding::PeripheralNeuropathy]
                .iter()
                .any(|f| facts.truth(Fact::Finding(*f)) == Truth::Present) =>
        {
            Cow::Borrowed(
                "Hot, swollen foot with diabetes or neuropathy: treat as acute Charcot foot until proven otherwise (1 in 4 misdiagnosed, about 7 months' delay).",
            )
        }
        _ if matches!(rule.group, Group::Absolute | Group::Relative) => {
            // clinical-knowledge §2: no guideline sorts the contraindications
            // into absolute and relative; the split is inferred.
            let class = match (rule.group, group, fact) {
                (Group::Relative, Group::Absolute, _) => {
                    return Cow::Owned(concat(&[
                        rule.text,
                        " Made absolute by the policy \"",
                        policy.name(),
                        "\".",
                    ]));
                }
                (Group::Absolute, _, _) => {
                    "Absolute (the split is our inference from trial exclusion lists)."
                }
                (_, _, Fact::Allergy(_)) => "A precaution for the choice of injectate.",
                _ => "A precaution (the split is our inference from trial exclusion lists).",
            };
            Cow::Owned(concat(&[rule.text, " ", class]))
        }
        _ => Cow::Borrowed(rule.text),
    }
}

fn conditions_text(facts: &Facts<'_>, rule: &Rule) -> String {
    let conditions = facts.presentation.conditions().unwrap_or_default();
    let mut listed = conditions
        .iter()
        .filter(|c| c.is_listed_as_treatable())
        .map(|c| c.label())
        .peekable();
    if conditions.is_empty() {
        concat(&["No foot condition recorded. ", rule.text])
    } else if listed.peek().is_none() {
        concat(&["Only another condition recorded. ", rule.text])
    } else {
        let mut text = String::with_capacity(128);
        push_capitalised_list(&mut text, listed);
        text.push_str(": not treated under the policy \"");
        text.push_str(facts.policy.name());
        text.push_str("\".");
        text
    }
}

fn supports(facts: &Facts<'_>, out: &mut Vec<Reason>) {
    let p = facts.presentation;
    let support = |rule: &'static str,
                   finding: Option<Fact>,
                   text: Cow<'static, str>,
                   source: Source| Reason {
        rule: Cow::Borrowed(rule),
        finding,
        status: Truth::Present,
        role: Role::Supporting,
        text,
        source,
    };
    // Each text is written into one buffer: one allocation per reason.
    let mut text = String::with_capacity(160);
    push_capitalised_list(&mut text, treated_labels(facts));
    text.push_str(": among the foot problems the source lists as treated with prolotherapy.");
    out.push(support(
        "support.condition",
        Some(Fact::NoTreatableCondition),
        Cow::Owned(text),
        k::SEED_CONDITIONS,
    ));
    out.push(support(
        "support.red_flags_screened",
        None,
        Cow::Borrowed("Red flags screened and absent, including the Ottawa fracture rules."),
        k::SCREENING,
    ));
    let symptoms = p.symptom_weeks().map(|w| w.get());
    let care = p.conservative_care_weeks().map(|w| w.get());
    let mut text = String::with_capacity(128);
    match (symptoms, care) {
        (Some(s), Some(c)) => {
            text.push_str("Symptoms for ");
            push_weeks(&mut text, s);
            text.push_str(" and ");
            push_weeks(&mut text, c);
            text.push_str(" of conservative care");
        }
        (None, Some(c)) => {
            push_weeks(&mut text, c);
            text.push_str(" of conservative care (symptoms at least as long)");
        }
        (Some(s), None) => {
            text.push_str("Symptoms for ");
            push_weeks(&mut text, s);
        }
        (None, None) => text.push_str("No minimum duration under this policy"),
    }
    if care.is_some_and(|c| c > REFRACTORY_WEEKS) {
        text.push_str(": refractory (more than 6 months of appropriate care).");
        out.push(support(
            "support.refractory",
            Some(Fact::CareBelowMinimum),
            Cow::Owned(text),
            k::REFRACTORY,
        ));
    } else {
        text.push_str(": past the acute phase and first-line care.");
        out.push(support(
            "support.timing",
            Some(Fact::SymptomsBelowMinimum),
            Cow::Owned(text),
            k::SYMPTOM_DURATION,
        ));
    }
    for cause in [Finding::LigamentLaxity, Finding::JointInstability] {
        if p.finding(cause) == Truth::Present {
            let mut text = String::with_capacity(128);
            push_capitalised_list(&mut text, std::iter::once(cause.label()));
            text.push_str(": the source says these conditions are often the result of ligament laxity and joint instability.");
            out.push(support(
                if cause == Finding::LigamentLaxity {
                    "support.ligament_laxity"
                } else {
                    "support.joint_instability"
                },
                Some(Fact::Finding(cause)),
                Cow::Owned(text),
                k::SEED_CONDITIONS,
            ));
        }
    }
}

/// The Ottawa rules do not apply with neuropathy: say the rule may miss a
/// fracture when it could be in play.
fn ottawa_caveat(facts: &Facts<'_>, ev: &Evaluation, out: &mut Vec<Reason>) {
    let neuropathy = facts.truth(Fact::Finding(Finding::PeripheralNeuropathy)) == Truth::Present;
    let injury = facts.truth(Fact::Finding(Finding::RecentInjury)) != Truth::Absent;
    let ottawa_positive = ev
        .rules()
        .any(|(rule, _, truth)| rule.id == "red_flag.ottawa_fracture" && truth == Truth::Present);
    if neuropathy && injury && !ottawa_positive {
        out.push(Reason {
            rule: Cow::Borrowed("caveat.ottawa_neuropathy"),
            finding: Some(Fact::Finding(Finding::PeripheralNeuropathy)),
            status: Truth::Present,
            role: Role::Caveat,
            text: Cow::Borrowed(
                "With peripheral neuropathy the Ottawa rules do not apply and may miss a fracture (secondary source).",
            ),
            source: k::OTTAWA_NEUROPATHY,
        });
    }
}

/// The recorded conditions the policy treats, as labels.
fn treated_labels(facts: &Facts<'_>) -> impl Iterator<Item = &'static str> + Clone {
    let treatable = facts.policy.treatable_conditions();
    let recorded = facts.presentation.conditions().unwrap_or_default();
    (recorded & treatable).iter().map(|c| c.label())
}

/// The parts one after the other, in one allocation.
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut out =
        String::with_capacity(parts.iter().map(|p| p.len()).fold(0, usize::saturating_add));
    for part in parts {
        out.push_str(part);
    }
    out
}

/// "1 week", "5 weeks".
pub(crate) fn plural_weeks(n: u16) -> String {
    let mut out = String::new();
    push_weeks(&mut out, n);
    out
}

/// Appends "1 week" or "5 weeks".
fn push_weeks(out: &mut String, n: u16) {
    if n == 1 {
        out.push_str("1 week");
    } else {
        // Writing to a String cannot fail.
        let _ = write!(out, "{n} weeks");
    }
}

/// Appends the labels joined by ", ", the first letter capitalised.
fn push_capitalised_list<'a>(out: &mut String, labels: impl Iterator<Item = &'a str>) {
    for (i, label) in labels.enumerate() {
        if i == 0 {
            let mut chars = label.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(", ");
            out.push_str(label);
        }
    }
}

/// Appends "x" or "x and N more".
fn push_first_and_more<'a>(out: &mut String, mut labels: impl Iterator<Item = &'a str>) {
    if let Some(first) = labels.next() {
        out.push_str(first);
        let more = labels.count();
        if more > 0 {
            let _ = write!(out, " and {more} more");
        }
    }
}

/// The labels of a group's present rules.
fn present_labels(ev: &Evaluation, group: Group) -> impl Iterator<Item = &'static str> + '_ {
    ev.rules()
        .filter(move |(_, g, t)| *g == group && *t == Truth::Present)
        .map(|(rule, _, _)| rule.label)
}

/// One sentence, at most [`MAX_SUMMARY_CHARS`]: every label is short
/// (tested), numbers have at most four digits. Written into one buffer.
fn summary(facts: &Facts<'_>, ev: &Evaluation) -> String {
    let p = facts.presentation;
    let policy = facts.policy;
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
        Verdict::NotSuitable => match p.age_years() {
            Some(age) if age.get() < policy.min_age_years() => {
                let _ = write!(
                    out,
                    "Not suitable: age {}, under the policy's minimum of {} years.",
                    age.get(),
                    policy.min_age_years()
                );
            }
            _ => out.push_str("Not suitable: no condition treated under this policy is recorded."),
        },
        Verdict::NotYet => {
            out.push_str("Not yet: ");
            let mut parts = 0_u8;
            if let Some(s) = p
                .symptom_weeks()
                .map(Weeks::get)
                .filter(|s| *s < policy.min_symptom_weeks())
            {
                let _ = write!(
                    out,
                    "symptoms for {s} of {} weeks",
                    policy.min_symptom_weeks()
                );
                parts = 1;
            }
            let care_short = ev.rules().any(|(r, _, t)| {
                r.formula == Formula::Fact(Fact::CareBelowMinimum) && t == Truth::Present
            });
            if care_short {
                if parts > 0 {
                    out.push_str(" and ");
                }
                let min = policy.min_conservative_care_weeks();
                let _ = match p.conservative_care_weeks().map(Weeks::get) {
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
            push_first_and_more(&mut out, treated_labels(facts));
            out.push_str(", red flags screened");
            if let Some(c) = p.conservative_care_weeks().map(Weeks::get) {
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

#[cfg(test)]
mod tests {
    use super::*;
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

    fn first_and_more(labels: &[&str]) -> String {
        let mut out = String::new();
        push_first_and_more(&mut out, labels.iter().copied());
        out
    }

    fn capitalise(text: &str) -> String {
        let mut out = String::new();
        push_capitalised_list(&mut out, std::iter::once(text));
        out
    }

    #[test]
    fn first_and_more_counts() {
        assert_eq!(first_and_more(&["a"]), "a");
        assert_eq!(first_and_more(&["a", "b", "c"]), "a and 2 more");
    }

    #[test]
    fn capitalise_first_letter() {
        assert_eq!(capitalise("heel pain"), "Heel pain");
        assert_eq!(capitalise(""), "");
    }
}
