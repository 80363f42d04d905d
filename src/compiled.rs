//! The rule table compiled under a policy's classification: per group, the
//! set of facts of its single-fact rules, so that a group's truth is two
//! set intersections instead of a walk over formulas.
//!
//! `rules.rs` stays the one table a reader reads; this is derived from it
//! when a policy is built (`Policy` keeps one), and the tests check that
//! the two agree rule by rule.

use std::fmt;

use enumset::EnumSet;

use crate::condition::Condition;
use crate::finding::Finding;
use crate::medication::{Allergy, MedicationClass};
use crate::rules::{Fact, Formula, Group, Rule, Subject, SubjectSet, RULES, RULE_COUNT};
use crate::truth::Truth;

/// A set of facts, without allocation: one bit per fact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct FactSet {
    findings: EnumSet<Finding>,
    medications: EnumSet<MedicationClass>,
    allergies: EnumSet<Allergy>,
    conditions: EnumSet<Condition>,
    /// The four threshold facts, one bit each ([`FactSet::threshold_bit`]).
    thresholds: u8,
}

impl FactSet {
    /// The bit of a threshold fact; 0 for the others.
    fn threshold_bit(fact: Fact) -> u8 {
        match fact {
            Fact::AgeBelowMinimum => 1,
            Fact::NoTreatableCondition => 2,
            Fact::SymptomsBelowMinimum => 4,
            Fact::CareBelowMinimum => 8,
            Fact::Finding(_) | Fact::Medication(_) | Fact::Allergy(_) | Fact::Condition(_) => 0,
        }
    }

    /// Adds a fact.
    pub(crate) fn insert(&mut self, fact: Fact) {
        match fact {
            Fact::Finding(f) => {
                self.findings.insert(f);
            }
            Fact::Medication(m) => {
                self.medications.insert(m);
            }
            Fact::Allergy(a) => {
                self.allergies.insert(a);
            }
            Fact::Condition(c) => {
                self.conditions.insert(c);
            }
            threshold => self.thresholds |= Self::threshold_bit(threshold),
        }
    }

    /// True when the fact is in.
    pub(crate) fn contains(&self, fact: Fact) -> bool {
        match fact {
            Fact::Finding(f) => self.findings.contains(f),
            Fact::Medication(m) => self.medications.contains(m),
            Fact::Allergy(a) => self.allergies.contains(a),
            Fact::Condition(c) => self.conditions.contains(c),
            threshold => self.thresholds & Self::threshold_bit(threshold) != 0,
        }
    }

    /// True when every fact of `self` is in `other`.
    fn is_subset(&self, other: &FactSet) -> bool {
        self.findings.is_subset(other.findings)
            && self.medications.is_subset(other.medications)
            && self.allergies.is_subset(other.allergies)
            && self.conditions.is_subset(other.conditions)
            && self.thresholds & !other.thresholds == 0
    }

    /// The facts in either set.
    fn union(&self, other: &FactSet) -> FactSet {
        FactSet {
            findings: self.findings | other.findings,
            medications: self.medications | other.medications,
            allergies: self.allergies | other.allergies,
            conditions: self.conditions | other.conditions,
            thresholds: self.thresholds | other.thresholds,
        }
    }

    /// True when the two sets share a fact.
    fn intersects(&self, other: &FactSet) -> bool {
        !(self.findings & other.findings).is_empty()
            || !(self.medications & other.medications).is_empty()
            || !(self.allergies & other.allergies).is_empty()
            || !(self.conditions & other.conditions).is_empty()
            || self.thresholds & other.thresholds != 0
    }
}

/// The facts of one presentation under one policy, as two sets: those
/// present and those unknown. Every other fact is absent.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TruthSets {
    present: FactSet,
    unknown: FactSet,
}

/// Where a presentation's facts come from, for [`TruthSets::new`].
pub(crate) struct Recorded {
    /// Findings recorded present.
    pub(crate) present: EnumSet<Finding>,
    /// Findings not recorded, and not implied absent.
    pub(crate) unknown: EnumSet<Finding>,
    /// Medication classes taken; `None` when unknown.
    pub(crate) medications: Option<EnumSet<MedicationClass>>,
    /// Allergies; `None` when unknown.
    pub(crate) allergies: Option<EnumSet<Allergy>>,
    /// Diagnosed conditions; `None` when unknown.
    pub(crate) conditions: Option<EnumSet<Condition>>,
}

