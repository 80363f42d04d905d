//! The rule table indexed under a policy's classification: each rule's
//! group, the facts it reads, the rules of each group and of each subject,
//! and per group the facts of its single-fact rules, so that a group's
//! truth is one set intersection.
//!
//! The table in `table.rs` stays the one thing a reader reads; this is
//! derived from it when a policy is built (`Policy` keeps one).

use std::fmt;

use super::sets::{FactSet, RuleSet, TruthSets};
use super::{Formula, Group, PerGroup, Rule, Subject, RULES, RULE_COUNT};
use crate::truth::Truth;

/// Room for every finding in a per-subject table: the findings first, by
/// discriminant (a test checks they fit), then the six fields, then the
/// classes of the two lists.
const FINDING_SLOTS: usize = 40;
const FIELD_SLOTS: usize = 6;
const MEDICATION_SLOTS: usize = 8;
const SUBJECT_SLOTS: usize = FINDING_SLOTS + FIELD_SLOTS + MEDICATION_SLOTS + 4;

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
        Subject::Medication(m) => FIELD_SLOTS.saturating_add(m as usize),
        Subject::Allergy(a) => (FIELD_SLOTS + MEDICATION_SLOTS).saturating_add(a as usize),
    };
    FINDING_SLOTS.saturating_add(field)
}

/// The truth of every rule of the table: the rules present and those
/// unknown (every other rule is absent).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RuleTruths {
    pub(crate) present: RuleSet,
    pub(crate) unknown: RuleSet,
}

impl RuleTruths {
    /// The truth of the rule at `index`.
    pub(crate) fn get(&self, index: usize) -> Truth {
        if self.present.contains(index) {
            Truth::Present
        } else if self.unknown.contains(index) {
            Truth::Unknown
        } else {
            Truth::Absent
        }
    }

    /// The Kleene disjunction of the rules of `rules`.
    pub(crate) fn any(&self, rules: RuleSet) -> Truth {
        if !self.present.and(rules).is_empty() {
            Truth::Present
        } else if !self.unknown.and(rules).is_empty() {
            Truth::Unknown
        } else {
            Truth::Absent
        }
    }
}

/// The rule table under one policy.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct RuleIndex {
    /// Each rule's group under the policy, in table order.
    groups: [Group; RULE_COUNT],
    /// Each rule's facts.
    facts: [FactSet; RULE_COUNT],
    /// Per group, the facts of its single-fact rules.
    single: PerGroup<FactSet>,
    /// Per group, its rules.
    group_rules: PerGroup<RuleSet>,
    /// Per subject slot ([`subject_slot`]), the rules that read it.
    subject_rules: [RuleSet; SUBJECT_SLOTS],
    /// Each rule written as a compound formula (the Ottawa rules), with
    /// its index, in table order, read as [`clauses_of`] says.
    compound_clauses: Vec<(usize, Option<Vec<FactSet>>)>,
}

/// A formula as clauses: the Kleene AND of each clause's Kleene OR, so
/// that its truth is one set intersection per clause. A formula that is
/// an `All` of facts and of `Any`s of facts (the Ottawa rules: the injury,
/// and any of five findings) has that shape; `None` for any other, which
/// is then walked.
fn clauses_of(formula: &Formula) -> Option<Vec<FactSet>> {
    let clause = |formula: &Formula| -> Option<FactSet> {
        let mut set = FactSet::default();
        match formula {
            Formula::Fact(fact) => set.insert(*fact),
            Formula::Any(children) => {
                for child in children.iter() {
                    match child {
                        Formula::Fact(fact) => set.insert(*fact),
                        _ => return None,
                    }
                }
            }
            Formula::All(_) => return None,
        }
        Some(set)
    };
    match formula {
        Formula::All(children) => children.iter().map(clause).collect(),
        other => clause(other).map(|set| vec![set]),
    }
}

impl fmt::Debug for RuleIndex {
    // Derived from the classification the policy already shows.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuleIndex").finish_non_exhaustive()
    }
}

impl Default for RuleIndex {
    /// The table under its own groups.
    fn default() -> RuleIndex {
        RuleIndex::new(|rule| rule.group)
    }
}

