//! Evaluation: the rule table over a presentation, in three-valued logic.
//!
//! # How unknowns are settled
//!
//! Every rule is a monotone formula over adverse facts, so its Kleene value
//! says whether it holds in every completion (present), in none (absent),
//! or in some (unknown). A group of the ladder holds when one of its rules
//! does. The *best* completion makes every unknown group false, the
//! *worst* makes it true; the verdict follows `decision-model.md` §5.
//!
//! # Which unknowns matter, exactly
//!
//! A subject (a finding, or a field such as `age_years`) is asked about when
//! some completion of the other unknowns exists in which its value alone
//! changes the verdict, and it is *blocking* when its value alone changes
//! the family. The engine decides this without enumerating completions:
//! for each group it computes which (best value, worst value) pairs the
//! group can take while the subject goes from its best to its worst value
//! and the other unknowns range freely. That is exact because every fact
//! appears in exactly one rule and once in it (the formulas are read-once,
//! checked by a test), so sub-formulas over different facts vary
//! independently. The one coupling between facts, `conservative_care_weeks
//! <= symptom_weeks`, lives inside the timing group and is handled there by
//! trying the values at and around the thresholds.

use crate::compiled::{PerGroup, Recorded, RuleSet, TruthSets};
use crate::patient::Sex;
use crate::policy::Policy;
use crate::presentation::Presentation;
use crate::rules::{Fact, Formula, Group, Rule, Subject, SubjectSet, RULES, RULE_COUNT};
use crate::truth::Truth;
use crate::units::Weeks;
use crate::verdict::{Family, Verdict};
use crate::Finding;

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
            medications: p.medications(),
            allergies: p.allergies(),
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

    /// Kleene evaluation of a formula.
    pub(crate) fn eval(&self, formula: &Formula) -> Truth {
        match formula {
            Formula::Fact(fact) => self.truth(*fact),
            Formula::All(children) => children
                .iter()
                .fold(Truth::Present, |acc, c| acc.and(self.eval(c))),
            Formula::Any(children) => children
                .iter()
                .fold(Truth::Absent, |acc, c| acc.or(self.eval(c))),
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

/// The achievable (value at the subject's best, value at its worst) pairs
/// of a formula: a set of `FF`, `FT` and `TT` (monotone formulas never go
/// from true to false as a fact grows more adverse).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pairs(u8);

impl Pairs {
    const FF: u8 = 1;
    const FT: u8 = 2;
    const TT: u8 = 4;

    /// A formula that does not depend on the subject: constant, either way
    /// when unknown.
    fn constant(truth: Truth) -> Pairs {
        Pairs(match truth {
            Truth::Absent => Self::FF,
            Truth::Present => Self::TT,
            Truth::Unknown => Self::FF | Self::TT,
        })
    }

    fn of(best: bool, worst: bool) -> u8 {
        match (best, worst) {
            (false, false) => Self::FF,
            (false, true) => Self::FT,
            (true, true) => Self::TT,
            // Impossible for monotone formulas; contributes nothing.
            (true, false) => 0,
        }
    }

    fn has(self, pair: u8) -> bool {
        self.0 & pair != 0
    }

    fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The pairs of `x || y` for independent `x` in `self`, `y` in
    /// `other`: both best values false for a false best, and a true best
    /// only from a `TT` (the test checks this against the definition).
    fn or(self, other: Pairs) -> Pairs {
        let low = Self::FF | Self::FT;
        let mut out = self.0 & other.0 & Self::FF;
        if (self.has(Self::FT) && other.0 & low != 0) || (other.has(Self::FT) && self.0 & low != 0)
        {
            out |= Self::FT;
        }
        if (self.has(Self::TT) && !other.is_empty()) || (other.has(Self::TT) && !self.is_empty()) {
            out |= Self::TT;
        }
        Pairs(out)
    }

    /// The pairs of `x && y` for independent `x` in `self`, `y` in `other`.
    fn and(self, other: Pairs) -> Pairs {
        let high = Self::FT | Self::TT;
        let mut out = self.0 & other.0 & Self::TT;
        if (self.has(Self::FT) && other.0 & high != 0)
            || (other.has(Self::FT) && self.0 & high != 0)
        {
            out |= Self::FT;
        }
        if (self.has(Self::FF) && !other.is_empty()) || (other.has(Self::FF) && !self.is_empty()) {
            out |= Self::FF;
        }
        Pairs(out)
    }
}

/// One unknown that matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Open {
    pub(crate) subject: Subject,
    /// The first group (in ladder order) whose rules read the subject.
    pub(crate) group: Group,
    pub(crate) blocking: bool,
}

/// The outcome of evaluating the table.
#[derive(Debug, Clone)]
pub(crate) struct Evaluation {
    /// Each rule's group under the policy, its truth and the subjects it
    /// reads, in table order.
    pub(crate) rules: [(Group, Truth, SubjectSet); RULE_COUNT],
    /// The rules present, and those unknown.
    present: RuleSet,
    unknown: RuleSet,
    pub(crate) groups: PerGroup<Truth>,
    pub(crate) best: Verdict,
    pub(crate) worst: Verdict,
    pub(crate) verdict: Verdict,
    /// The unknowns that could change the verdict, most important first.
    pub(crate) open: Vec<Open>,
}

impl Evaluation {
    /// The rules with their group and truth, in table order.
    pub(crate) fn rules(&self) -> impl Iterator<Item = (&'static Rule, Group, Truth)> + '_ {
        RULES
            .iter()
            .zip(self.rules.iter())
            .map(|(rule, (group, truth, _))| (rule, *group, *truth))
    }

    /// The rules of `rules`, with their index in the table, group and
    /// truth.
    pub(crate) fn rules_in(
        &self,
        rules: RuleSet,
    ) -> impl Iterator<Item = (usize, &'static Rule, Group, Truth)> + '_ {
        rules.rules().filter_map(|(index, rule)| {
            self.rules
                .get(index)
                .map(|(group, truth, _)| (index, rule, *group, *truth))
        })
    }
}

/// The verdict of the ladder when `holds` says which groups hold.
fn ladder(groups: &PerGroup<Truth>, holds: fn(Truth) -> bool) -> Verdict {
    Group::all()
        .iter()
        .find(|g| holds(groups.get(**g)))
        .map_or(Verdict::Discuss, |g| g.verdict())
}

/// `decision-model.md` §5: combine the best and worst completions.
pub(crate) fn combine(best: Verdict, worst: Verdict) -> Verdict {
    match (best.family(), worst.family()) {
        _ if best == worst => best,
        (b, w) if b != w => Verdict::NeedsInformation,
        (Some(Family::Yes), _) => Verdict::DiscussWithPrecautions,
        // Both in the `no` family: what the known facts alone support.
        _ => best,
    }
}

/// Each rule's group, truth and subjects, which rules are present and
/// unknown, and each group's truth.
struct Table {
    rules: [(Group, Truth, SubjectSet); RULE_COUNT],
    present: RuleSet,
    unknown: RuleSet,
    groups: PerGroup<Truth>,
}

fn table(facts: &Facts<'_>) -> Table {
    let mut table = Table {
        rules: [(Group::RedFlag, Truth::Absent, SubjectSet::default()); RULE_COUNT],
        present: RuleSet::default(),
        unknown: RuleSet::default(),
        groups: PerGroup::splat(Truth::Absent),
    };
    for (index, (slot, (rule, group, subjects))) in table
        .rules
        .iter_mut()
        .zip(facts.policy.compiled().rules())
        .enumerate()
    {
        let truth = facts.eval(&rule.formula);
        *slot = (group, truth, subjects);
        match truth {
            Truth::Present => table.present.insert(index),
            Truth::Unknown => table.unknown.insert(index),
            Truth::Absent => {}
        }
        let g = table.groups.get_mut(group);
        *g = g.or(truth);
    }
    table
}

/// The verdict alone: each group's truth by set intersections over the
/// compiled table, then the ladder.
pub(crate) fn decide(presentation: &Presentation, policy: &Policy) -> Verdict {
    let facts = Facts::new(presentation, policy);
    let groups = policy.compiled().group_truths(&facts.sets);
    combine(
        ladder(&groups, |t| t == Truth::Present),
        ladder(&groups, |t| t != Truth::Absent),
    )
}

/// Evaluates the rule table.
pub(crate) fn evaluate(facts: &Facts<'_>) -> Evaluation {
    let Table {
        rules,
        present,
        unknown,
        groups,
    } = table(facts);
    let best = ladder(&groups, |t| t == Truth::Present);
    let worst = ladder(&groups, |t| t != Truth::Absent);
    let mut evaluation = Evaluation {
        rules,
        present,
        unknown,
        groups,
        best,
        worst,
        verdict: combine(best, worst),
        open: Vec::new(),
    };
    // When best and worst agree, every completion agrees: nothing changes
    // the verdict. In the yes family every unknown precaution is still a
    // question to settle before any injection (decision-model §5).
    let settle_precautions = evaluation.verdict.family() == Some(Family::Yes);
    if best != worst || settle_precautions {
        evaluation.open = open_questions(facts, &evaluation, settle_precautions);
    }
    evaluation
}

/// The unknown subjects whose value alone can change the verdict (and,
/// with `settle_precautions`, every unknown precaution), in ladder order
/// then table order.
fn open_questions(
    facts: &Facts<'_>,
    evaluation: &Evaluation,
    settle_precautions: bool,
) -> Vec<Open> {
    let mut open = Vec::new();
    let mut seen = SubjectSet::default();
    let compiled = facts.policy.compiled();
    for &group in Group::all() {
        for (_, rule) in compiled.group_rules(group).rules() {
            rule.formula.any_fact(&mut |fact| {
                let subject = fact.subject();
                if seen.insert(subject) && facts.is_unknown(subject) {
                    let pairs = subject_pairs(facts, evaluation, subject);
                    let precaution = settle_precautions && group == Group::Relative;
                    if changes_verdict(&pairs) || precaution {
                        open.push(Open {
                            subject,
                            group,
                            blocking: changes_family(&pairs),
                        });
                    }
                }
                false
            });
        }
    }
    open
}

/// Per group, the pairs achievable as `subject` goes from best to worst.
fn subject_pairs(facts: &Facts<'_>, evaluation: &Evaluation, subject: Subject) -> PerGroup<Pairs> {
    let compiled = facts.policy.compiled();
    let reading = compiled.subject_rules(subject);
    let durations = matches!(
        subject,
        Subject::SymptomWeeks | Subject::ConservativeCareWeeks
    );
    evaluation.groups.map(|group, truth| {
        let in_group = compiled.group_rules(group);
        let own = in_group.and(reading);
        if own.is_empty() {
            // The group does not read the subject: its own value either way.
            Pairs::constant(truth)
        } else if durations {
            // Only the timing group reads the durations.
            timing_pairs(facts, subject)
        } else {
            // Every rule of the group, not only those reading the subject:
            // a present sibling rule holds the group true either way. The
            // siblings are constants, so their disjunction is one constant.
            let siblings = in_group.minus(reading);
            let siblings = if !evaluation.present.and(siblings).is_empty() {
                Truth::Present
            } else if !evaluation.unknown.and(siblings).is_empty() {
                Truth::Unknown
            } else {
                Truth::Absent
            };
            // A rule whose Kleene value is known takes it in every
            // completion (exact for read-once formulas): only the unknown
            // ones need their pairs worked out.
            evaluation.rules_in(own).fold(
                Pairs::constant(siblings),
                |pairs, (_, rule, _, truth)| {
                    pairs.or(if truth == Truth::Unknown {
                        formula_pairs(facts, &rule.formula, subject)
                    } else {
                        Pairs::constant(truth)
                    })
                },
            )
        }
    })
}

fn formula_pairs(facts: &Facts<'_>, formula: &Formula, subject: Subject) -> Pairs {
    match formula {
        Formula::Fact(fact) => {
            let truth = facts.truth(*fact);
            if fact.subject() == subject && truth == Truth::Unknown {
                Pairs(Pairs::FT)
            } else {
                Pairs::constant(truth)
            }
        }
        Formula::All(children) => children.iter().fold(Pairs(Pairs::TT), |acc, c| {
            acc.and(formula_pairs(facts, c, subject))
        }),
        Formula::Any(children) => children.iter().fold(Pairs(Pairs::FF), |acc, c| {
            acc.or(formula_pairs(facts, c, subject))
        }),
    }
}

/// The timing group's pairs as one duration goes from best to worst, with
/// `conservative_care_weeks <= symptom_weeks` respected. Only the values at
/// and just below the thresholds and the extremes matter.
fn timing_pairs(facts: &Facts<'_>, subject: Subject) -> Pairs {
    let policy = facts.policy;
    let (min_symptoms, min_care) = (
        policy.min_symptom_weeks(),
        policy.min_conservative_care_weeks(),
    );
    let candidates = [
        0,
        min_care.saturating_sub(1),
        min_care,
        min_symptoms.saturating_sub(1),
        min_symptoms,
        Weeks::MAX,
    ];
    let known_symptoms = facts.presentation.symptom_weeks().map(Weeks::get);
    let known_care = facts.presentation.conservative_care_weeks().map(Weeks::get);
    let symptoms = known_symptoms.as_slice();
    let symptoms = if symptoms.is_empty() {
        candidates.as_slice()
    } else {
        symptoms
    };
    let care = known_care.as_slice();
    let care = if care.is_empty() {
        candidates.as_slice()
    } else {
        care
    };
    let short = |s: u16, c: u16| s < min_symptoms || c < min_care;
    let mut out = 0;
    if subject == Subject::SymptomWeeks {
        for &c in care {
            let feasible = symptoms.iter().copied().filter(|&s| s >= c);
            if let (Some(longest), Some(shortest)) = (feasible.clone().max(), feasible.min()) {
                out |= Pairs::of(short(longest, c), short(shortest, c));
            }
        }
    } else {
        for &s in symptoms {
            let feasible = care.iter().copied().filter(|&c| c <= s);
            if let (Some(longest), Some(shortest)) = (feasible.clone().max(), feasible.min()) {
                out |= Pairs::of(short(s, longest), short(s, shortest));
            }
        }
    }
    Pairs(out)
}

/// Some completion exists where the subject alone changes the verdict: a
/// group flips while every earlier group can stay false.
fn changes_verdict(pairs: &PerGroup<Pairs>) -> bool {
    for &group in Group::all() {
        let p = pairs.get(group);
        if p.has(Pairs::FT) {
            return true;
        }
        if !p.has(Pairs::FF) {
            return false;
        }
    }
    false
}

/// Some completion exists where the subject alone changes the family.
fn changes_family(pairs: &PerGroup<Pairs>) -> bool {
    let red_flag = pairs.red_flag;
    if red_flag.has(Pairs::FT) {
        return true;
    }
    let no_family = pairs.absolute.or(pairs.suitability).or(pairs.timing);
    red_flag.has(Pairs::FF) && no_family.has(Pairs::FT)
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn rule_ids_are_unique_and_sourced() {
        let mut ids = HashSet::new();
        for rule in &RULES {
            assert!(ids.insert(rule.id), "{} twice", rule.id);
            assert!(!rule.source.citation.is_empty(), "{}", rule.id);
            assert!(
                !rule.text.is_empty() && !rule.label.is_empty(),
                "{}",
                rule.id
            );
        }
    }

    #[test]
    fn unknown_texts_are_the_text_not_yet_known() {
        for rule in &RULES {
            assert_eq!(rule.unknown_text, format!("Not yet known: {}", rule.text));
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

    /// The definition: the pairs of `op(x, y)` over every `x` in `a`, `y`
    /// in `b`.
    fn by_definition(a: Pairs, b: Pairs, op: fn(bool, bool) -> bool) -> Pairs {
        let members = |p: Pairs| {
            [
                (Pairs::FF, false, false),
                (Pairs::FT, false, true),
                (Pairs::TT, true, true),
            ]
            .into_iter()
            .filter(move |(bit, _, _)| p.has(*bit))
            .map(|(_, b, w)| (b, w))
        };
        let mut out = 0;
        for (xb, xw) in members(a) {
            for (yb, yw) in members(b) {
                out |= Pairs::of(op(xb, yb), op(xw, yw));
            }
        }
        Pairs(out)
    }

    #[test]
    fn pairs_or_and_and_follow_the_definition() {
        for a in 0..8 {
            for b in 0..8 {
                let (a, b) = (Pairs(a), Pairs(b));
                assert_eq!(
                    a.or(b),
                    by_definition(a, b, |x, y| x || y),
                    "{a:?} or {b:?}"
                );
                assert_eq!(
                    a.and(b),
                    by_definition(a, b, |x, y| x && y),
                    "{a:?} and {b:?}"
                );
            }
        }
    }

    #[test]
    fn pairs_combine_like_boolean_operators() {
        let unknown = Pairs::constant(Truth::Unknown);
        let flip = Pairs(Pairs::FT);
        assert_eq!(flip.or(Pairs::constant(Truth::Absent)), flip);
        assert_eq!(flip.or(Pairs::constant(Truth::Present)), Pairs(Pairs::TT));
        assert_eq!(flip.or(unknown), Pairs(Pairs::FT | Pairs::TT));
        assert_eq!(flip.and(unknown), Pairs(Pairs::FF | Pairs::FT));
        assert_eq!(unknown.or(unknown), unknown);
    }
}
