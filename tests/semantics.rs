//! The semantic property, by brute force: for presentations with a few
//! unknown facts, enumerate every completion and check the verdict, the
//! best and worst cases, the questions and `blocking` against it. The
//! questions are exactly the subjects whose value alone can change the
//! verdict for some completion of the others, plus, in the yes family,
//! every unknown precaution.
//!
//! The engine never enumerates; this test does, independently.

use std::collections::{BTreeSet, HashMap};

use prolo_triage::{
    assess, decide, Allergy, Condition, Fact, Family, Finding, FindingGroup, Group,
    MedicationClass, Policy, Presentation, Sex, Subject, Truth, Verdict,
};
use proptest::prelude::*;

use crate::common;

/// A presentation written field by field, so that completions can
/// override single fields.
#[derive(Debug, Clone)]
struct Spec {
    age: Option<u32>,
    sex: Option<Sex>,
    conditions: Option<Vec<Condition>>,
    symptoms: Option<u32>,
    care: Option<u32>,
    findings: Vec<(Finding, Truth)>,
    medications: Option<List<MedicationClass>>,
    allergies: Option<List<Allergy>>,
}

/// A medication or allergy list: closed (exactly these) or open (a truth
/// value per class, in vocabulary order; contract v2).
#[derive(Debug, Clone)]
enum List<T> {
    Closed(Vec<T>),
    Open(Vec<Truth>),
}

impl<T: Copy> List<T> {
    /// The class at `i` of `all` is unknown in an open list.
    fn unknown(&self, all: &[T]) -> Vec<T> {
        match self {
            List::Closed(_) => Vec::new(),
            List::Open(truths) => all
                .iter()
                .zip(truths)
                .filter(|(_, t)| **t == Truth::Unknown)
                .map(|(c, _)| *c)
                .collect(),
        }
    }
}

impl Spec {
    fn build(&self) -> Option<Presentation> {
        let mut b = Presentation::builder();
        if let Some(a) = self.age {
            b = b.age_years(a);
        }
        if let Some(s) = self.sex {
            b = b.sex(s);
        }
        if let Some(c) = &self.conditions {
            b = b.conditions(c.iter().copied());
        }
        if let Some(s) = self.symptoms {
            b = b.symptom_weeks(s);
        }
        if let Some(c) = self.care {
            b = b.conservative_care_weeks(c);
        }
        for (f, t) in &self.findings {
            b = b.finding(*f, *t);
        }
        match &self.medications {
            Some(List::Closed(m)) => b = b.medications(m.iter().copied()),
            Some(List::Open(truths)) => {
                for (m, t) in MedicationClass::all().iter().zip(truths) {
                    b = b.medication(*m, *t);
                }
            }
            None => {}
        }
        match &self.allergies {
            Some(List::Closed(a)) => b = b.allergies(a.iter().copied()),
            Some(List::Open(truths)) => {
                for (a, t) in Allergy::all().iter().zip(truths) {
                    b = b.allergy(*a, *t);
                }
            }
            None => {}
        }
        // Infeasible completions (care longer than symptoms) are refused.
        b.build().ok()
    }

    fn finding(&self, f: Finding) -> Truth {
        self.findings
            .iter()
            .find(|(g, _)| *g == f)
            .map_or(Truth::Unknown, |(_, t)| *t)
    }
}

/// One unknown subject and the values a completion may give it.
#[derive(Debug, Clone)]
enum Slot {
    Finding(Finding),
    Age(Vec<u32>),
    Conditions,
    Symptoms(Vec<u32>),
    Care(Vec<u32>),
    Medications,
    Allergies,
    /// One unknown class of an open list.
    Medication(MedicationClass),
    Allergy(Allergy),
}

const PRECAUTION_MEDICATIONS: [MedicationClass; 4] = [
    MedicationClass::Anticoagulant,
    MedicationClass::Antiplatelet,
    MedicationClass::SystemicCorticosteroid,
    MedicationClass::Immunosuppressant,
];