impl TruthSets {
    /// The sets for recorded values and the truths of the four threshold
    /// facts (which read numbers against the policy).
    pub(crate) fn new(recorded: &Recorded, threshold: impl Fn(Fact) -> Truth) -> TruthSets {
        fn list<T: enumset::EnumSetType>(known: Option<EnumSet<T>>) -> (EnumSet<T>, EnumSet<T>) {
            known.map_or((EnumSet::empty(), EnumSet::all()), |set| {
                (set, EnumSet::empty())
            })
        }
        let (medications, unknown_medications) = list(recorded.medications);
        let (allergies, unknown_allergies) = list(recorded.allergies);
        let (conditions, unknown_conditions) = list(recorded.conditions);
        let mut sets = TruthSets {
            present: FactSet {
                findings: recorded.present,
                medications,
                allergies,
                conditions,
                thresholds: 0,
            },
            unknown: FactSet {
                findings: recorded.unknown,
                medications: unknown_medications,
                allergies: unknown_allergies,
                conditions: unknown_conditions,
                thresholds: 0,
            },
        };
        for fact in [
            Fact::AgeBelowMinimum,
            Fact::NoTreatableCondition,
            Fact::SymptomsBelowMinimum,
            Fact::CareBelowMinimum,
        ] {
            match threshold(fact) {
                Truth::Present => sets.present.insert(fact),
                Truth::Unknown => sets.unknown.insert(fact),
                Truth::Absent => {}
            }
        }
        sets
    }

    /// The truth of one fact.
    pub(crate) fn truth(&self, fact: Fact) -> Truth {
        if self.present.contains(fact) {
            Truth::Present
        } else if self.unknown.contains(fact) {
            Truth::Unknown
        } else {
            Truth::Absent
        }
    }

    /// The Kleene conjunction of the facts of `facts` (present for none).
    fn all(&self, facts: &FactSet) -> Truth {
        if facts.is_subset(&self.present) {
            Truth::Present
        } else if facts.is_subset(&self.present.union(&self.unknown)) {
            Truth::Unknown
        } else {
            Truth::Absent
        }
    }

    /// The Kleene disjunction of the facts of `facts`.
    fn any(&self, facts: &FactSet) -> Truth {
        if self.present.intersects(facts) {
            Truth::Present
        } else if self.unknown.intersects(facts) {
            Truth::Unknown
        } else {
            Truth::Absent
        }
    }
}

/// A set of rules of [`RULES`], by index: one bit per rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RuleSet(u64);

const _: () = assert!(RULE_COUNT <= 64, "a RuleSet holds one bit per rule");

impl RuleSet {
    fn bit(index: usize) -> u64 {
        u32::try_from(index)
            .ok()
            .and_then(|i| 1_u64.checked_shl(i))
            .unwrap_or(0)
    }

    /// Adds the rule at `index`.
    pub(crate) fn insert(&mut self, index: usize) {
        self.0 |= Self::bit(index);
    }

    /// The rules in both sets.
    pub(crate) fn and(self, other: RuleSet) -> RuleSet {
        RuleSet(self.0 & other.0)
    }

    /// The rules of `self` not in `other`.
    pub(crate) fn minus(self, other: RuleSet) -> RuleSet {
        RuleSet(self.0 & !other.0)
    }

    /// True when the set has no rule.
    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The indices, in table order.
    pub(crate) fn indices(self) -> impl Iterator<Item = usize> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            if bits == 0 {
                return None;
            }
            let index = bits.trailing_zeros();
            bits &= bits.wrapping_sub(1);
            usize::try_from(index).ok()
        })
    }

    /// The rules, with their index, in table order.
    pub(crate) fn rules(self) -> impl Iterator<Item = (usize, &'static Rule)> {
        self.indices()
            .filter_map(|index| RULES.get(index).map(|rule| (index, rule)))
    }
}

/// Room for every finding in [`SUBJECT_SLOTS`]: the findings first, by
/// discriminant (a test checks they fit), then the six fields.
const FINDING_SLOTS: usize = 32;
const SUBJECT_SLOTS: usize = FINDING_SLOTS + 6;

