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
use crate::rules::{Fact, Formula, Group, Rule, SubjectSet, RULES, RULE_COUNT};
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
    /// Per group, the subjects its rules read.
    group_subjects: PerGroup<SubjectSet>,
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
            group_subjects: PerGroup::splat(SubjectSet::default()),
            compound: Vec::new(),
        };
        for ((rule, group), subjects) in RULES
            .iter()
            .zip(compiled.groups.iter_mut())
            .zip(compiled.subjects.iter_mut())
        {
            *group = group_of(rule);
            rule.formula.any_fact(&mut |fact| {
                subjects.insert(fact.subject());
                compiled
                    .group_subjects
                    .get_mut(*group)
                    .insert(fact.subject());
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

    /// The subjects the rules of a group read.
    pub(crate) fn group_subjects(&self, group: Group) -> SubjectSet {
        self.group_subjects.get(group)
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
        for (rule, group, subjects) in compiled.rules() {
            assert_eq!(group, policy.group_of(rule), "{}", rule.id);
            for fact in rule.formula.facts() {
                assert!(subjects.contains(fact.subject()), "{}", rule.id);
                assert!(compiled.group_subjects(group).contains(fact.subject()));
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