fn subsets<T: Copy>(items: &[T]) -> Vec<Vec<T>> {
    (0..1u32 << items.len())
        .map(|mask| {
            items
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, x)| *x)
                .collect()
        })
        .collect()
}

impl Slot {
    fn subject(&self) -> Subject {
        match self {
            Slot::Finding(f) => Subject::Finding(*f),
            Slot::Age(_) => Subject::AgeYears,
            Slot::Conditions => Subject::Conditions,
            Slot::Symptoms(_) => Subject::SymptomWeeks,
            Slot::Care(_) => Subject::ConservativeCareWeeks,
            Slot::Medications => Subject::Medications,
            Slot::Allergies => Subject::Allergies,
            Slot::Medication(m) => Subject::Medication(*m),
            Slot::Allergy(a) => Subject::Allergy(*a),
        }
    }

    fn size(&self) -> usize {
        match self {
            Slot::Finding(_) | Slot::Conditions | Slot::Medication(_) | Slot::Allergy(_) => 2,
            Slot::Age(v) | Slot::Symptoms(v) | Slot::Care(v) => v.len(),
            Slot::Medications => 16,
            Slot::Allergies => 8,
        }
    }

    fn apply(&self, spec: &mut Spec, value: usize) {
        match self {
            Slot::Finding(f) => {
                let t = if value == 0 {
                    Truth::Absent
                } else {
                    Truth::Present
                };
                spec.findings.retain(|(g, _)| g != f);
                spec.findings.push((*f, t));
            }
            Slot::Age(v) => spec.age = v.get(value).copied(),
            Slot::Conditions => {
                spec.conditions = Some(vec![if value == 0 {
                    Condition::PlantarFasciitis
                } else {
                    Condition::Other
                }])
            }
            Slot::Symptoms(v) => spec.symptoms = v.get(value).copied(),
            Slot::Care(v) => spec.care = v.get(value).copied(),
            Slot::Medications => {
                spec.medications = subsets(&PRECAUTION_MEDICATIONS)
                    .get(value)
                    .cloned()
                    .map(List::Closed)
            }
            Slot::Allergies => {
                spec.allergies =
                    subsets(&[Allergy::LocalAnaesthetic, Allergy::Dextrose, Allergy::Corn])
                        .get(value)
                        .cloned()
                        .map(List::Closed)
            }
            Slot::Medication(m) => {
                if let Some(List::Open(truths)) = &mut spec.medications {
                    let i = MedicationClass::all().iter().position(|c| c == m).unwrap();
                    truths[i] = if value == 0 {
                        Truth::Absent
                    } else {
                        Truth::Present
                    };
                }
            }
            Slot::Allergy(a) => {
                if let Some(List::Open(truths)) = &mut spec.allergies {
                    let i = Allergy::all().iter().position(|c| c == a).unwrap();
                    truths[i] = if value == 0 {
                        Truth::Absent
                    } else {
                        Truth::Present
                    };
                }
            }
        }
    }
}

/// Values around both thresholds and at the extremes: more than the
/// "below" and "at" of the issue, and not the engine's own list.
fn number_values(policy: &Policy, max: u32) -> Vec<u32> {
    let s = u32::from(policy.min_symptom_weeks());
    let c = u32::from(policy.min_conservative_care_weeks());
    let a = u32::from(policy.min_age_years());
    let mut v: BTreeSet<u32> = [0, 1, max].into_iter().collect();
    for t in [s, c, a] {
        for x in [t.saturating_sub(1), t, t + 1] {
            if x <= max {
                v.insert(x);
            }
        }
    }
    v.into_iter().collect()
}

