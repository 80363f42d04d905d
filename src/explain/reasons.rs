//! The reasons behind a verdict: the rules that decided, what else is
//! present, what is unknown, what supports a discussion, and caveats.

use std::borrow::Cow;

use crate::assessment::{Caveat, Reason, ReasonId, Role, Support};
use crate::engine::Evaluation;
use crate::knowledge::{self as k, Source};
use crate::rules::{Fact, Formula, Group, Rule, RuleId, RULE_COUNT};
use crate::text::{concat, plural_weeks, push_and_list, push_capitalised_list, push_weeks};
use crate::truth::Truth;
use crate::vocabulary::{Condition, Family, Finding, Verdict};

/// Conservative care beyond this many weeks is called refractory
/// (docs/clinical-knowledge.md §3: "refractory after > 6 months").
const REFRACTORY_WEEKS: u16 = 26;

/// The group whose present rules decided the verdict, if one did.
fn deciding_group(verdict: Verdict) -> Option<Group> {
    Group::all()
        .iter()
        .copied()
        .find(|g| g.verdict() == verdict)
}

/// Every reason, in the order a clinician reads them.
pub(super) fn reasons(ev: &Evaluation<'_>) -> Vec<Reason> {
    // Room for the present rules, the unknown ones and the supports: one
    // allocation in the common case.
    let mut out = Vec::with_capacity(ev.listed_at_most().saturating_add(6));
    let deciding = deciding_group(ev.verdict);
    for &group in Group::all() {
        for (index, rule) in ev.rules_in(group, Truth::Present) {
            let role = if Some(group) == deciding {
                Role::Decisive
            } else {
                Role::AlsoPresent
            };
            out.push(reason(ev, index, rule, group, Truth::Present, role));
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
        for (index, rule, group) in ev.unknown_rules_reading(open.subject) {
            let seen = listed
                .get_mut(index)
                .map(|seen| std::mem::replace(seen, true));
            if seen == Some(false) {
                out.push(reason(
                    ev,
                    index,
                    rule,
                    group,
                    Truth::Unknown,
                    Role::Unknown,
                ));
            }
        }
    }
    if ev.verdict.family() == Some(Family::Yes) {
        supports(ev, &mut out);
    }
    ottawa_caveat(ev, &mut out);
    tenderness_without_injury(ev, &mut out);
    charcot_caveat(ev, &mut out);
    candidate_caveats(ev, &mut out);
    below_literature(ev, &mut out);
    out
}

/// A painful heel squeeze suggests the calcaneal stress fracture mimic.
fn stress_fracture_suggested(ev: &Evaluation<'_>) -> bool {
    ev.candidates
        .mimics
        .iter()
        .any(|(row, _)| row.mimic == crate::vocabulary::Mimic::CalcanealStressFracture)
}

/// `docs/decision-model.md` §9: each mimic a present symptom suggests, and
/// each recorded condition the symptoms do not fit, in every assessment;
/// they never change the verdict.
fn candidate_caveats(ev: &Evaluation<'_>, out: &mut Vec<Reason>) {
    for (row, _) in &ev.candidates.mimics {
        let caveat = if row.mimic == crate::vocabulary::Mimic::CalcanealStressFracture {
            Caveat::CalcanealStressFracture
        } else {
            Caveat::Mimic
        };
        out.push(Reason {
            rule: ReasonId::Caveat(caveat),
            finding: None,
            status: Truth::Present,
            role: Role::Caveat,
            group: None,
            text: Cow::Borrowed(row.text),
            source: row.source.clone(),
        });
    }
    for read in &ev.candidates.candidates {
        if read.recorded && read.band == crate::assessment::Band::Unlikely {
            let condition = read.pattern.condition;
            out.push(Reason {
                rule: ReasonId::Caveat(Caveat::RecordedConditionUnlikely),
                finding: Some(Fact::Condition(condition)),
                status: Truth::Present,
                role: Role::Caveat,
                group: None,
                text: Cow::Owned(format!(
                    "The recorded symptoms do not fit {}: confirm the diagnosis.",
                    condition.label()
                )),
                source: k::SYMPTOM_PATTERN_INFERENCE,
            });
        }
    }
}

fn reason(
    ev: &Evaluation<'_>,
    index: usize,
    rule: &'static Rule,
    group: Group,
    status: Truth,
    role: Role,
) -> Reason {
    let finding = match rule.formula {
        Formula::Fact(fact) => Some(fact),
        // A compound rule rests on its most specific fact with this truth
        // (for the Ottawa rules, the examination finding rather than the
        // injury).
        _ => ev.facts_of(index, status).last(),
    };
    Reason {
        rule: ReasonId::Rule(rule.id),
        finding,
        status,
        role,
        group: Some(group),
        text: rule_text(ev, index, rule, group, status),
        source: rule.source.clone(),
    }
}

/// The rule's text, with the patient's numbers where the rule reads them.
fn rule_text(
    ev: &Evaluation<'_>,
    index: usize,
    rule: &Rule,
    group: Group,
    status: Truth,
) -> Cow<'static, str> {
    let policy = ev.policy();
    if status == Truth::Unknown {
        return Cow::Borrowed(rule.unknown_text);
    }
    let Formula::Fact(fact) = rule.formula else {
        // "<text> Found: <present facts>." in one allocation.
        let mut text = String::with_capacity(rule.text.len().saturating_add(96));
        text.push_str(rule.text);
        text.push_str(" Found: ");
        for (i, f) in ev.facts_of(index, Truth::Present).enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            text.push_str(f.label());
        }
        text.push('.');
        return Cow::Owned(text);
    };
    match fact {
        Fact::AgeBelowMinimum => match ev.age_years() {
            Some(age) => Cow::Owned(format!(
                "Age {age}, under the minimum of {} years. {}",
                policy.min_age_years(),
                rule.text
            )),
            None => Cow::Borrowed(rule.text),
        },
        Fact::NoTreatableCondition => Cow::Owned(conditions_text(ev)),
        // A policy threshold, not a requirement of the literature.
        Fact::SymptomsBelowMinimum => Cow::Owned(format!(
            "Symptoms for {}, below the policy minimum of {}. {}",
            plural_weeks(ev.symptom_weeks().unwrap_or_default()),
            plural_weeks(policy.min_symptom_weeks()),
            rule.text
        )),
        Fact::CareBelowMinimum => {
            let care = match (ev.conservative_care_weeks(), ev.symptom_weeks()) {
                (Some(c), _) => format!("{} of conservative care", plural_weeks(c)),
                (None, Some(s)) => format!("At most {s} weeks of conservative care (symptoms {s} weeks)"),
                (None, None) => "Conservative care".into(),
            };
            // The guideline list comes from the heel-pain and Achilles
            // guidelines (docs/clinical-knowledge.md §3): only for those conditions.
            let guided = ev.conditions().is_some_and(|c| {
                c.contains(Condition::PlantarFasciitis)
                    || c.contains(Condition::HeelPain)
                    || c.contains(Condition::AchillesTendinopathy)
            });
            let why = if guided {
                rule.text
            } else {
                "Conservative care comes first (the care guidelines found are for heel pain and Achilles tendinopathy; NHS pathways, secondary, escalate after 6 weeks)."
            };
            Cow::Owned(format!(
                "{care}, below the policy minimum of {}. {why}",
                plural_weeks(policy.min_conservative_care_weeks()),
            ))
        }
        Fact::Finding(Finding::HotSwollenFoot)
            if [Finding::Diabetes, Finding::PeripheralNeuropathy]
                .iter()
                .any(|f| ev.truth(Fact::Finding(*f)) == Truth::Present) =>
        {
            Cow::Borrowed(
                "Hot, swollen foot with diabetes or neuropathy: treat as acute Charcot foot until proven otherwise (1 in 4 misdiagnosed, about 7 months' delay; sources partly secondary).",
            )
        }
        _ if matches!(rule.group, Group::Absolute | Group::Relative) => {
            // docs/clinical-knowledge.md §2: no guideline sorts the contraindications
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

fn conditions_text(ev: &Evaluation<'_>) -> String {
    let conditions = ev.conditions().unwrap_or_default();
    let mut listed = conditions
        .iter()
        .filter(|c| c.is_listed_as_treatable())
        .map(|c| c.label())
        .peekable();
    if listed.peek().is_none() {
        // One sentence: what was recorded, then what the source lists
        // (derived from the vocabulary, as the rule's own text is).
        let mut text = String::with_capacity(200);
        text.push_str(if conditions.is_empty() {
            "No foot condition recorded"
        } else {
            "Only another condition recorded"
        });
        text.push_str("; the source lists prolotherapy for ");
        let treatable: Vec<&str> = Condition::all()
            .iter()
            .filter(|c| c.is_listed_as_treatable())
            .map(|c| c.label())
            .collect();
        push_and_list(&mut text, &treatable);
        text.push('.');
        text
    } else {
        let mut text = String::with_capacity(128);
        push_capitalised_list(&mut text, listed);
        text.push_str(": not treated under the policy \"");
        text.push_str(ev.policy().name());
        text.push_str("\".");
        text
    }
}

/// The caveat that says a red-flag rule may have missed something
/// (`docs/clinical-knowledge.md` §1.2), if one applies: the red flags are
/// then not reported as screened, and the summary names it instead.
pub(super) fn red_flag_caveat(ev: &Evaluation<'_>) -> Option<Caveat> {
    if ottawa_unreliable(ev) {
        Some(Caveat::OttawaNeuropathy)
    } else if !tenderness_without_injury_found(ev).is_empty() {
        Some(Caveat::TendernessWithoutInjury)
    } else if stress_fracture_suggested(ev) {
        Some(Caveat::CalcanealStressFracture)
    } else {
        None
    }
}

fn supports(ev: &Evaluation<'_>, out: &mut Vec<Reason>) {
    let support =
        |rule: Support, finding: Option<Fact>, text: Cow<'static, str>, source: Source| Reason {
            rule: ReasonId::Support(rule),
            finding,
            status: Truth::Present,
            role: Role::Supporting,
            group: None,
            text,
            source,
        };
    // Each text is written into one buffer: one allocation per reason.
    let mut text = String::with_capacity(160);
    push_capitalised_list(&mut text, treated_labels(ev));
    text.push_str(": among the foot problems the source lists as treated with prolotherapy.");
    out.push(support(
        Support::Condition,
        Some(Fact::NoTreatableCondition),
        Cow::Owned(text),
        k::SEED_CONDITIONS,
    ));
    // Bone tenderness at an Ottawa point without an injury, or neuropathy
    // with a possible injury: the red flags are then not "screened and
    // absent" [I] (§1.2); the caveat names what may have been missed.
    if red_flag_caveat(ev).is_none() {
        // Without an injury in the last 10 days the Ottawa rules do not
        // apply: "not applicable", not "screened" [I] (§1.2).
        let text = if ev.truth(Fact::Finding(Finding::RecentInjury)) == Truth::Absent {
            "Red flags screened and absent; the Ottawa fracture rules do not apply (no injury in the last 10 days). The red flags' sources are mostly secondary."
        } else {
            "Red flags screened and absent, including the Ottawa fracture rules (peer-reviewed); the other red flags' sources are mostly secondary."
        };
        out.push(support(
            Support::RedFlagsScreened,
            None,
            Cow::Borrowed(text),
            k::SCREENING,
        ));
    }
    let symptoms = ev.symptom_weeks();
    let care = ev.conservative_care_weeks();
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
        text.push_str(": refractory (more than 6 months of appropriate care; ACFAS consensus, via a secondary source).");
        out.push(support(
            Support::Refractory,
            Some(Fact::CareBelowMinimum),
            Cow::Owned(text),
            k::REFRACTORY,
        ));
    } else {
        let source = timing_against_literature(ev, &mut text);
        out.push(support(
            Support::Timing,
            Some(Fact::SymptomsBelowMinimum),
            Cow::Owned(text),
            source,
        ));
    }
    for cause in [Finding::LigamentLaxity, Finding::JointInstability] {
        if ev.truth(Fact::Finding(cause)) == Truth::Present {
            let mut text = String::with_capacity(128);
            push_capitalised_list(&mut text, std::iter::once(cause.label()));
            text.push_str(": the source says these conditions are often the result of ligament laxity and joint instability.");
            out.push(support(
                if cause == Finding::LigamentLaxity {
                    Support::LigamentLaxity
                } else {
                    Support::JointInstability
                },
                Some(Fact::Finding(cause)),
                Cow::Owned(text),
                k::SEED_CONDITIONS,
            ));
        }
    }
}

