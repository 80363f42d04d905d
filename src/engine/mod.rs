//! Evaluation: the rule table over a presentation, in three-valued logic,
//! once.
//!
//! # How unknowns are settled
//!
//! Every rule is a monotone formula over adverse facts, so its Kleene value
//! says whether it holds in every completion (present), in none (absent),
//! or in some (unknown). A group of the ladder holds when one of its rules
//! does. The *best* completion makes every unknown group false, the
//! *worst* makes it true; the verdict follows `docs/decision-model.md` §5.
//!
//! # One evaluator
//!
//! A presentation is read once into two fact sets (present, unknown) under
//! the policy ([`Facts`]); every truth after that is read from those sets
//! through the policy's [`RuleIndex`](crate::rules::RuleIndex): a group's by
//! one intersection, a rule's by its fact (or its formula, for the one
//! compound rule). [`decide`] stops at the groups; [`evaluate`] goes on to
//! the rules, the injectate rules and the open questions
//! (`questions.rs`), and everything after it (explanation, injectates,
//! plan, reconsider, evidence) reads the [`Evaluation`] and never a
//! formula.

pub(crate) mod candidates;

pub(crate) use candidates::bands_moved_by;
mod questions;
mod trace;

use enumset::EnumSet;

use crate::input::Presentation;
use crate::policy::Policy;
use crate::rules::{
    Fact, Group, PerGroup, Recorded, Rule, RuleId, RuleSet, RuleTruths, Subject, TruthSets,
    INJECTATE_RULES, INJECTATE_RULE_COUNT,
};
use crate::truth::Truth;
use crate::units::{AgeYears, PainScore, Weeks};
use crate::vocabulary::{Condition, Family, Finding, MedicationClass, Sex, Symptom, Verdict};

pub(crate) use questions::Open;

/// A presentation read under a policy: the value of every fact.
#[derive(Clone, Copy)]
pub(crate) struct Facts<'a> {
    pub(crate) presentation: &'a Presentation,
    pub(crate) policy: &'a Policy,
    /// Every fact's truth, computed once.
    sets: TruthSets,
}

impl<'a> Facts<'a> {
    /// Reads the presentation under the policy.
    pub(crate) fn new(presentation: &'a Presentation, policy: &'a Policy) -> Facts<'a> {
        let p = presentation;
        let mut unknown = !(p.present_findings() | p.absent_findings());
        // The contract: `male` settles pregnancy as absent.
        if p.sex() == Some(Sex::Male) {
            unknown.remove(Finding::Pregnancy);
        }
        let recorded = Recorded {
            present: p.present_findings(),
            unknown,
            medications: p
                .medications()
                .map_or((EnumSet::empty(), EnumSet::all()), |list| {
                    (list.present(), list.unknown())
                }),
            allergies: p
                .allergies()
                .map_or((EnumSet::empty(), EnumSet::all()), |list| {
                    (list.present(), list.unknown())
                }),
            conditions: p.conditions(),
        };
        Facts {
            presentation,
            policy,
            sets: TruthSets::new(&recorded, |fact| threshold(p, policy, fact)),
        }
    }

    /// The three-valued truth of an adverse fact.
    pub(crate) fn truth(&self, fact: Fact) -> Truth {
        self.sets.truth(fact)
    }

    /// The subject a clinician answers to settle `fact`: a class of a list
    /// is asked on its own when the list is recorded (open), and as the
    /// whole list when the list is not recorded at all.
    pub(crate) fn subject(&self, fact: Fact) -> Subject {
        let p = self.presentation;
        match fact.subject() {
            Subject::Medication(_) if p.medications().is_none() => Subject::Medications,
            Subject::Allergy(_) if p.allergies().is_none() => Subject::Allergies,
            subject => subject,
        }
    }

    /// True when the subject's value is not recorded (and not implied).
    fn is_unknown(&self, subject: Subject) -> bool {
        let p = self.presentation;
        match subject {
            Subject::Finding(f) => self.truth(Fact::Finding(f)) == Truth::Unknown,
            Subject::AgeYears => p.age_years().is_none(),
            Subject::Conditions => p.conditions().is_none(),
            Subject::SymptomWeeks => p.symptom_weeks().is_none(),
            Subject::ConservativeCareWeeks => p.conservative_care_weeks().is_none(),
            Subject::Medications => p.medications().is_none(),
            Subject::Allergies => p.allergies().is_none(),
            Subject::Medication(m) => p.medication(m) == Truth::Unknown,
            Subject::Allergy(a) => p.allergy(a) == Truth::Unknown,
            Subject::Symptom(s) => p.symptom(s) == Truth::Unknown,
            Subject::WhereItHurts => Symptom::places()
                .iter()
                .any(|s| p.symptom(s) == Truth::Unknown),
        }
    }
}

