//! Bit sets over the rule language: facts, rules of the table, subjects.
//! Copy types without allocation, so an evaluation is a few set
//! operations.

use enumset::EnumSet;
use strum::EnumCount;

use super::{Fact, Rule, Subject, RULES, RULE_COUNT};
use crate::truth::Truth;
use crate::vocabulary::{Allergy, Condition, Finding, MedicationClass, Symptom};

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

    /// True when the two sets share a fact.
    fn intersects(&self, other: &FactSet) -> bool {
        !(self.findings & other.findings).is_empty()
            || !(self.medications & other.medications).is_empty()
            || !(self.allergies & other.allergies).is_empty()
            || !(self.conditions & other.conditions).is_empty()
            || self.thresholds & other.thresholds != 0
    }

    /// The facts in the set: findings, medication classes, allergies and
    /// conditions in vocabulary order, then the thresholds. For every rule
    /// this is the order its formula names them (a test ties the two), so
    /// explanations list a rule's facts as the table writes them.
    pub(crate) fn iter(self) -> impl Iterator<Item = Fact> {
        let thresholds = [
            Fact::AgeBelowMinimum,
            Fact::NoTreatableCondition,
            Fact::SymptomsBelowMinimum,
            Fact::CareBelowMinimum,
        ];
        self.findings
            .iter()
            .map(Fact::Finding)
            .chain(self.medications.iter().map(Fact::Medication))
            .chain(self.allergies.iter().map(Fact::Allergy))
            .chain(self.conditions.iter().map(Fact::Condition))
            .chain(
                thresholds
                    .into_iter()
                    .filter(move |f| self.thresholds & Self::threshold_bit(*f) != 0),
            )
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

    /// True when the rule at `index` is in.
    pub(crate) fn contains(self, index: usize) -> bool {
        self.0 & Self::bit(index) != 0
    }

    /// The rules in both sets.
    pub(crate) fn and(self, other: RuleSet) -> RuleSet {
        RuleSet(self.0 & other.0)
    }

    /// The rules in either set.
    pub(crate) fn or(self, other: RuleSet) -> RuleSet {
        RuleSet(self.0 | other.0)
    }

    /// The rules of `self` not in `other`.
    pub(crate) fn minus(self, other: RuleSet) -> RuleSet {
        RuleSet(self.0 & !other.0)
    }

    /// How many rules are in.
    pub(crate) fn len(self) -> usize {
        // At most 64: always fits.
        usize::try_from(self.0.count_ones()).unwrap_or(usize::MAX)
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

/// How many bytes the bits of a kind of fact take.
const FINDING_BYTES: usize = Finding::COUNT.div_ceil(8);
const MEDICATION_BYTES: usize = MedicationClass::COUNT.div_ceil(8);
const ALLERGY_BYTES: usize = Allergy::COUNT.div_ceil(8);
const CONDITION_BYTES: usize = Condition::COUNT.div_ceil(8);

const _: () = assert!(
    FINDING_BYTES <= 8 && MEDICATION_BYTES <= 8 && ALLERGY_BYTES <= 8 && CONDITION_BYTES <= 8,
    "each kind of fact fits a u64"
);

/// Per byte of a kind of fact's bits, per value of that byte, the rules
/// reading one of the facts the byte holds.
type ByteTables<const N: usize> = [[RuleSet; 256]; N];

/// A map from facts to the rules reading them, as a union over the facts:
/// `rules(set)` is the set of rules reading a fact of `set`, one table
/// look-up per byte of the set, whatever the number of rules. For the rows
/// of one clause (an OR of facts: every single-fact rule), the rules
/// reading a present fact are the rules present.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct FactRules {
    findings: ByteTables<FINDING_BYTES>,
    medications: ByteTables<MEDICATION_BYTES>,
    allergies: ByteTables<ALLERGY_BYTES>,
    conditions: ByteTables<CONDITION_BYTES>,
    thresholds: ByteTables<1>,
}

impl Default for FactRules {
    /// The empty map: no fact is read.
    fn default() -> FactRules {
        FactRules {
            findings: [[RuleSet::default(); 256]; FINDING_BYTES],
            medications: [[RuleSet::default(); 256]; MEDICATION_BYTES],
            allergies: [[RuleSet::default(); 256]; ALLERGY_BYTES],
            conditions: [[RuleSet::default(); 256]; CONDITION_BYTES],
            thresholds: [[RuleSet::default(); 256]; 1],
        }
    }
}

/// Adds `rules` to the entries of every byte value with `bit` set.
fn add_bit<const N: usize>(tables: &mut ByteTables<N>, bit: u64, rules: RuleSet) {
    for (table, byte) in tables.iter_mut().zip(bit.to_le_bytes()) {
        if byte != 0 {
            for (value, entry) in (0..=u8::MAX).zip(table.iter_mut()) {
                if value & byte != 0 {
                    *entry = entry.or(rules);
                }
            }
        }
    }
}

/// The union of the entries of the bytes of `bits`.
fn look_up<const N: usize>(tables: &ByteTables<N>, bits: u64) -> u64 {
    let mut rules = 0;
    for (table, byte) in tables.iter().zip(bits.to_le_bytes()) {
        // 256 entries: a byte always indexes one.
        rules |= table.get(usize::from(byte)).map_or(0, |set| set.0);
    }
    rules
}

impl FactRules {
    /// Records that the rule at `index` reads `fact`.
    pub(crate) fn insert(&mut self, fact: Fact, index: usize) {
        let mut rule = RuleSet::default();
        rule.insert(index);
        match fact {
            Fact::Finding(f) => add_bit(
                &mut self.findings,
                EnumSet::only(f).as_u64_truncated(),
                rule,
            ),
            Fact::Medication(m) => add_bit(
                &mut self.medications,
                EnumSet::only(m).as_u64_truncated(),
                rule,
            ),
            Fact::Allergy(a) => add_bit(
                &mut self.allergies,
                EnumSet::only(a).as_u64_truncated(),
                rule,
            ),
            Fact::Condition(c) => add_bit(
                &mut self.conditions,
                EnumSet::only(c).as_u64_truncated(),
                rule,
            ),
            threshold => add_bit(
                &mut self.thresholds,
                u64::from(FactSet::threshold_bit(threshold)),
                rule,
            ),
        }
    }

    /// The rules reading a fact of `facts`.
    pub(crate) fn rules(&self, facts: &FactSet) -> RuleSet {
        RuleSet(
            look_up(&self.findings, facts.findings.as_u64_truncated())
                | look_up(&self.medications, facts.medications.as_u64_truncated())
                | look_up(&self.allergies, facts.allergies.as_u64_truncated())
                | look_up(&self.conditions, facts.conditions.as_u64_truncated())
                | look_up(&self.thresholds, u64::from(facts.thresholds)),
        )
    }
}

/// A set of subjects, without allocation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct SubjectSet {
    findings: EnumSet<Finding>,
    medications: EnumSet<MedicationClass>,
    allergies: EnumSet<Allergy>,
    symptoms: EnumSet<Symptom>,
    fields: u8,
}