/// Ends the timing support: "past the acute phase" only when the
/// durations reach the literature's; under a policy with lower minimums,
/// what the policy's minimum is and that it is below the trials'
/// (`docs/clinical-knowledge.md` §3). Returns the source for what it says.
fn timing_against_literature(ev: &Evaluation<'_>, text: &mut String) -> Source {
    use crate::policy::{LITERATURE_MIN_CONSERVATIVE_CARE_WEEKS, LITERATURE_MIN_SYMPTOM_WEEKS};
    let policy = ev.policy();
    let care = ev.conservative_care_weeks();
    // Symptoms last at least as long as the care given for them.
    let symptoms = ev.symptom_weeks().max(care);
    let symptoms_short = !symptoms.is_some_and(|s| s >= LITERATURE_MIN_SYMPTOM_WEEKS);
    let care_short = !care.is_some_and(|c| c >= LITERATURE_MIN_CONSERVATIVE_CARE_WEEKS);
    if !symptoms_short && !care_short {
        text.push_str(
            ": past the acute phase (ACFAS consensus, via a secondary source) and first-line care.",
        );
        return k::SYMPTOM_DURATION;
    }
    text.push_str(": meets this policy's minimum (");
    if symptoms_short {
        push_weeks(text, policy.min_symptom_weeks());
        text.push_str(" of symptoms");
    }
    if care_short {
        if symptoms_short {
            text.push_str(", ");
        }
        push_weeks(text, policy.min_conservative_care_weeks());
        text.push_str(" of conservative care");
    }
    text.push_str("); below ");
    if symptoms_short {
        text.push_str("the 12 weeks of the trials");
    }
    if care_short {
        if symptoms_short {
            text.push_str(" and ");
        }
        text.push_str("the 6 weeks of care of the literature default (NHS pathways, secondary)");
    }
    text.push('.');
    match (symptoms_short, care_short) {
        (true, true) => k::TIMING_BELOW_LITERATURE,
        (true, false) => k::SYMPTOM_TRIALS,
        (false, _) => k::CONSERVATIVE_CARE,
    }
}