impl RuleIndex {
    /// Indexes the table with each rule's group given by `group_of`.
    pub(crate) fn new(group_of: impl Fn(&Rule) -> Group) -> RuleIndex {
        let mut index = RuleIndex {
            groups: [Group::RedFlag; RULE_COUNT],
            facts: [FactSet::default(); RULE_COUNT],
            single: PerGroup::splat(FactSet::default()),
            group_rules: PerGroup::splat(RuleSet::default()),
            subject_rules: [RuleSet::default(); SUBJECT_SLOTS],
            compound_clauses: Vec::new(),
        };
        for (i, ((rule, group), facts)) in RULES
            .iter()
            .zip(index.groups.iter_mut())
            .zip(index.facts.iter_mut())
            .enumerate()
        {
            *group = group_of(rule);
            index.group_rules.get_mut(*group).insert(i);
            rule.formula.any_fact(&mut |fact| {
                facts.insert(fact);
                // A class is read by its own subject and, when the list is
                // not recorded at all, by the list's.
                let subject = fact.subject();
                for subject in [Some(subject), subject.list()].into_iter().flatten() {
                    if let Some(rules) = index.subject_rules.get_mut(subject_slot(subject)) {
                        rules.insert(i);
                    }
                }
                false
            });
            match rule.formula {
                Formula::Fact(fact) => index.single.get_mut(*group).insert(fact),
                compound => {
                    index.compound_clauses.push((i, clauses_of(&compound)));
                }
            }
        }
        index
    }

    /// The group of the rule at `index` under the policy.
    pub(crate) fn group(&self, index: usize) -> Group {
        self.groups.get(index).copied().unwrap_or(Group::RedFlag)
    }