fn slots(spec: &Spec, policy: &Policy) -> Vec<Slot> {
    let mut slots = Vec::new();
    for f in Finding::all() {
        let pregnancy_settled = *f == Finding::Pregnancy && spec.sex == Some(Sex::Male);
        if f.group() != FindingGroup::Supporting
            && spec.finding(*f) == Truth::Unknown
            && !pregnancy_settled
        {
            slots.push(Slot::Finding(*f));
        }
    }
    if spec.age.is_none() {
        slots.push(Slot::Age(number_values(policy, 130)));
    }
    if spec.conditions.is_none() {
        slots.push(Slot::Conditions);
    }
    if spec.symptoms.is_none() {
        slots.push(Slot::Symptoms(number_values(policy, 5200)));
    }
    if spec.care.is_none() {
        slots.push(Slot::Care(number_values(policy, 5200)));
    }
    match &spec.medications {
        None => slots.push(Slot::Medications),
        Some(list) => slots.extend(
            list.unknown(MedicationClass::all())
                .into_iter()
                .map(Slot::Medication),
        ),
    }
    match &spec.allergies {
        None => slots.push(Slot::Allergies),
        Some(list) => slots.extend(list.unknown(Allergy::all()).into_iter().map(Slot::Allergy)),
    }
    slots
}

/// Verdict of every feasible completion, keyed by the value index of each
/// slot.
fn completions(spec: &Spec, slots: &[Slot], policy: &Policy) -> HashMap<Vec<usize>, Verdict> {
    let mut out = HashMap::new();
    let mut index = vec![0usize; slots.len()];
    loop {
        let mut complete = spec.clone();
        for (slot, value) in slots.iter().zip(&index) {
            slot.apply(&mut complete, *value);
        }
        if let Some(p) = complete.build() {
            out.insert(index.clone(), decide(&p, policy));
        }
        // Next index, odometer style.
        let mut i = 0;
        loop {
            if i == slots.len() {
                return out;
            }
            index[i] += 1;
            if index[i] < slots[i].size() {
                break;
            }
            index[i] = 0;
            i += 1;
        }
    }
}

/// Whether `slot`'s value alone changes the family (and the verdict) for
/// some completion of the others.
fn pivotal(all: &HashMap<Vec<usize>, Verdict>, slot: usize, size: usize) -> (bool, bool) {
    let (mut family, mut verdict) = (false, false);
    for (index, v) in all {
        let mut other = index.clone();
        for value in 0..size {
            other[slot] = value;
            if let Some(w) = all.get(&other) {
                verdict |= w != v;
                family |= w.family() != v.family();
            }
        }
    }
    (family, verdict)
}

/// A finding other than a red flag, and an open list's class.
fn truth() -> BoxedStrategy<Truth> {
    common::truth(6, 2, 1)
}

/// A red flag: mostly screened absent.
fn red_flag_truth() -> BoxedStrategy<Truth> {
    common::truth(12, 3, 1)
}

fn number(values: Vec<u32>) -> impl Strategy<Value = Option<u32>> {
    prop_oneof![1 => Just(None), 4 => proptest::sample::select(values).prop_map(Some)]
}

/// Unknown, a closed list of `closed` classes, or an open list.
fn list<T: Copy + std::fmt::Debug + 'static>(
    all: &'static [T],
    closed: std::ops::Range<usize>,
) -> impl Strategy<Value = Option<List<T>>> {
    prop_oneof![
        2 => Just(None),
        5 => proptest::sample::subsequence(all.to_vec(), closed).prop_map(|c| Some(List::Closed(c))),
        3 => proptest::collection::vec(truth(), all.len()).prop_map(|t| Some(List::Open(t))),
    ]
}