/// The truth of a threshold fact: a number read against the policy.
fn threshold(p: &Presentation, policy: &Policy, fact: Fact) -> Truth {
    match fact {
        Fact::AgeBelowMinimum => {
            Truth::below(p.age_years().map(|a| a.get()), policy.min_age_years())
        }
        Fact::NoTreatableCondition => p.conditions().map_or(Truth::Unknown, |set| {
            Truth::from_bool((set & policy.treatable_conditions()).is_empty())
        }),
        Fact::SymptomsBelowMinimum => {
            let min = policy.min_symptom_weeks();
            match p.symptom_weeks().map(Weeks::get) {
                // Symptoms last at least as long as the care given for them.
                None if p
                    .conservative_care_weeks()
                    .map(Weeks::get)
                    .is_some_and(|c| c >= min) =>
                {
                    Truth::Absent
                }
                symptoms => Truth::below(symptoms, min),
            }
        }
        Fact::CareBelowMinimum => {
            let min = policy.min_conservative_care_weeks();
            match p.conservative_care_weeks().map(Weeks::get) {
                None if p.symptom_weeks().map(Weeks::get).is_some_and(|s| s < min) => {
                    Truth::Present
                }
                care => Truth::below(care, min),
            }
        }
        // Not a threshold: read from the recorded sets instead.
        Fact::Finding(_) | Fact::Medication(_) | Fact::Allergy(_) | Fact::Condition(_) => {
            Truth::Absent
        }
    }
}

/// Every rule's truth, each group's (derived from its rules') and the
/// verdicts they give: all [`decide`] needs.
#[derive(Debug, Clone, Copy)]
struct Outcome {
    rules: RuleTruths,
    groups: PerGroup<Truth>,
    best: Verdict,
    worst: Verdict,
    verdict: Verdict,
}

impl Outcome {
    fn of(facts: &Facts<'_>) -> Outcome {
        let index = facts.policy.rules();
        let rules = index.rule_truths(&facts.sets);
        let groups = rules.groups(index);
        let best = ladder(&groups, |t| t == Truth::Present);
        let worst = ladder(&groups, |t| t != Truth::Absent);
        Outcome {
            rules,
            groups,
            best,
            worst,
            verdict: combine(best, worst),
        }
    }
}

/// The verdict of the ladder when `holds` says which groups hold.
fn ladder(groups: &PerGroup<Truth>, holds: fn(Truth) -> bool) -> Verdict {
    Group::all()
        .iter()
        .find(|g| holds(groups.get(**g)))
        .map_or(Verdict::Discuss, |g| g.verdict())
}

/// `docs/decision-model.md` §5: combine the best and worst completions.
pub(crate) fn combine(best: Verdict, worst: Verdict) -> Verdict {
    match (best.family(), worst.family()) {
        _ if best == worst => best,
        (b, w) if b != w => Verdict::NeedsInformation,
        (Some(Family::Yes), _) => Verdict::DiscussWithPrecautions,
        // Both in the `no` family: what the known facts alone support.
        _ => best,
    }
}

/// The verdict alone: every rule's truth, each group's from its rules',
/// then the ladder.
pub(crate) fn decide(presentation: &Presentation, policy: &Policy) -> Verdict {
    Outcome::of(&Facts::new(presentation, policy)).verdict
}