    /// The facts the rule at `index` reads.
    pub(crate) fn facts(&self, index: usize) -> FactSet {
        self.facts.get(index).copied().unwrap_or_default()
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

    /// Each group's truth, the Kleene disjunction of its rules': one set
    /// intersection per group, then the compound rules of groups not
    /// already present.
    pub(crate) fn group_truths(&self, sets: &TruthSets) -> PerGroup<Truth> {
        let mut groups = self.single.map(|_, facts| sets.any(&facts));
        for (i, clauses) in &self.compound_clauses {
            let truth = groups.get_mut(self.group(*i));
            if *truth != Truth::Present {
                *truth = truth.or(compound_truth(*i, clauses.as_deref(), sets));
            }
        }
        groups
    }

    /// Every rule's truth: a single-fact rule has its fact's, a compound
    /// rule its formula's.
    pub(crate) fn rule_truths(&self, sets: &TruthSets) -> RuleTruths {
        let mut truths = RuleTruths::default();
        let mut compound = self.compound_clauses.iter();
        for (i, rule) in RULES.iter().enumerate() {
            let truth = match rule.formula {
                Formula::Fact(fact) => sets.truth(fact),
                // The compound rules come in table order.
                _ => compound.next().map_or(Truth::Unknown, |(i, clauses)| {
                    compound_truth(*i, clauses.as_deref(), sets)
                }),
            };
            match truth {
                Truth::Present => truths.present.insert(i),
                Truth::Unknown => truths.unknown.insert(i),
                Truth::Absent => {}
            }
        }
        truths
    }
}

/// A compound rule's truth: by its clauses when it has them, else by
/// walking its formula.
fn compound_truth(index: usize, clauses: Option<&[FactSet]>, sets: &TruthSets) -> Truth {
    match clauses {
        Some(clauses) => {
            let mut acc = Truth::Present;
            for clause in clauses {
                acc = acc.and(sets.any(clause));
                if acc == Truth::Absent {
                    break;
                }
            }
            acc
        }
        None => RULES
            .get(index)
            .map_or(Truth::Unknown, |rule| sets.formula(&rule.formula)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;
    use crate::rules::Fact;
    use crate::rules::RuleId;
    use crate::vocabulary::Finding;

    #[test]
    fn the_index_follows_the_table() {
        let policy = Policy::builder("strict", "1")
            .classify(
                Fact::Medication(crate::vocabulary::MedicationClass::Anticoagulant),
                Group::Absolute,
            )
            .build()
            .unwrap();
        let index = RuleIndex::new(|rule| policy.group_of(rule));
        assert!(Finding::all().iter().all(|f| (*f as usize) < FINDING_SLOTS));
        let mut slots: Vec<usize> = Subject::every().map(subject_slot).collect();
        assert!(slots.iter().all(|s| *s < SUBJECT_SLOTS));
        slots.sort_unstable();
        slots.dedup();
        assert_eq!(
            slots.len(),
            Subject::every().count(),
            "one slot per subject"
        );
        // A subject is read by the rules with a fact of it; a list by the
        // rules with a fact of any of its classes.
        for subject in Subject::every() {
            let reading: Vec<usize> = index.subject_rules(subject).indices().collect();
            let by_scan: Vec<usize> = RULES
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    r.formula
                        .facts()
                        .any(|f| f.subject() == subject || f.subject().list() == Some(subject))
                })
                .map(|(i, _)| i)
                .collect();
            assert_eq!(reading, by_scan, "{subject}");
        }
        for (i, rule) in RULES.iter().enumerate() {
            let group = index.group(i);
            assert_eq!(group, policy.group_of(rule), "{}", rule.id);
            assert!(index.group_rules(group).contains(i), "{}", rule.id);
            // A rule's facts, in the order the formula writes them.
            let written: Vec<Fact> = rule.formula.facts().collect();
            let indexed: Vec<Fact> = index.facts(i).iter().collect();
            assert_eq!(written, indexed, "{}", rule.id);
            // A rule is read by its fact or by its clauses, never both.
            let compound = index.compound_clauses.iter().any(|(j, _)| *j == i);
            match rule.formula {
                Formula::Fact(fact) => {
                    assert!(index.single.get(group).contains(fact), "{}", rule.id);
                    assert!(!compound, "{}", rule.id);
                }
                _ => assert!(compound, "{}", rule.id),
            }
        }
    }

    /// The `code`-th assignment of absent, unknown or present to `facts`
    /// (base 3, one digit per fact).
    fn assignment(facts: &[Fact], code: u32) -> TruthSets {
        let (mut present, mut unknown) = (FactSet::default(), FactSet::default());
        let mut digits = code;
        for fact in facts {
            match digits % 3 {
                1 => unknown.insert(*fact),
                2 => present.insert(*fact),
                _ => {}
            }
            digits /= 3;
        }
        TruthSets::from_sets(present, unknown)
    }

    /// Group truths by set intersection agree with the disjunction of the
    /// rule truths, for every assignment of the Ottawa facts and of one
    /// single-fact rule of each group.
    #[test]
    fn group_truths_are_the_disjunction_of_rule_truths() {
        use crate::vocabulary::MedicationClass;
        let index = RuleIndex::default();
        let ottawa: Vec<Fact> = RULES
            .iter()
            .find(|r| r.id == RuleId::OttawaFracture)
            .map(|r| r.formula.facts().collect())
            .unwrap();
        let others = [
            Fact::Finding(Finding::Fever),
            Fact::Finding(Finding::SkinInfectionAtSite),
            Fact::CareBelowMinimum,
            Fact::Medication(MedicationClass::Anticoagulant),
        ];
        let facts: Vec<Fact> = ottawa.iter().chain(others.iter()).copied().collect();
        for code in 0..3_u32.pow(facts.len() as u32) {
            let sets = assignment(&facts, code);
            let rules = index.rule_truths(&sets);
            let groups = index.group_truths(&sets);
            for &group in Group::all() {
                assert_eq!(
                    groups.get(group),
                    rules.any(index.group_rules(group)),
                    "{group} at {code}"
                );
            }
        }
    }

    /// The clauses of a compound rule give its formula's Kleene value for
    /// every assignment of its facts, and the Ottawa rules take that path.
    #[test]
    fn clauses_agree_with_the_formula() {
        let index = RuleIndex::default();
        assert!(!index.compound_clauses.is_empty());
        for (i, clauses) in &index.compound_clauses {
            let rule = &RULES[*i];
            assert!(
                clauses.is_some(),
                "{} is walked, not read by clauses",
                rule.id
            );
            let facts: Vec<Fact> = rule.formula.facts().collect();
            for code in 0..3_u32.pow(facts.len() as u32) {
                let sets = assignment(&facts, code);
                assert_eq!(
                    compound_truth(*i, clauses.as_deref(), &sets),
                    sets.formula(&rule.formula),
                    "{} at {code}",
                    rule.id
                );
            }
        }
        // A shape the clauses cannot hold is walked.
        const DEEP: &[Formula] = &[Formula::All(&[Formula::Fact(Fact::AgeBelowMinimum)])];
        assert_eq!(clauses_of(&Formula::Any(DEEP)), None);
    }

    #[test]
    fn debug_names_the_index_without_its_contents() {
        assert_eq!(format!("{:?}", RuleIndex::default()), "RuleIndex { .. }");
    }
}