prop_compose! {
    fn spec()(
        age in number(vec![0, 14, 17, 18, 19, 47, 90]),
        sex in proptest::option::of(prop_oneof![Just(Sex::Female), Just(Sex::Male), Just(Sex::Other)]),
        conditions in prop_oneof![
            1 => Just(None),
            4 => proptest::sample::subsequence(Condition::all().to_vec(), 0..3).prop_map(Some),
        ],
        symptoms in number(vec![0, 3, 5, 6, 11, 12, 13, 26, 40]),
        care in number(vec![0, 3, 5, 6, 7, 12, 27]),
        red in proptest::collection::vec(red_flag_truth(), 15),
        other in proptest::collection::vec(truth(), 14),
        medications in list(MedicationClass::all(), 0..3),
        allergies in list(Allergy::all(), 0..2),
    ) -> Spec {
        let mut findings = Vec::new();
        let (mut red, mut other) = (red.into_iter(), other.into_iter());
        for f in Finding::all() {
            let t = match f.group() {
                FindingGroup::RedFlag | FindingGroup::OttawaComponent => red.next(),
                _ => other.next(),
            }
            .unwrap_or(Truth::Unknown);
            let t = if *f == Finding::Pregnancy && sex == Some(Sex::Male) && t == Truth::Present {
                Truth::Absent
            } else {
                t
            };
            if t != Truth::Unknown {
                findings.push((*f, t));
            }
        }
        let care = match (symptoms, care) {
            (Some(s), Some(c)) if c > s => Some(s),
            (_, c) => c,
        };
        Spec { age, sex, conditions, symptoms, care, findings, medications, allergies }
    }
}

fn policies() -> Vec<Policy> {
    vec![
        Policy::default(),
        Policy::builder("anticoagulants absolute", "1")
            .classify(
                Fact::Medication(MedicationClass::Anticoagulant),
                Group::Absolute,
            )
            .classify(Fact::Finding(Finding::Diabetes), Group::Absolute)
            .build()
            .unwrap(),
        // Care threshold above the symptom threshold: the two durations
        // are then coupled through `conservative_care_weeks <= symptom_weeks`.
        Policy::builder("coupled durations", "1")
            .min_symptom_weeks(5)
            .min_conservative_care_weeks(6)
            .min_age_years(0)
            .treatable_conditions([Condition::PlantarFasciitis, Condition::HeelPain])
            .build()
            .unwrap(),
    ]
}

const MAX_COMPLETIONS: usize = 3000;

fn check(spec: &Spec, policy: &Policy) -> Result<(), TestCaseError> {
    let Some(presentation) = spec.build() else {
        return Ok(());
    };
    let slots = slots(spec, policy);
    let total = slots
        .iter()
        .map(Slot::size)
        .try_fold(1usize, |acc, n| acc.checked_mul(n));
    if total.is_none_or(|t| t > MAX_COMPLETIONS) {
        return Ok(());
    }
    let all = completions(spec, &slots, policy);
    prop_assert!(
        !all.is_empty(),
        "no feasible completion of a valid presentation"
    );
    let a = assess(&presentation, policy);

    let families: BTreeSet<Option<Family>> = all.values().map(|v| v.family()).collect();
    let ranks: Vec<u8> = all.values().filter_map(|v| v.rank()).collect();
    let worst = ranks.iter().min().copied();
    let best = ranks.iter().max().copied();
    prop_assert_eq!(a.best_case.rank(), best, "best case");
    prop_assert_eq!(a.worst_case.rank(), worst, "worst case");
    if families.len() > 1 {
        prop_assert_eq!(a.verdict, Verdict::NeedsInformation);
    } else {
        prop_assert_ne!(a.verdict, Verdict::NeedsInformation);
        // Every completion falls in the reported family.
        prop_assert_eq!(families.into_iter().next().flatten(), a.verdict.family());
        let verdicts: BTreeSet<&str> = all.values().map(|v| v.as_str()).collect();
        if verdicts.len() == 1 {
            prop_assert_eq!(verdicts.into_iter().next(), Some(a.verdict.as_str()));
        }
    }

    // Questions are exactly the subjects pivotal for the verdict, and
    // `blocking` is exactly pivotal for the family.
    // In the yes family every unknown precaution is asked too (§5).
    let precaution = |subject: Subject| {
        a.verdict.family() == Some(Family::Yes)
            && prolo_triage::rules::RULES.iter().any(|rule| {
                policy.group_of(rule) == Group::Relative
                    && rule
                        .formula
                        .facts()
                        .any(|f| f.subject() == subject || f.subject().list() == Some(subject))
            })
    };
    let mut expected = Vec::new();
    for (i, slot) in slots.iter().enumerate() {
        let (family, verdict) = pivotal(&all, i, slot.size());
        if verdict || precaution(slot.subject()) {
            expected.push((slot.subject(), family));
        }
        prop_assert!(verdict || !family);
    }
    let mut got: Vec<(Subject, bool)> = a
        .questions
        .iter()
        .map(|q| (q.finding, q.blocking))
        .collect();
    let key = |x: &(Subject, bool)| x.0.as_str();
    expected.sort_by_key(key);
    got.sort_by_key(key);
    prop_assert_eq!(
        got,
        expected,
        "questions vs brute force; verdict {}",
        a.verdict
    );
    if a.verdict == Verdict::NeedsInformation {
        prop_assert!(a.questions.first().is_some_and(|q| q.blocking));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(if cfg!(debug_assertions) { 300 } else { 3000 }))]

    #[test]
    fn verdicts_questions_and_blocking_match_every_completion(spec in spec()) {
        for policy in policies() {
            check(&spec, &policy)?;
        }
    }
}

