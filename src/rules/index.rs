//! The rule table indexed under a policy's classification: each rule's
//! group, the facts it reads, the rules of each group and of each subject,
//! and the one evaluator of the table's rows: every rule's truth at once
//! ([`RuleIndex::rule_truths`]), from which each group's follows
//! ([`RuleTruths::groups`]).
//!
//! The table in `table.rs` stays the one thing a reader reads; this is
//! derived from it when a policy is built (`Policy` keeps one).

use std::fmt;

use super::sets::{FactRules, FactSet, RuleSet, TruthSets};
use super::{Group, PerGroup, Rule, Subject, RULES, RULE_COUNT};
use crate::truth::Truth;

/// Room for every finding in a per-subject table: the findings first, by
/// discriminant (a test checks they fit), then the six fields, then the
/// classes of the two lists.
const FINDING_SLOTS: usize = 40;
const FIELD_SLOTS: usize = 6;
const MEDICATION_SLOTS: usize = 8;
/// The last slot is shared by the subjects no rule reads (symptoms).
const SUBJECT_SLOTS: usize = FINDING_SLOTS + FIELD_SLOTS + MEDICATION_SLOTS + 5;

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
        Subject::Symptom(_) | Subject::WhereItHurts => return SUBJECT_SLOTS - 1,
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

    /// Each group's truth: the Kleene disjunction of its rules'.
    pub(crate) fn groups(&self, index: &RuleIndex) -> PerGroup<Truth> {
        index.group_rules.map(|_, rules| self.any(rules))
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
    /// Per group, its rules.
    group_rules: PerGroup<RuleSet>,
    /// Per subject slot ([`subject_slot`]), the rules that read it.
    subject_rules: [RuleSet; SUBJECT_SLOTS],
    /// The rules of one clause (every single-fact rule), by the facts of
    /// their clause: a rule of one clause is present when one of its facts
    /// is, so these rules' truths are two look-ups. Inline, not boxed (20
    /// KiB): a policy is built once for many calls, and one allocation
    /// fewer leaves the heap as it was (docs/performance.md).
    one_clause: FactRules,
    /// The rules of several clauses (the Ottawa rules), with their index,
    /// in table order: each clause's facts, the Kleene AND of their Kleene
    /// ORs.
    clauses: Vec<(usize, Vec<FactSet>)>,
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
            group_rules: PerGroup::splat(RuleSet::default()),
            subject_rules: [RuleSet::default(); SUBJECT_SLOTS],
            one_clause: FactRules::default(),
            clauses: Vec::new(),
        };
        for (i, ((rule, group), facts)) in RULES
            .iter()
            .zip(index.groups.iter_mut())
            .zip(index.facts.iter_mut())
            .enumerate()
        {
            *group = group_of(rule);
            index.group_rules.get_mut(*group).insert(i);
            for fact in rule.formula.facts() {
                facts.insert(fact);
                // A class is read by its own subject and, when the list is
                // not recorded at all, by the list's.
                let subject = fact.subject();
                for subject in [Some(subject), subject.list()].into_iter().flatten() {
                    if let Some(rules) = index.subject_rules.get_mut(subject_slot(subject)) {
                        rules.insert(i);
                    }
                }
            }
            let clauses: Vec<FactSet> = rule
                .formula
                .clauses()
                .map(|clause| {
                    let mut set = FactSet::default();
                    for fact in clause {
                        set.insert(*fact);
                    }
                    set
                })
                .collect();
            match clauses.as_slice() {
                [clause] => {
                    for fact in clause.iter() {
                        index.one_clause.insert(fact, i);
                    }
                }
                _ => index.clauses.push((i, clauses)),
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

    /// Every rule's truth, the one evaluation of the table: the rules of
    /// one clause by two look-ups (those reading a present fact, then those
    /// reading an unknown one), each other rule the Kleene AND of its
    /// clauses' Kleene ORs.
    pub(crate) fn rule_truths(&self, sets: &TruthSets) -> RuleTruths {
        let present = self.one_clause.rules(sets.present());
        let mut truths = RuleTruths {
            present,
            unknown: self.one_clause.rules(sets.unknown()).minus(present),
        };
        for (i, clauses) in &self.clauses {
            let mut truth = Truth::Present;
            for clause in clauses {
                truth = truth.and(sets.any(clause));
                if truth == Truth::Absent {
                    break;
                }
            }
            match truth {
                Truth::Present => truths.present.insert(*i),
                Truth::Unknown => truths.unknown.insert(*i),
                Truth::Absent => {}
            }
        }
        truths
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;
    use crate::rules::RuleId;
    use crate::rules::{Fact, Formula};
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
            // A rule of one clause is read through the map, any other by
            // its clauses, never both.
            let by_clauses = index.clauses.iter().any(|(j, _)| *j == i);
            let mut alone = RuleSet::default();
            alone.insert(i);
            match rule.formula {
                Formula::Fact(fact) => {
                    let mut set = FactSet::default();
                    set.insert(fact);
                    assert_eq!(index.one_clause.rules(&set), alone, "{}", rule.id);
                    assert!(!by_clauses, "{}", rule.id);
                }
                _ => {
                    assert!(by_clauses, "{}", rule.id);
                    let facts = index.facts(i);
                    assert!(!index.one_clause.rules(&facts).contains(i), "{}", rule.id);
                }
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

    /// The Kleene value of `facts[at]` in the `code`-th assignment.
    fn digit(code: u32, at: usize) -> Truth {
        match code / 3_u32.pow(at as u32) % 3 {
            1 => Truth::Unknown,
            2 => Truth::Present,
            _ => Truth::Absent,
        }
    }

    /// Every rule's truth and every group's, for every assignment of the
    /// Ottawa facts and of one single-fact rule's fact in each group, under
    /// the default policy and under one that makes a precaution absolute:
    /// the Ottawa rule is `injury AND (any of five)` in Kleene logic, a
    /// single-fact rule its fact, a group the OR of its rules, every other
    /// rule absent.
    #[test]
    fn rule_and_group_truths_follow_kleene_logic() {
        use crate::vocabulary::MedicationClass;
        let anticoagulant = Fact::Medication(MedicationClass::Anticoagulant);
        let strict = Policy::builder("strict", "1")
            .classify(anticoagulant, Group::Absolute)
            .build()
            .unwrap();
        let ottawa_index = RuleId::OttawaFracture.index();
        let ottawa: Vec<Fact> = RULES[ottawa_index].formula.facts().collect();
        assert_eq!(ottawa.len(), 6);
        let singles = [
            Fact::Finding(Finding::Fever),
            Fact::Finding(Finding::SkinInfectionAtSite),
            Fact::NoTreatableCondition,
            Fact::CareBelowMinimum,
            anticoagulant,
        ];
        let single_rule = |fact: Fact| {
            RULES
                .iter()
                .position(|r| r.formula == Formula::Fact(fact))
                .unwrap()
        };
        let facts: Vec<Fact> = ottawa.iter().chain(singles.iter()).copied().collect();
        for (index, policy) in [
            (RuleIndex::default(), Policy::default()),
            (RuleIndex::new(|rule| strict.group_of(rule)), strict.clone()),
        ] {
            for code in 0..3_u32.pow(facts.len() as u32) {
                let sets = assignment(&facts, code);
                let truths = index.rule_truths(&sets);
                let mut expected = [Truth::Absent; RULE_COUNT];
                let examination = (1..6).fold(Truth::Absent, |acc, at| acc.or(digit(code, at)));
                expected[ottawa_index] = digit(code, 0).and(examination);
                for (at, fact) in singles.iter().enumerate() {
                    expected[single_rule(*fact)] = digit(code, at + 6);
                }
                for (i, rule) in RULES.iter().enumerate() {
                    assert_eq!(truths.get(i), expected[i], "{} at {code}", rule.id);
                }
                let groups = truths.groups(&index);
                for &group in Group::all() {
                    let want = RULES
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| policy.group_of(r) == group)
                        .fold(Truth::Absent, |acc, (i, _)| acc.or(expected[i]));
                    assert_eq!(groups.get(group), want, "{group} at {code}");
                }
            }
        }
    }

    #[test]
    fn debug_names_the_index_without_its_contents() {
        assert_eq!(format!("{:?}", RuleIndex::default()), "RuleIndex { .. }");
    }
}