/// The one evaluation of a presentation: what every later step reads.
#[derive(Clone)]
pub(crate) struct Evaluation<'a> {
    facts: Facts<'a>,
    /// Each ladder group's truth.
    pub(crate) groups: PerGroup<Truth>,
    /// The verdict of the best completion.
    pub(crate) best: Verdict,
    /// The verdict of the worst completion.
    pub(crate) worst: Verdict,
    /// The verdict.
    pub(crate) verdict: Verdict,
    /// Each rule's truth.
    rules: RuleTruths,
    /// The unknowns that could change the verdict, most important first.
    pub(crate) open: Vec<Open>,
    /// Each injectate rule's truth, for the yes family and
    /// `needs_information` (the only verdicts that advise on injectates).
    injectates: Option<[Truth; INJECTATE_RULE_COUNT]>,
    /// The symptom patterns and mimics, read once (never by the verdict).
    pub(crate) candidates: candidates::Candidates,
}

impl<'a> Evaluation<'a> {
    /// The presentation evaluated (its `answered_by`, shown beside the
    /// candidates' features).
    pub(crate) fn presentation(&self) -> &'a Presentation {
        self.facts.presentation
    }
}

/// Evaluates the rule table once.
pub(crate) fn evaluate<'a>(presentation: &'a Presentation, policy: &'a Policy) -> Evaluation<'a> {
    let facts = Facts::new(presentation, policy);
    let Outcome {
        rules,
        groups,
        best,
        worst,
        verdict,
    } = Outcome::of(&facts);
    let injectates = matches!(verdict.family(), Some(Family::Yes) | None).then(|| {
        let mut truths = [Truth::Absent; INJECTATE_RULE_COUNT];
        for (truth, rule) in truths.iter_mut().zip(INJECTATE_RULES.iter()) {
            *truth = facts.truth(rule.fact);
        }
        truths
    });
    let mut evaluation = Evaluation {
        facts,
        groups,
        best,
        worst,
        verdict,
        rules,
        open: Vec::new(),
        injectates,
        candidates: candidates::read(presentation),
    };
    // When best and worst agree, every completion agrees: nothing changes
    // the verdict. In the yes family every unknown precaution is still a
    // question to settle before any injection (docs/decision-model.md §5).
    let settle_precautions = verdict.family() == Some(Family::Yes);
    if best != worst || settle_precautions {
        evaluation.open = questions::open_questions(&evaluation, settle_precautions);
    }
    evaluation
}

impl<'a> Evaluation<'a> {
    /// The recorded age in years. The explanations read the patient's
    /// values through the evaluation only, and every fact through
    /// [`Evaluation::truth`], so an implication the engine applies (male
    /// settles pregnancy) cannot be missed by a reader.
    pub(crate) fn age_years(&self) -> Option<u16> {
        self.facts.presentation.age_years().map(AgeYears::get)
    }

    /// The recorded symptom duration in weeks.
    pub(crate) fn symptom_weeks(&self) -> Option<u16> {
        self.facts.presentation.symptom_weeks().map(Weeks::get)
    }

    /// The recorded weeks of conservative care.
    pub(crate) fn conservative_care_weeks(&self) -> Option<u16> {
        self.facts
            .presentation
            .conservative_care_weeks()
            .map(Weeks::get)
    }

    /// The recorded conditions (`None` when not recorded).
    pub(crate) fn conditions(&self) -> Option<EnumSet<Condition>> {
        self.facts.presentation.conditions()
    }

    /// The recorded pain score.
    pub(crate) fn pain_score(&self) -> Option<PainScore> {
        self.facts.presentation.pain_score()
    }

    /// The medication classes the patient takes (present, not unknown).
    pub(crate) fn medications_taken(&self) -> EnumSet<MedicationClass> {
        self.facts
            .presentation
            .medications()
            .map_or(EnumSet::empty(), |list| list.present())
    }