/// Neuropathy with an injury that is present or not yet known, and the
/// Ottawa rules not positive: the rules may have missed a fracture.
fn ottawa_unreliable(ev: &Evaluation<'_>) -> bool {
    let neuropathy = ev.truth(Fact::Finding(Finding::PeripheralNeuropathy)) == Truth::Present;
    let injury = ev.truth(Fact::Finding(Finding::RecentInjury)) != Truth::Absent;
    let ottawa_positive = ev.rule_truth(RuleId::OttawaFracture) == Truth::Present;
    neuropathy && injury && !ottawa_positive
}

/// The Ottawa rules do not apply with neuropathy: say the rule may miss a
/// fracture when it could be in play.
fn ottawa_caveat(ev: &Evaluation<'_>, out: &mut Vec<Reason>) {
    if ottawa_unreliable(ev) {
        out.push(Reason {
            rule: ReasonId::Caveat(Caveat::OttawaNeuropathy),
            finding: Some(Fact::Finding(Finding::PeripheralNeuropathy)),
            status: Truth::Present,
            role: Role::Caveat,
            group: None,
            text: Cow::Borrowed(
                "With peripheral neuropathy the Ottawa rules do not apply and may miss a fracture (secondary source).",
            ),
            source: k::OTTAWA_NEUROPATHY,
        });
    }
}