/// The slot of a subject in a per-subject table.
fn subject_slot(subject: Subject) -> usize {
    let field = match subject {
        Subject::Finding(finding) => return finding as usize,
        Subject::AgeYears => 0,
        Subject::Conditions => 1,
        Subject::SymptomWeeks => 2,
        Subject::ConservativeCareWeeks => 3,
        Subject::Medications => 4,
        Subject::Allergies => 5,
    };
    FINDING_SLOTS.saturating_add(field)
}

/// A compound formula with the facts at each level gathered into a set,
/// so that a level is one or two set operations.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    /// One of the facts or of the children holds.
    Any(FactSet, Vec<Node>),
    /// Every fact and every child holds.
    All(FactSet, Vec<Node>),
}

impl Node {
    fn new(formula: &Formula) -> Node {
        let (children, any) = match formula {
            Formula::Fact(fact) => {
                let mut facts = FactSet::default();
                facts.insert(*fact);
                return Node::Any(facts, Vec::new());
            }
            Formula::Any(children) => (children, true),
            Formula::All(children) => (children, false),
        };
        let mut facts = FactSet::default();
        let mut nodes = Vec::new();
        for child in children.iter() {
            match child {
                Formula::Fact(fact) => facts.insert(*fact),
                compound => nodes.push(Node::new(compound)),
            }
        }
        if any {
            Node::Any(facts, nodes)
        } else {
            Node::All(facts, nodes)
        }
    }

    fn eval(&self, sets: &TruthSets) -> Truth {
        match self {
            Node::Any(facts, children) => children
                .iter()
                .fold(sets.any(facts), |acc, c| acc.or(c.eval(sets))),
            Node::All(facts, children) => children
                .iter()
                .fold(sets.all(facts), |acc, c| acc.and(c.eval(sets))),
        }
    }
}

/// A value per ladder group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct PerGroup<T> {
    pub(crate) red_flag: T,
    pub(crate) absolute: T,
    pub(crate) suitability: T,
    pub(crate) timing: T,
    pub(crate) relative: T,
}

impl<T: Copy> PerGroup<T> {
    /// The same value for every group.
    pub(crate) fn splat(value: T) -> PerGroup<T> {
        PerGroup {
            red_flag: value,
            absolute: value,
            suitability: value,
            timing: value,
            relative: value,
        }
    }

    pub(crate) fn get(&self, group: Group) -> T {
        match group {
            Group::RedFlag => self.red_flag,
            Group::Absolute => self.absolute,
            Group::Suitability => self.suitability,
            Group::Timing => self.timing,
            Group::Relative => self.relative,
        }
    }

    pub(crate) fn get_mut(&mut self, group: Group) -> &mut T {
        match group {
            Group::RedFlag => &mut self.red_flag,
            Group::Absolute => &mut self.absolute,
            Group::Suitability => &mut self.suitability,
            Group::Timing => &mut self.timing,
            Group::Relative => &mut self.relative,
        }
    }

    pub(crate) fn map<U>(&self, mut f: impl FnMut(Group, T) -> U) -> PerGroup<U> {
        PerGroup {
            red_flag: f(Group::RedFlag, self.red_flag),
            absolute: f(Group::Absolute, self.absolute),
            suitability: f(Group::Suitability, self.suitability),
            timing: f(Group::Timing, self.timing),
            relative: f(Group::Relative, self.relative),
        }
    }
}

/// The rule table under one policy.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct CompiledRules {
    /// Each rule's group under the policy, in table order.
    groups: [Group; RULE_COUNT],
    /// Per rule, the subjects its formula reads.
    subjects: [SubjectSet; RULE_COUNT],
    /// Per group, the facts of its single-fact rules.
    single: PerGroup<FactSet>,
    /// Per group, its rules.
    group_rules: PerGroup<RuleSet>,
    /// Per subject slot ([`subject_slot`]), the rules that read it.
    subject_rules: [RuleSet; SUBJECT_SLOTS],
    /// The rules written as compound formulas (the Ottawa rules).
    compound: Vec<(Node, Group)>,
}