    /// The policy evaluated under.
    pub(crate) fn policy(&self) -> &'a Policy {
        self.facts.policy
    }

    /// The three-valued truth of a fact.
    pub(crate) fn truth(&self, fact: Fact) -> Truth {
        self.facts.truth(fact)
    }

    /// The rules of a group under the policy with the given truth, in
    /// table order, with their index.
    pub(crate) fn rules_in(
        &self,
        group: Group,
        truth: Truth,
    ) -> impl Iterator<Item = (usize, &'static Rule)> + '_ {
        let of_group = self.policy().rules().group_rules(group);
        self.with_truth(truth).and(of_group).rules()
    }

    /// The rules with the given truth.
    fn with_truth(&self, truth: Truth) -> RuleSet {
        match truth {
            Truth::Present => self.rules.present,
            Truth::Unknown => self.rules.unknown,
            // Never asked for: explanations list present and unknown rules.
            Truth::Absent => RuleSet::default(),
        }
    }

    /// The unknown rules that read a subject, in table order, with their
    /// index and group.
    pub(crate) fn unknown_rules_reading(
        &self,
        subject: Subject,
    ) -> impl Iterator<Item = (usize, &'static Rule, Group)> + '_ {
        let index = self.policy().rules();
        self.rules
            .unknown
            .and(index.subject_rules(subject))
            .rules()
            .map(move |(i, rule)| (i, rule, index.group(i)))
    }

    /// How many rules are present or unknown (what an explanation may
    /// list).
    pub(crate) fn listed_at_most(&self) -> usize {
        self.rules
            .present
            .len()
            .saturating_add(self.rules.unknown.len())
    }

    /// The truth of a rule.
    pub(crate) fn rule_truth(&self, id: RuleId) -> Truth {
        self.rules.get(id.index())
    }

    /// The facts of the rule at `index` with the given truth, in the order
    /// the table writes them.
    pub(crate) fn facts_of(&self, index: usize, truth: Truth) -> impl Iterator<Item = Fact> + '_ {
        self.policy()
            .rules()
            .facts(index)
            .iter()
            .filter(move |f| self.truth(*f) == truth)
    }

    /// The truth of the injectate rule at `index` (absent when the verdict
    /// gives no injectate advice).
    pub(crate) fn injectate_truth(&self, index: usize) -> Truth {
        self.injectates
            .and_then(|truths| truths.get(index).copied())
            .unwrap_or(Truth::Absent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RULES;
    use std::collections::HashSet;

    #[test]
    fn every_fact_appears_once_in_the_table() {
        let mut seen = HashSet::new();
        for rule in &RULES {
            for fact in rule.formula.facts() {
                assert!(seen.insert(fact), "{fact} appears twice");
            }
        }
    }

    #[test]
    fn table_is_in_ladder_order() {
        let groups: Vec<Group> = RULES.iter().map(|r| r.group).collect();
        let mut sorted = groups.clone();
        sorted.sort();
        assert_eq!(groups, sorted);
    }

    #[test]
    fn combine_follows_the_contract() {
        use Verdict::*;
        assert_eq!(combine(Discuss, Discuss), Discuss);
        assert_eq!(combine(Discuss, ReferUrgently), NeedsInformation);
        assert_eq!(combine(Discuss, Contraindicated), NeedsInformation);
        assert_eq!(combine(NotYet, Contraindicated), NotYet);
        assert_eq!(
            combine(Discuss, DiscussWithPrecautions),
            DiscussWithPrecautions
        );
        assert_eq!(combine(NotSuitable, ReferUrgently), NeedsInformation);
    }

    /// The timing facts a missing number can still settle, at their
    /// boundaries: symptoms last at least as long as the care given for
    /// them, so care of exactly the minimum settles "symptoms too short" as
    /// absent, and symptoms of exactly the minimum leave "care too short"
    /// open (the care may have lasted all of it).
    #[test]
    fn a_missing_duration_is_implied_only_past_the_boundary() {
        let policy = Policy::default();
        let care_min = i64::from(policy.min_conservative_care_weeks());
        let symptom_min = i64::from(policy.min_symptom_weeks());
        // The truth of `fact` when only `field` is recorded, as `weeks`.
        let implied = |field: &str, weeks: i64, fact: Fact| {
            let p = Presentation::from_json(&format!(r#"{{"{field}": {weeks}}}"#)).unwrap();
            Facts::new(&p, &policy).truth(fact)
        };
        let care_short = Fact::CareBelowMinimum;
        assert_eq!(
            implied("symptom_weeks", care_min, care_short),
            Truth::Unknown
        );
        assert_eq!(
            implied("symptom_weeks", care_min - 1, care_short),
            Truth::Present
        );
        let symptoms_short = Fact::SymptomsBelowMinimum;
        let care = "conservative_care_weeks";
        assert_eq!(implied(care, symptom_min, symptoms_short), Truth::Absent);
        assert_eq!(
            implied(care, symptom_min - 1, symptoms_short),
            Truth::Unknown
        );
    }
}