/// Hand-picked cases where families differ in subtle ways.
#[test]
fn worked_shapes_by_brute_force() {
    let all_absent = |except: &[Finding]| -> Vec<(Finding, Truth)> {
        Finding::all()
            .iter()
            .filter(|f| !except.contains(f))
            .map(|f| (*f, Truth::Absent))
            .collect()
    };
    let base = Spec {
        age: Some(44),
        sex: Some(Sex::Male),
        conditions: Some(vec![Condition::BunionPain]),
        symptoms: Some(40),
        care: Some(20),
        findings: all_absent(&[]),
        medications: Some(List::Closed(vec![])),
        allergies: Some(List::Closed(vec![])),
    };
    let cases = vec![
        Spec {
            findings: all_absent(&[Finding::SkinInfectionAtSite]),
            ..base.clone()
        },
        Spec {
            findings: all_absent(&[Finding::RecentInjury, Finding::BoneTendernessNavicular]),
            ..base.clone()
        },
        Spec {
            symptoms: None,
            care: None,
            ..base.clone()
        },
        Spec {
            symptoms: Some(8),
            care: None,
            ..base.clone()
        },
        // Under the coupled policy, care is forced short by the symptoms.
        Spec {
            symptoms: Some(5),
            care: None,
            ..base.clone()
        },
        // The same with a condition the coupled policy treats, so that the
        // timing group, not suitability, decides there.
        Spec {
            conditions: Some(vec![Condition::PlantarFasciitis]),
            symptoms: Some(5),
            care: None,
            ..base.clone()
        },
        Spec {
            symptoms: None,
            care: Some(12),
            ..base.clone()
        },
        Spec {
            age: None,
            conditions: None,
            ..base.clone()
        },
        Spec {
            medications: None,
            allergies: None,
            ..base.clone()
        },
        Spec {
            findings: all_absent(&[Finding::Fever, Finding::Diabetes]),
            medications: None,
            ..base.clone()
        },
        Spec {
            findings: all_absent(&[
                Finding::Fever,
                Finding::SkinInfectionAtSite,
                Finding::Pregnancy,
            ]),
            sex: None,
            symptoms: None,
            ..base.clone()
        },
    ];
    for spec in cases {
        for policy in policies() {
            if let Err(e) = check(&spec, &policy) {
                panic!("{spec:?} under {}: {e}", policy.name());
            }
        }
    }
}