/// The four Ottawa bone-tenderness points (not the weight-bearing test).
const OTTAWA_TENDERNESS: [Finding; 4] = [
    Finding::BoneTendernessLateralMalleolus,
    Finding::BoneTendernessMedialMalleolus,
    Finding::BoneTendernessFifthMetatarsalBase,
    Finding::BoneTendernessNavicular,
];

/// The Ottawa tenderness recorded present while no recent injury is.
fn tenderness_without_injury_found(ev: &Evaluation<'_>) -> enumset::EnumSet<Finding> {
    if ev.truth(Fact::Finding(Finding::RecentInjury)) != Truth::Absent {
        return enumset::EnumSet::empty();
    }
    OTTAWA_TENDERNESS
        .into_iter()
        .filter(|f| ev.truth(Fact::Finding(*f)) == Truth::Present)
        .collect()
}

/// `docs/clinical-knowledge.md` §1 [I]: the Ottawa rules are for acute injury;
/// tenderness without one does not make them positive, but a stress
/// fracture must be considered before any injection.
fn tenderness_without_injury(ev: &Evaluation<'_>, out: &mut Vec<Reason>) {
    for finding in tenderness_without_injury_found(ev) {
        let mut text = String::with_capacity(200);
        push_capitalised_list(&mut text, std::iter::once(finding.label()));
        text.push_str(" recorded without a recent injury: the Ottawa rules apply to acute injury only, so this is not reported as a red flag, but consider a stress fracture before any injection (our inference).");
        out.push(Reason {
            rule: ReasonId::Caveat(Caveat::TendernessWithoutInjury),
            finding: Some(Fact::Finding(finding)),
            status: Truth::Present,
            role: Role::Caveat,
            group: None,
            text: Cow::Owned(text),
            source: k::TENDERNESS_WITHOUT_INJURY,
        });
    }
}