impl fmt::Debug for CompiledRules {
    // Derived from the classification the policy already shows.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CompiledRules").finish_non_exhaustive()
    }
}

impl Default for CompiledRules {
    /// The table under its own groups.
    fn default() -> CompiledRules {
        CompiledRules::new(|rule| rule.group)
    }
}

impl CompiledRules {
    /// Compiles the table with each rule's group given by `group_of`.
    pub(crate) fn new(group_of: impl Fn(&Rule) -> Group) -> CompiledRules {
        let mut compiled = CompiledRules {
            groups: [Group::RedFlag; RULE_COUNT],
            subjects: [SubjectSet::default(); RULE_COUNT],
            single: PerGroup::splat(FactSet::default()),
            group_rules: PerGroup::splat(RuleSet::default()),
            subject_rules: [RuleSet::default(); SUBJECT_SLOTS],
            compound: Vec::new(),
        };
        for (index, ((rule, group), subjects)) in RULES
            .iter()
            .zip(compiled.groups.iter_mut())
            .zip(compiled.subjects.iter_mut())
            .enumerate()
        {
            *group = group_of(rule);
            compiled.group_rules.get_mut(*group).insert(index);
            rule.formula.any_fact(&mut |fact| {
                subjects.insert(fact.subject());
                if let Some(rules) = compiled.subject_rules.get_mut(subject_slot(fact.subject())) {
                    rules.insert(index);
                }
                false
            });
            match &rule.formula {
                Formula::Fact(fact) => compiled.single.get_mut(*group).insert(*fact),
                compound => compiled.compound.push((Node::new(compound), *group)),
            }
        }
        compiled
    }