impl SubjectSet {
    /// The bit of a field subject (`None` for a finding or a class).
    fn field(subject: Subject) -> Option<u8> {
        Some(match subject {
            Subject::Finding(_)
            | Subject::Medication(_)
            | Subject::Allergy(_)
            | Subject::Symptom(_) => return None,
            Subject::AgeYears => 1,
            Subject::Conditions => 2,
            Subject::SymptomWeeks => 4,
            Subject::ConservativeCareWeeks => 8,
            Subject::Medications => 16,
            Subject::Allergies => 32,
            Subject::WhereItHurts => 64,
        })
    }

    /// Adds `subject`; false when it was already in.
    pub(crate) fn insert(&mut self, subject: Subject) -> bool {
        match (subject, Self::field(subject)) {
            (Subject::Finding(f), _) => self.findings.insert(f),
            (Subject::Medication(m), _) => self.medications.insert(m),
            (Subject::Allergy(a), _) => self.allergies.insert(a),
            (Subject::Symptom(s), _) => self.symptoms.insert(s),
            (_, Some(bit)) => {
                let new = self.fields & bit == 0;
                self.fields |= bit;
                new
            }
            (_, None) => false,
        }
    }

    /// True when `subject` is in.
    pub(crate) fn contains(&self, subject: Subject) -> bool {
        match (subject, Self::field(subject)) {
            (Subject::Finding(f), _) => self.findings.contains(f),
            (Subject::Medication(m), _) => self.medications.contains(m),
            (Subject::Allergy(a), _) => self.allergies.contains(a),
            (Subject::Symptom(s), _) => self.symptoms.contains(s),
            (_, Some(bit)) => self.fields & bit != 0,
            (_, None) => false,
        }
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
    /// Medication classes taken, and those unknown.
    pub(crate) medications: (EnumSet<MedicationClass>, EnumSet<MedicationClass>),
    /// Allergies present, and those unknown.
    pub(crate) allergies: (EnumSet<Allergy>, EnumSet<Allergy>),
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
        let (medications, unknown_medications) = recorded.medications;
        let (allergies, unknown_allergies) = recorded.allergies;
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

    /// The sets as given: `present`, and `unknown` for facts not present.
    #[cfg(test)]
    pub(crate) fn from_sets(present: FactSet, unknown: FactSet) -> TruthSets {
        TruthSets { present, unknown }
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

    /// The facts present.
    pub(crate) fn present(&self) -> &FactSet {
        &self.present
    }

    /// The facts unknown.
    pub(crate) fn unknown(&self) -> &FactSet {
        &self.unknown
    }

    /// The Kleene disjunction of the facts of `facts`.
    pub(crate) fn any(&self, facts: &FactSet) -> Truth {
        if self.present.intersects(facts) {
            Truth::Present
        } else if self.unknown.intersects(facts) {
            Truth::Unknown
        } else {
            Truth::Absent
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `len` counts the rules in, whatever their indices (the explanation
    /// sizes its list by it).
    #[test]
    fn a_rule_set_counts_its_rules() {
        let mut set = RuleSet::default();
        assert_eq!(set.len(), 0);
        for index in [0, 5, RULE_COUNT - 1] {
            set.insert(index);
        }
        set.insert(5);
        assert_eq!(set.len(), 3);
        assert_eq!(set.indices().count(), set.len());
    }

    /// `any` and `truth` over a set holding one fact of each kind (finding,
    /// medication, allergy, condition, threshold) against the Kleene fold,
    /// for every assignment of the five facts.
    #[test]
    fn any_is_kleene_for_every_kind_of_fact() {
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
            let mut any = Truth::Absent;
            for fact in facts {
                let truth = [Truth::Absent, Truth::Unknown, Truth::Present][(digits % 3) as usize];
                digits /= 3;
                match truth {
                    Truth::Present => sets.present.insert(fact),
                    Truth::Unknown => sets.unknown.insert(fact),
                    Truth::Absent => {}
                }
                assert_eq!(sets.truth(fact), truth, "{fact}");
                any = any.or(truth);
            }
            assert_eq!(sets.any(&set), any, "{code}");
            // A single fact of each kind, alone.
            for fact in facts {
                let mut one = FactSet::default();
                one.insert(fact);
                assert_eq!(sets.any(&one), sets.truth(fact), "{fact} {code}");
            }
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

    /// Every fact of every kind.
    fn every_fact() -> Vec<Fact> {
        let thresholds = [
            Fact::AgeBelowMinimum,
            Fact::NoTreatableCondition,
            Fact::SymptomsBelowMinimum,
            Fact::CareBelowMinimum,
        ];
        Finding::all()
            .iter()
            .map(|f| Fact::Finding(*f))
            .chain(MedicationClass::all().iter().map(|m| Fact::Medication(*m)))
            .chain(Allergy::all().iter().map(|a| Fact::Allergy(*a)))
            .chain(Condition::all().iter().map(|c| Fact::Condition(*c)))
            .chain(thresholds)
            .collect()
    }

    /// A map holding one fact gives its rule for a set holding that fact,
    /// whatever else the set holds, and no rule for any set without it.
    #[test]
    fn fact_rules_map_each_fact_to_its_rules() {
        let facts = every_fact();
        for (i, fact) in facts.iter().enumerate() {
            let rule = i % RULE_COUNT;
            let mut map = FactRules::default();
            map.insert(*fact, rule);
            let mut expected = RuleSet::default();
            expected.insert(rule);
            let mut all_but = FactSet::default();
            for other in &facts {
                let mut one = FactSet::default();
                one.insert(*other);
                let want = if other == fact {
                    expected
                } else {
                    RuleSet::default()
                };
                assert_eq!(map.rules(&one), want, "{fact} read as {other}");
                if other != fact {
                    all_but.insert(*other);
                }
            }
            assert_eq!(map.rules(&all_but), RuleSet::default(), "{fact}");
            let mut all = all_but;
            all.insert(*fact);
            assert_eq!(map.rules(&all), expected, "{fact}");
        }
        // Several rules: the union of those whose fact is in.
        let mut map = FactRules::default();
        for (i, fact) in facts.iter().enumerate() {
            map.insert(*fact, i % RULE_COUNT);
        }
        let mut set = FactSet::default();
        let mut expected = RuleSet::default();
        for (i, fact) in facts.iter().enumerate().step_by(3) {
            set.insert(*fact);
            expected.insert(i % RULE_COUNT);
            assert_eq!(map.rules(&set), expected, "{fact}");
        }
    }

    #[test]
    fn subject_sets_hold_exactly_what_is_inserted() {
        let all: Vec<Subject> = Subject::every().collect();
        for (i, subject) in all.iter().enumerate() {
            let mut set = SubjectSet::default();
            assert!(!set.contains(*subject), "{subject}");
            assert!(set.insert(*subject), "{subject}");
            assert!(!set.insert(*subject), "{subject} twice");
            for (j, other) in all.iter().enumerate() {
                assert_eq!(set.contains(*other), i == j, "{subject} holds {other}?");
            }
        }
    }
}