/// `docs/clinical-knowledge.md` §1 [I]: an acquired flat foot with diabetes and
/// peripheral neuropathy may be a Charcot midfoot collapse.
fn charcot_caveat(ev: &Evaluation<'_>, out: &mut Vec<Reason>) {
    // A candidate fallen arch (likely or possible) counts as a recorded one
    // (docs/decision-model.md §9).
    let fallen_arch = ev
        .conditions()
        .is_some_and(|c| c.contains(crate::vocabulary::Condition::FallenArch))
        || ev.candidates.candidates.iter().any(|r| {
            r.pattern.condition == crate::vocabulary::Condition::FallenArch
                && r.band != crate::assessment::Band::Unlikely
        });
    if fallen_arch
        && ev.truth(Fact::Finding(Finding::Diabetes)) == Truth::Present
        && ev.truth(Fact::Finding(Finding::PeripheralNeuropathy)) == Truth::Present
    {
        out.push(Reason {
            rule: ReasonId::Caveat(Caveat::CharcotFallenArch),
            finding: Some(Fact::Condition(crate::vocabulary::Condition::FallenArch)),
            status: Truth::Present,
            role: Role::Caveat,
            group: None,
            text: Cow::Borrowed(
                "Acquired flat foot with diabetes and peripheral neuropathy: this may be a Charcot midfoot collapse; exclude Charcot foot before any injection (our inference).",
            ),
            source: k::CHARCOT_FALLEN_ARCH,
        });
    }
}

/// `docs/clinical-knowledge.md` §3 [I]: a policy threshold below the literature
/// value is said in every assessment under it.
fn below_literature(ev: &Evaluation<'_>, out: &mut Vec<Reason>) {
    use crate::policy::{
        LITERATURE_MIN_AGE_YEARS, LITERATURE_MIN_CONSERVATIVE_CARE_WEEKS,
        LITERATURE_MIN_SYMPTOM_WEEKS,
    };
    let policy = ev.policy();
    let checks = [
        (
            policy.min_age_years() < LITERATURE_MIN_AGE_YEARS,
            Caveat::AgeBelowLiterature,
            format!(
                "The policy's minimum age is {} years; every trial found enrolled adults (18 or over).",
                policy.min_age_years()
            ),
            k::ADULTS_ONLY,
        ),
        (
            policy.min_symptom_weeks() < LITERATURE_MIN_SYMPTOM_WEEKS,
            Caveat::SymptomWeeksBelowLiterature,
            format!(
                "The policy's minimum symptom duration is {}; trials enrolled symptoms of 3 months or more.",
                plural_weeks(policy.min_symptom_weeks())
            ),
            k::SYMPTOM_TRIALS,
        ),
        (
            policy.min_conservative_care_weeks() < LITERATURE_MIN_CONSERVATIVE_CARE_WEEKS,
            Caveat::CareWeeksBelowLiterature,
            format!(
                "The policy's minimum conservative care is {}; the literature default is 6 weeks of guideline-based care first (NHS pathways escalate after 6 weeks; secondary source).",
                plural_weeks(policy.min_conservative_care_weeks())
            ),
            k::CONSERVATIVE_CARE,
        ),
    ];
    // About the policy, not the patient: no fact of the presentation.
    for (below, rule, mut text, source) in checks {
        if below {
            text.push_str(" Said in every assessment under this policy (our inference).");
            out.push(Reason {
                rule: ReasonId::Caveat(rule),
                finding: None,
                status: Truth::Present,
                role: Role::Caveat,
                group: None,
                text: Cow::Owned(text),
                source,
            });
        }
    }
}

/// The recorded conditions the policy treats, as labels.
pub(super) fn treated_labels(ev: &Evaluation<'_>) -> impl Iterator<Item = &'static str> + Clone {
    let treatable = ev.policy().treatable_conditions();
    let recorded = ev.conditions().unwrap_or_default();
    (recorded & treatable).iter().map(|c| c.label())
}