    /// The rules with their group and the subjects they read, in table
    /// order.
    pub(crate) fn rules(
        &self,
    ) -> impl Iterator<Item = (&'static Rule, Group, SubjectSet)> + Clone + '_ {
        RULES
            .iter()
            .zip(self.groups.iter().zip(self.subjects.iter()))
            .map(|(rule, (group, subjects))| (rule, *group, *subjects))
    }

    /// The rules of a group.
    pub(crate) fn group_rules(&self, group: Group) -> RuleSet {
        self.group_rules.get(group)
    }

    /// The rules that read a subject.
    pub(crate) fn subject_rules(&self, subject: Subject) -> RuleSet {
        self.subject_rules
            .get(subject_slot(subject))
            .copied()
            .unwrap_or_default()
    }

    /// Each group's truth: the Kleene disjunction of its rules' truths.
    pub(crate) fn group_truths(&self, sets: &TruthSets) -> PerGroup<Truth> {
        let mut groups = self.single.map(|_, facts| sets.any(&facts));
        for (node, group) in &self.compound {
            let truth = groups.get_mut(*group);
            if *truth != Truth::Present {
                *truth = truth.or(node.eval(sets));
            }
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;

    #[test]
    fn compiled_groups_and_subjects_follow_the_table() {
        let policy = Policy::default();
        let compiled = CompiledRules::new(|rule| policy.group_of(rule));
        assert!(Finding::all().iter().all(|f| (*f as usize) < FINDING_SLOTS));
        for (index, (rule, group, subjects)) in compiled.rules().enumerate() {
            assert_eq!(group, policy.group_of(rule), "{}", rule.id);
            assert!(compiled.group_rules(group).indices().any(|i| i == index));
            for fact in rule.formula.facts() {
                assert!(subjects.contains(fact.subject()), "{}", rule.id);
                let reading: Vec<usize> =
                    compiled.subject_rules(fact.subject()).indices().collect();
                let by_scan: Vec<usize> = RULES
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.formula.facts().any(|f| f.subject() == fact.subject()))
                    .map(|(i, _)| i)
                    .collect();
                assert_eq!(reading, by_scan, "{}", fact);
                if let Formula::Fact(_) = rule.formula {
                    assert!(compiled.single.get(group).contains(fact), "{}", rule.id);
                }
            }
        }
        assert_eq!(compiled.compound.len(), 1);
    }

    #[test]
    fn compiled_formulas_agree_with_kleene_evaluation() {
        use crate::rules::RULES;
        let ottawa = RULES
            .iter()
            .find(|r| r.id == "red_flag.ottawa_fracture")
            .map(|r| r.formula)
            .unwrap();
        let node = Node::new(&ottawa);
        let facts: Vec<Fact> = ottawa.facts().collect();
        // Every assignment of the six facts to absent, unknown or present.
        for code in 0..3_u32.pow(6) {
            let mut sets = TruthSets::default();
            let mut digits = code;
            let mut truth_of = std::collections::HashMap::new();
            for fact in &facts {
                let truth = [Truth::Absent, Truth::Unknown, Truth::Present][(digits % 3) as usize];
                digits /= 3;
                match truth {
                    Truth::Present => sets.present.insert(*fact),
                    Truth::Unknown => sets.unknown.insert(*fact),
                    Truth::Absent => {}
                }
                truth_of.insert(*fact, truth);
            }
            fn kleene(f: &Formula, t: &std::collections::HashMap<Fact, Truth>) -> Truth {
                match f {
                    Formula::Fact(fact) => t[fact],
                    Formula::All(c) => c.iter().fold(Truth::Present, |a, x| a.and(kleene(x, t))),
                    Formula::Any(c) => c.iter().fold(Truth::Absent, |a, x| a.or(kleene(x, t))),
                }
            }
            assert_eq!(node.eval(&sets), kleene(&ottawa, &truth_of), "{code}");
        }
    }

    /// `all` and `any` over a set holding one fact of each kind (finding,
    /// medication, allergy, condition, threshold) against the Kleene fold,
    /// for every assignment of the five facts. The table's one conjunction
    /// reads findings only, so this is what checks the other kinds.
    #[test]
    fn all_and_any_are_kleene_for_every_kind_of_fact() {
        let facts = [
            Fact::Finding(Finding::Fever),
            Fact::Medication(MedicationClass::Anticoagulant),
            Fact::Allergy(Allergy::Dextrose),
            Fact::Condition(Condition::PlantarFasciitis),
            Fact::SymptomsBelowMinimum,
        ];
        let mut set = FactSet::default();
        for fact in facts {
            set.insert(fact);
        }
        for code in 0..3_u32.pow(5) {
            let mut sets = TruthSets::default();
            let mut digits = code;
            let (mut all, mut any) = (Truth::Present, Truth::Absent);
            for fact in facts {
                let truth = [Truth::Absent, Truth::Unknown, Truth::Present][(digits % 3) as usize];
                digits /= 3;
                match truth {
                    Truth::Present => sets.present.insert(fact),
                    Truth::Unknown => sets.unknown.insert(fact),
                    Truth::Absent => {}
                }
                assert_eq!(sets.truth(fact), truth, "{fact}");
                all = all.and(truth);
                any = any.or(truth);
            }
            assert_eq!(sets.all(&set), all, "{code}");
            assert_eq!(sets.any(&set), any, "{code}");
            // A single fact of each kind, alone.
            for fact in facts {
                let mut one = FactSet::default();
                one.insert(fact);
                assert_eq!(sets.all(&one), sets.truth(fact), "{fact} {code}");
                assert_eq!(sets.any(&one), sets.truth(fact), "{fact} {code}");
            }
        }
    }

    /// The table is derived from the policy's classification, which the
    /// policy's own `Debug` already shows: the compiled form names itself
    /// and nothing more.
    #[test]
    fn debug_names_the_table_without_its_contents() {
        assert_eq!(
            format!("{:?}", CompiledRules::default()),
            "CompiledRules { .. }"
        );
    }

    #[test]
    fn fact_sets_hold_what_is_inserted() {
        let mut set = FactSet::default();
        let facts = [
            Fact::Finding(Finding::Fever),
            Fact::Medication(MedicationClass::Nsaid),
            Fact::Allergy(Allergy::Corn),
            Fact::Condition(Condition::HeelPain),
            Fact::AgeBelowMinimum,
            Fact::CareBelowMinimum,
        ];
        for fact in facts {
            assert!(!set.contains(fact));
            set.insert(fact);
            assert!(set.contains(fact));
            let mut one = FactSet::default();
            one.insert(fact);
            assert!(set.intersects(&one));
        }
        assert!(!set.contains(Fact::SymptomsBelowMinimum));
        assert!(!set.contains(Fact::NoTreatableCondition));
    }
}
