//! Property tests through the public API: arbitrary valid presentations
//! (and arbitrary text) against the contract of `docs/decision-model.md` §5–§6.
//!
//! Properties 2–10 run under two policies: the literature defaults and a
//! strict clinic policy (anticoagulants absolute, minimum age 21).

use std::sync::OnceLock;

use crate::common::{set_of, truth};

use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use proptest::test_runner::TestCaseError;

use prolo_triage::{
    assess, assess_json, decide, Allergy, Assessment, Condition, ConservativeCare, Fact, Family,
    Finding, FindingGroup, Group, MedicationClass, Policy, Presentation, PresentationBuilder, Role,
    Sex, Side, Subject, Truth, Verdict, MAX_DOCUMENT_BYTES, MAX_SUMMARY_CHARS,
};

// ---------------------------------------------------------------------------
// Configuration and fixtures
// ---------------------------------------------------------------------------

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 512,
        ..ProptestConfig::default()
    }
}

/// The literature defaults and a strict clinic policy.
fn policies() -> &'static [Policy; 2] {
    static POLICIES: OnceLock<[Policy; 2]> = OnceLock::new();
    POLICIES.get_or_init(|| {
        [
            Policy::default(),
            Policy::builder("strict", "1")
                .classify(
                    Fact::Medication(MedicationClass::Anticoagulant),
                    Group::Absolute,
                )
                .min_age_years(21)
                .build()
                .unwrap(),
        ]
    })
}

/// The five examination findings of the Ottawa ankle and foot rules.
const OTTAWA_EXAMINATION: [Finding; 5] = [
    Finding::BoneTendernessLateralMalleolus,
    Finding::BoneTendernessMedialMalleolus,
    Finding::BoneTendernessFifthMetatarsalBase,
    Finding::BoneTendernessNavicular,
    Finding::UnableToBearWeight,
];

/// Ages at and around both policies' minimum (18 and 21) and the range ends.
const NEAR_AGES: [u32; 9] = [0, 17, 18, 19, 20, 21, 22, 129, 130];

/// Weeks at and around the thresholds (6, 12), the refractory bound (26)
/// and the range ends.
const NEAR_WEEKS: [u32; 11] = [0, 1, 5, 6, 7, 11, 12, 13, 26, 27, 5200];

// ---------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------

fn age() -> impl Strategy<Value = Option<u32>> {
    prop_oneof![
        1 => Just(None),
        2 => select(NEAR_AGES.to_vec()).prop_map(Some),
        2 => (0u32..=130).prop_map(Some),
    ]
}

fn weeks() -> impl Strategy<Value = Option<u32>> {
    prop_oneof![
        1 => Just(None),
        3 => select(NEAR_WEEKS.to_vec()).prop_map(Some),
        1 => (0u32..=5200).prop_map(Some),
    ]
}

/// `(symptom_weeks, conservative_care_weeks)` with care <= symptoms when
/// both are known.
fn durations() -> impl Strategy<Value = (Option<u32>, Option<u32>)> {
    (weeks(), weeks()).prop_map(|(symptoms, care)| match (symptoms, care) {
        (Some(s), Some(c)) if c > s => (Some(c), Some(s)),
        other => other,
    })
}

/// A medication or allergy list as generated: closed (a set) or open (a
/// truth value per class, in vocabulary order; contract v2).
#[derive(Debug, Clone)]
enum List<T> {
    Closed(Vec<T>),
    Open(Vec<Truth>),
}

/// `None`, a closed list (as [`set_of`]) or an open list with each class
/// mostly absent, `weights` the truth profile of its classes.
fn list_of<T: Clone + std::fmt::Debug + 'static>(
    all: &'static [T],
    closed: impl Strategy<Value = Option<Vec<T>>> + 'static,
    weights: (u32, u32, u32),
) -> impl Strategy<Value = Option<List<T>>> {
    prop_oneof![
        3 => closed.prop_map(|c| c.map(List::Closed)),
        2 => prop::collection::vec(truth(weights.0, weights.1, weights.2), all.len())
            .prop_map(|v| Some(List::Open(v))),
    ]
}

/// One truth value per finding, in `Finding::all()` order, from one of
/// three profiles: uniform, mostly absent, and red flags screened (the
/// profile that reaches the `no` and `yes` families).
fn findings() -> impl Strategy<Value = Vec<Truth>> {
    let n = Finding::all().len();
    let screened: Vec<BoxedStrategy<Truth>> = Finding::all()
        .iter()
        .map(|f| match f.group() {
            FindingGroup::RedFlag => Just(Truth::Absent).boxed(),
            FindingGroup::OttawaComponent if *f == Finding::RecentInjury => truth(3, 1, 1),
            FindingGroup::OttawaComponent => truth(1, 1, 1),
            FindingGroup::Absolute | FindingGroup::Relative => truth(4, 1, 1),
            _ => truth(1, 1, 1),
        })
        .collect();
    prop_oneof![
        1 => prop::collection::vec(truth(1, 1, 1), n),
        2 => prop::collection::vec(truth(18, 1, 1), n),
        3 => screened,
    ]
}

/// The raw parts of a presentation, before the builder checks them.
#[derive(Debug, Clone)]
struct Parts {
    age: Option<u32>,
    sex: Option<Sex>,
    conditions: Option<Vec<Condition>>,
    side: Option<Side>,
    durations: (Option<u32>, Option<u32>),
    care: Option<Vec<ConservativeCare>>,
    pain: Option<u32>,
    findings: Vec<Truth>,
    medications: Option<List<MedicationClass>>,
    allergies: Option<List<Allergy>>,
}

impl Parts {
    fn build(self) -> Presentation {
        let mut b = Presentation::builder();
        if let Some(v) = self.age {
            b = b.age_years(v);
        }
        if let Some(v) = self.sex {
            b = b.sex(v);
        }
        if let Some(v) = self.conditions {
            b = b.conditions(v);
        }
        if let Some(v) = self.side {
            b = b.side(v);
        }
        if let Some(v) = self.durations.0 {
            b = b.symptom_weeks(v);
        }
        if let Some(v) = self.durations.1 {
            b = b.conservative_care_weeks(v);
        }
        if let Some(v) = self.care {
            b = b.conservative_care(v);
        }
        if let Some(v) = self.pain {
            b = b.pain_score(v);
        }
        for (&f, t) in Finding::all().iter().zip(self.findings) {
            // Pregnancy present with sex male is an input error.
            let t = if f == Finding::Pregnancy && self.sex == Some(Sex::Male) && t == Truth::Present
            {
                Truth::Unknown
            } else {
                t
            };
            b = b.finding(f, t);
        }
        match self.medications {
            Some(List::Closed(v)) => b = b.medications(v),
            Some(List::Open(truths)) => {
                for (&m, t) in MedicationClass::all().iter().zip(truths) {
                    b = b.medication(m, t);
                }
            }
            None => {}
        }
        match self.allergies {
            Some(List::Closed(v)) => b = b.allergies(v),
            Some(List::Open(truths)) => {
                for (&a, t) in Allergy::all().iter().zip(truths) {
                    b = b.allergy(a, t);
                }
            }
            None => {}
        }
        b.build().unwrap()
    }
}

prop_compose! {
    /// Any valid presentation: every field independently unknown or any
    /// value of its range.
    fn any_presentation()(
        age in age(),
        sex in proptest::option::of(select(Sex::all())),
        conditions in set_of(Condition::all()),
        side in proptest::option::of(select(Side::all())),
        durations in durations(),
        care in set_of(ConservativeCare::all()),
        pain in proptest::option::of(0u32..=10),
        findings in findings(),
        medications in list_of(MedicationClass::all(), set_of(MedicationClass::all()), (1, 1, 1)),
        allergies in list_of(Allergy::all(), set_of(Allergy::all()), (1, 1, 1)),
    ) -> Presentation {
        Parts { age, sex, conditions, side, durations, care, pain, findings, medications, allergies }
            .build()
    }
}

/// Weeks of symptoms and of care at or near the point where treatment is
/// allowed (care <= symptoms when both are known).
fn ready_durations() -> impl Strategy<Value = (Option<u32>, Option<u32>)> {
    let symptoms = prop_oneof![
        1 => Just(None),
        3 => select(vec![11u32, 12, 13, 26, 27, 5200]).prop_map(Some),
        2 => (12u32..=5200).prop_map(Some),
    ];
    let care = prop_oneof![
        1 => Just(None),
        3 => select(vec![5u32, 6, 7, 12, 26, 27]).prop_map(Some),
        1 => (6u32..=5200).prop_map(Some),
    ];
    (symptoms, care).prop_map(|(s, c)| match (s, c) {
        (Some(s), Some(c)) if c > s => (Some(c), Some(s)),
        other => other,
    })
}

/// Mostly known and harmless, sometimes one step away.
fn ready_list<T: Clone + std::fmt::Debug + 'static>(
    harmless: Vec<T>,
    all: &'static [T],
) -> impl Strategy<Value = Option<Vec<T>>> {
    let n = harmless.len();
    prop_oneof![
        1 => Just(None),
        4 => Just(Some(Vec::new())),
        3 => subsequence(harmless, 0..=n).prop_map(Some),
        1 => subsequence(all.to_vec(), 0..=2).prop_map(Some),
    ]
}

/// Every finding absent except at most two, and the two supporting
/// findings anything.
fn screened_findings() -> impl Strategy<Value = Vec<Truth>> {
    let n = Finding::all().len();
    (
        prop::collection::vec((0..n, truth(1, 1, 1)), 0..=2),
        truth(1, 1, 1),
        truth(1, 1, 1),
    )
        .prop_map(move |(changes, laxity, instability)| {
            let mut out = vec![Truth::Absent; n];
            for (&f, t) in Finding::all().iter().zip(out.iter_mut()) {
                match f {
                    Finding::LigamentLaxity => *t = laxity,
                    Finding::JointInstability => *t = instability,
                    _ => {}
                }
            }
            for (i, t) in changes {
                out[i] = t;
            }
            out
        })
}

prop_compose! {
    /// A presentation close to "discuss": adult, treatable, past the
    /// thresholds, screened; each part sometimes one step away.
    fn ready_presentation()(
        age in prop_oneof![1 => select(NEAR_AGES.to_vec()), 3 => 18u32..=130],
        sex in proptest::option::of(select(Sex::all())),
        conditions in prop_oneof![
            1 => Just(None),
            6 => (select(Condition::all()), subsequence(Condition::all().to_vec(), 0..=2))
                .prop_map(|(c, more)| Some(more.into_iter().chain([c]).collect())),
        ],
        side in proptest::option::of(select(Side::all())),
        durations in ready_durations(),
        care in set_of(ConservativeCare::all()),
        pain in proptest::option::of(0u32..=10),
        findings in screened_findings(),
        medications in list_of(
            MedicationClass::all(),
            ready_list(
                vec![MedicationClass::Nsaid, MedicationClass::LowDoseAspirin],
                MedicationClass::all(),
            ),
            (8, 1, 1),
        ),
        allergies in list_of(Allergy::all(), ready_list(Vec::new(), Allergy::all()), (8, 1, 1)),
    ) -> Presentation {
        Parts { age: Some(age), sex, conditions, side, durations, care, pain, findings, medications, allergies }
            .build()
    }
}

/// An arbitrary valid presentation, built with `Presentation::builder()`.
fn presentation() -> impl Strategy<Value = Presentation> {
    prop_oneof![
        1 => any_presentation(),
        1 => ready_presentation(),
    ]
}

/// Every wire name a document may use, and some it may not.
fn names() -> Vec<String> {
    let mut out: Vec<String> = [
        "age_years",
        "sex",
        "conditions",
        "side",
        "symptom_weeks",
        "conservative_care_weeks",
        "conservative_care",
        "pain_score",
        "findings",
        "medications",
        "allergies",
        "name",
        "version",
        "min_age_years",
        "min_symptom_weeks",
        "min_conservative_care_weeks",
        "treatable_conditions",
        "classification",
        "present",
        "absent",
        "unknown",
        "absolute",
        "relative",
        "red_flag",
        "female",
        "male",
        "other",
        "left",
        "",
        "\u{feff}",
        "fevr",
        "medications.",
        "allergies.nsaid",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    out.extend(Finding::all().iter().map(|f| f.as_str().to_string()));
    out.extend(Condition::all().iter().map(|c| c.as_str().to_string()));
    out.extend(
        ConservativeCare::all()
            .iter()
            .map(|c| c.as_str().to_string()),
    );
    out.extend(
        MedicationClass::all()
            .iter()
            .map(|m| Fact::Medication(*m).to_string()),
    );
    out.extend(
        MedicationClass::all()
            .iter()
            .map(|m| m.as_str().to_string()),
    );
    out.extend(Allergy::all().iter().map(|a| Fact::Allergy(*a).to_string()));
    out.extend(Allergy::all().iter().map(|a| a.as_str().to_string()));
    out
}

/// JSON scalars, including awkward numbers.
const SCALARS: [&str; 22] = [
    "null",
    "true",
    "false",
    "0",
    "-0",
    "1",
    "-1",
    "17",
    "18",
    "130",
    "131",
    "5200",
    "5201",
    "65535",
    "65536",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "1.5",
    "1e400",
    "12.0",
];

/// Fragments of JSON-ish text, glued together at random.
fn fragments() -> Vec<String> {
    let mut out: Vec<String> = [
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        " ",
        "\"",
        "\\",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "\u{feff}",
        "\"findings\"",
        "\"fever\"",
        "\"present\"",
        "\"absent\"",
        "\"unknown\"",
        "\"age_years\"",
        "\"conditions\"",
        "\"heel_pain\"",
        "\"medications\"",
        "\"anticoagulant\"",
        "\"name\"",
        "\"version\"",
        "\"classification\"",
        "\"medications.anticoagulant\"",
        "\"absolute\"",
        "\"red_flag\"",
        "\"sex\"",
        "\"male\"",
        "\"pregnancy\"",
        "\"symptom_weeks\"",
        "\"conservative_care_weeks\"",
        "\"treatable_conditions\"",
        "\"other\"",
        "\"min_age_years\"",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    out.extend(SCALARS.iter().map(|s| (*s).to_string()));
    out
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Syntactically valid JSON built from the vocabulary: reaches the
/// validation paths behind the parser.
fn json_value() -> impl Strategy<Value = String> {
    let names = names();
    let leaf = prop_oneof![
        3 => select(SCALARS.to_vec()).prop_map(str::to_string),
        4 => select(names.clone()).prop_map(|n| quoted(&n)),
        1 => ".{0,12}".prop_map(|s| quoted(&s)),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6)
                .prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec((select(names.clone()), inner), 0..6).prop_map(object_text),
        ]
    })
}

fn object_text(entries: Vec<(String, String)>) -> String {
    let body: Vec<String> = entries
        .iter()
        .map(|(k, v)| format!("{}:{v}", quoted(k)))
        .collect();
    format!("{{{}}}", body.join(","))
}

/// A JSON object whose keys are field names (mostly).
fn json_document() -> impl Strategy<Value = String> {
    prop::collection::vec((select(names()), json_value()), 0..8).prop_map(object_text)
}

/// A policy document: name and version, then random fields, or a
/// classification of random facts to random groups.
fn policy_document() -> impl Strategy<Value = String> {
    let head = || {
        vec![
            ("name".to_string(), quoted("clinic")),
            ("version".to_string(), quoted("1")),
        ]
    };
    prop_oneof![
        prop::collection::vec((select(names()), json_value()), 0..5).prop_map(move |rest| {
            let mut entries = head();
            entries.extend(rest);
            object_text(entries)
        }),
        prop::collection::vec(
            (
                select(names()),
                select(vec!["absolute", "relative", "red_flag", "unknown"]),
            ),
            0..6
        )
        .prop_map(move |classes| {
            let classification =
                object_text(classes.into_iter().map(|(k, g)| (k, quoted(g))).collect());
            let mut entries = head();
            entries.push(("classification".to_string(), classification));
            object_text(entries)
        }),
    ]
}

/// A valid presentation's JSON with one random edit: a fragment inserted
/// or a span deleted.
fn mutated_document() -> impl Strategy<Value = String> {
    (
        presentation(),
        any::<prop::sample::Index>(),
        0usize..8,
        select(fragments()),
        any::<bool>(),
    )
        .prop_map(|(p, at, len, fragment, insert)| {
            let mut text = p.to_json();
            // to_json is ASCII: every byte index is a char boundary.
            let i = at.index(text.len().saturating_add(1));
            if insert {
                text.insert_str(i, &fragment);
            } else {
                let end = i.saturating_add(len).min(text.len());
                text.replace_range(i..end, "");
            }
            text
        })
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A builder holding every value of `p`, read back through the accessors.
fn builder_of(p: &Presentation) -> PresentationBuilder {
    let mut b = Presentation::builder();
    if let Some(v) = p.age_years() {
        b = b.age_years(v.get().into());
    }
    if let Some(v) = p.sex() {
        b = b.sex(v);
    }
    if let Some(v) = p.conditions() {
        b = b.conditions(v);
    }
    if let Some(v) = p.side() {
        b = b.side(v);
    }
    if let Some(v) = p.symptom_weeks() {
        b = b.symptom_weeks(v.get().into());
    }
    if let Some(v) = p.conservative_care_weeks() {
        b = b.conservative_care_weeks(v.get().into());
    }
    if let Some(v) = p.conservative_care() {
        b = b.conservative_care(v);
    }
    if let Some(v) = p.pain_score() {
        b = b.pain_score(v.get().into());
    }
    for (f, t) in p.findings() {
        b = b.finding(f, t);
    }
    if let Some(v) = p.medications() {
        b = b.medication_list(v);
    }
    if let Some(v) = p.allergies() {
        b = b.allergy_list(v);
    }
    b
}

fn red_flag_findings() -> impl Iterator<Item = Finding> {
    Finding::all()
        .iter()
        .copied()
        .filter(|f| f.group() == FindingGroup::RedFlag)
}

/// A red flag is present: one of the nine, or the Ottawa rules positive.
fn red_flag_present(p: &Presentation) -> bool {
    red_flag_findings().any(|f| p.finding(f) == Truth::Present)
        || (p.finding(Finding::RecentInjury) == Truth::Present
            && OTTAWA_EXAMINATION
                .iter()
                .any(|f| p.finding(*f) == Truth::Present))
}

/// A red flag could be present: present or unknown, the Ottawa rules
/// included (injury not absent and some examination finding not absent).
fn red_flag_possible(p: &Presentation) -> bool {
    red_flag_findings().any(|f| p.finding(f) != Truth::Absent)
        || (p.finding(Finding::RecentInjury) != Truth::Absent
            && OTTAWA_EXAMINATION
                .iter()
                .any(|f| p.finding(*f) != Truth::Absent))
}

fn rank(v: Verdict) -> u8 {
    v.rank()
        .unwrap_or_else(|| panic!("best and worst cases are determinate, got {v}"))
}

fn context(p: &Presentation, policy: &Policy) -> String {
    format!(
        "presentation {} under policy {}",
        p.to_json(),
        policy.name()
    )
}

/// Making `before` into `after` (more adverse) never improves a
/// determinate verdict, nor the best or worst case.
fn check_not_better(
    before: &Presentation,
    after: &Presentation,
    policy: &Policy,
    change: &str,
) -> Result<(), TestCaseError> {
    let (old, new) = (assess(before, policy), assess(after, policy));
    let why = || {
        format!(
            "{change}: {} -> {} (best {} -> {}, worst {} -> {})\nbefore: {}\nafter:  {}\npolicy {}",
            old.verdict,
            new.verdict,
            old.best_case,
            new.best_case,
            old.worst_case,
            new.worst_case,
            before.to_json(),
            after.to_json(),
            policy.name()
        )
    };
    if let (Some(o), Some(n)) = (old.verdict.rank(), new.verdict.rank()) {
        prop_assert!(n <= o, "verdict improved. {}", why());
    }
    prop_assert!(
        rank(new.best_case) <= rank(old.best_case),
        "best case improved. {}",
        why()
    );
    prop_assert!(
        rank(new.worst_case) <= rank(old.worst_case),
        "worst case improved. {}",
        why()
    );
    Ok(())
}

/// The more adverse values of a finding.
fn more_adverse(t: Truth) -> &'static [Truth] {
    match t {
        Truth::Absent => &[Truth::Unknown, Truth::Present],
        Truth::Unknown => &[Truth::Present],
        Truth::Present => &[],
    }
}

/// A small deterministic generator (splitmix64) for shuffles.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[derive(Debug, Clone, Copy)]
enum Order {
    Reverse,
    Shuffle(u64),
}

impl Order {
    fn arrange<T>(&mut self, items: &mut [T]) {
        match self {
            Order::Reverse => items.reverse(),
            Order::Shuffle(state) => {
                for i in (1..items.len()).rev() {
                    let j = usize::try_from(next(state) % (i as u64 + 1)).unwrap();
                    items.swap(i, j);
                }
            }
        }
    }
}

/// The JSON text of `p` with every list, the findings object and the
/// top-level fields in the given order; with `explicit_unknowns`, every
/// unknown finding is written out as `"unknown"` too.
fn reordered_json(p: &Presentation, mut order: Order, explicit_unknowns: bool) -> String {
    let value: serde_json::Value = serde_json::from_str(&p.to_json()).unwrap();
    let serde_json::Value::Object(map) = value else {
        panic!("to_json writes an object: {}", p.to_json());
    };
    let mut fields: Vec<String> = Vec::new();
    for (key, value) in map {
        if key == "findings" {
            continue;
        }
        let text = match value {
            serde_json::Value::Array(mut items) => {
                order.arrange(&mut items);
                serde_json::to_string(&items).unwrap()
            }
            other => serde_json::to_string(&other).unwrap(),
        };
        fields.push(format!("{}: {text}", quoted(&key)));
    }
    let mut entries: Vec<(String, String)> = Finding::all()
        .iter()
        .filter_map(|f| match p.finding(*f) {
            Truth::Unknown if !explicit_unknowns => None,
            t => Some((f.as_str().to_string(), quoted(&t.to_string()))),
        })
        .collect();
    if !entries.is_empty() {
        order.arrange(&mut entries);
        fields.push(format!("\"findings\": {}", object_text(entries)));
    }
    order.arrange(&mut fields);
    format!("{{{}}}", fields.join(", "))
}

// ---------------------------------------------------------------------------
// 1. No panic
// ---------------------------------------------------------------------------

/// Anything `assess_json` or `Policy::from_json` accepts reads back.
fn check_text(input: &str) -> Result<(), TestCaseError> {
    for policy in policies() {
        if let Ok(out) = assess_json(input, policy) {
            let back = serde_json::from_str::<Assessment>(&out);
            prop_assert!(back.is_ok(), "{input:?} gave unreadable {out}");
        }
    }
    if let Ok(policy) = Policy::from_json(input) {
        prop_assert_eq!(Policy::from_json(&policy.to_json()), Ok(policy.clone()));
        let _ = assess(&Presentation::default(), &policy);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn p01_no_panic_on_valid_presentations(p in presentation()) {
        for policy in policies() {
            let _ = assess(&p, policy);
            let _ = decide(&p, policy);
            let out = assess_json(&p.to_json(), policy);
            prop_assert!(out.is_ok(), "{}: {:?}", context(&p, policy), out);
        }
    }

    #[test]
    fn p01_no_panic_on_arbitrary_strings(input in ".*") {
        check_text(&input)?;
    }

    #[test]
    fn p01_no_panic_on_fragment_soup(
        parts in prop::collection::vec(select(fragments()), 0..48),
    ) {
        check_text(&parts.concat())?;
    }

    #[test]
    fn p01_no_panic_on_vocabulary_documents(input in json_document()) {
        check_text(&input)?;
    }

    #[test]
    fn p01_no_panic_on_policy_documents(input in policy_document()) {
        check_text(&input)?;
    }

    #[test]
    fn p01_no_panic_on_mutated_presentations(input in mutated_document()) {
        check_text(&input)?;
    }

    // -----------------------------------------------------------------------
    // 2. decide agrees with assess
    // -----------------------------------------------------------------------

    #[test]
    fn p02_decide_is_the_verdict_of_assess(p in presentation()) {
        for policy in policies() {
            prop_assert_eq!(
                decide(&p, policy),
                assess(&p, policy).verdict,
                "{}",
                context(&p, policy)
            );
        }
    }

    // -----------------------------------------------------------------------
    // 3. Red flags dominate, and only red flags refer
    // -----------------------------------------------------------------------

    #[test]
    fn p03_red_flags_dominate(p in presentation()) {
        for policy in policies() {
            let verdict = assess(&p, policy).verdict;
            if red_flag_present(&p) {
                prop_assert_eq!(verdict, Verdict::ReferUrgently, "{}", context(&p, policy));
            }
            if verdict == Verdict::ReferUrgently {
                prop_assert!(red_flag_present(&p), "referred without a red flag: {}", context(&p, policy));
            }
        }
    }

    // -----------------------------------------------------------------------
    // 4. Nothing suggested before the red flags are screened
    // -----------------------------------------------------------------------

    #[test]
    fn p04_no_yes_family_while_a_red_flag_could_be_present(p in presentation()) {
        for policy in policies() {
            let verdict = assess(&p, policy).verdict;
            if red_flag_possible(&p) {
                prop_assert_ne!(verdict.family(), Some(Family::Yes), "{}", context(&p, policy));
                // §5: "a red flag that is unknown always gives
                // needs_information unless a red flag is present".
                if !red_flag_present(&p) {
                    prop_assert_eq!(verdict, Verdict::NeedsInformation, "{}", context(&p, policy));
                }
            }
        }
    }

    // -----------------------------------------------------------------------
    // 5. Monotonicity: more adverse facts never give a better verdict
    // -----------------------------------------------------------------------

    #[test]
    fn p05_more_adverse_finding_is_never_better(p in presentation()) {
        for policy in policies() {
            for &f in Finding::all() {
                if f == Finding::Pregnancy && p.sex() == Some(Sex::Male) {
                    continue;
                }
                let old = p.finding(f);
                for &new in more_adverse(old) {
                    let after = builder_of(&p).finding(f, new).build().unwrap();
                    check_not_better(&p, &after, policy, &format!("{f}: {old} -> {new}"))?;
                }
            }
        }
    }

    #[test]
    fn p05_younger_is_never_better(p in presentation(), pick in any::<prop::sample::Index>()) {
        let Some(age) = p.age_years().map(|a| u32::from(a.get())) else {
            return Ok(());
        };
        let mut younger: Vec<u32> = NEAR_AGES
            .iter()
            .copied()
            .chain([age / 2, age.saturating_sub(1)])
            .filter(|a| *a < age)
            .collect();
        if age > 0 {
            younger.push(pick.index(usize::try_from(age).unwrap()).try_into().unwrap());
        }
        for policy in policies() {
            for &a in &younger {
                let after = builder_of(&p).age_years(a).build().unwrap();
                check_not_better(&p, &after, policy, &format!("age {age} -> {a}"))?;
            }
        }
    }

    #[test]
    fn p05_shorter_durations_are_never_better(
        p in presentation(),
        pick in any::<prop::sample::Index>(),
    ) {
        let symptoms = p.symptom_weeks().map(|w| u32::from(w.get()));
        let care = p.conservative_care_weeks().map(|w| u32::from(w.get()));
        let floor = care.unwrap_or(0);
        for policy in policies() {
            if let Some(s) = symptoms {
                let mut shorter: Vec<u32> = NEAR_WEEKS
                    .iter()
                    .copied()
                    .chain([floor, s / 2, s.saturating_sub(1)])
                    .collect();
                if s > floor {
                    let span = usize::try_from(s - floor).unwrap();
                    shorter.push(floor + u32::try_from(pick.index(span)).unwrap());
                }
                for new in shorter.into_iter().filter(|w| *w >= floor && *w < s) {
                    let after = builder_of(&p).symptom_weeks(new).build().unwrap();
                    check_not_better(&p, &after, policy, &format!("symptom_weeks {s} -> {new}"))?;
                }
            }
            if let Some(c) = care {
                let mut shorter: Vec<u32> = NEAR_WEEKS
                    .iter()
                    .copied()
                    .chain([c / 2, c.saturating_sub(1)])
                    .collect();
                if c > 0 {
                    shorter.push(u32::try_from(pick.index(usize::try_from(c).unwrap())).unwrap());
                }
                for new in shorter.into_iter().filter(|w| *w < c) {
                    let after = builder_of(&p).conservative_care_weeks(new).build().unwrap();
                    check_not_better(
                        &p,
                        &after,
                        policy,
                        &format!("conservative_care_weeks {c} -> {new}"),
                    )?;
                }
            }
        }
    }

    #[test]
    fn p05_another_medication_or_allergy_is_never_better(p in presentation()) {
        for policy in policies() {
            // More adverse: absent -> unknown -> present, one class at a
            // time, in a closed or an open list.
            for &m in MedicationClass::all() {
                let now = p.medication(m);
                for worse in [Truth::Unknown, Truth::Present] {
                    if now == Truth::Absent || (now == Truth::Unknown && worse == Truth::Present) {
                        let after = builder_of(&p).medication(m, worse).build().unwrap();
                        check_not_better(&p, &after, policy, &format!("medication {m} {now} -> {worse}"))?;
                    }
                }
            }
            for &a in Allergy::all() {
                let now = p.allergy(a);
                for worse in [Truth::Unknown, Truth::Present] {
                    if now == Truth::Absent || (now == Truth::Unknown && worse == Truth::Present) {
                        let after = builder_of(&p).allergy(a, worse).build().unwrap();
                        check_not_better(&p, &after, policy, &format!("allergy {a} {now} -> {worse}"))?;
                    }
                }
            }
        }
    }

    #[test]
    fn p05_a_less_treatable_diagnosis_is_never_better(p in presentation()) {
        // More adverse diagnoses: unknown -> only `other`; known -> one
        // treatable condition fewer, or `other` alone, or none.
        for policy in policies() {
            let mut worse: Vec<Vec<Condition>> = vec![vec![Condition::Other], vec![]];
            if let Some(known) = p.conditions() {
                for c in known.iter() {
                    worse.push(known.iter().filter(|k| *k != c).collect());
                }
            }
            for conditions in worse {
                let after = builder_of(&p).conditions(conditions.iter().copied()).build().unwrap();
                if p.conditions().is_none_or(|known| conditions.iter().all(|c| known.contains(*c))) {
                    check_not_better(&p, &after, policy, &format!("conditions -> {conditions:?}"))?;
                }
            }
        }
    }

    // -----------------------------------------------------------------------
    // 6. The order of lists and keys does not matter
    // -----------------------------------------------------------------------


    #[test]
    fn p06_list_and_key_order_do_not_matter(p in presentation(), seed in any::<u64>()) {
        let canonical = p.to_json();
        for policy in policies() {
            let expected = assess_json(&canonical, policy);
            prop_assert_eq!(&expected, &Ok(assess(&p, policy).to_json()));
            for order in [Order::Reverse, Order::Shuffle(seed)] {
                for explicit_unknowns in [false, true] {
                    let text = reordered_json(&p, order, explicit_unknowns);
                    prop_assert_eq!(
                        Presentation::from_json(&text),
                        Ok(p),
                        "{} read differently from {}",
                        text,
                        canonical
                    );
                    prop_assert_eq!(
                        &assess_json(&text, policy),
                        &expected,
                        "{} assessed differently from {} under {}",
                        text,
                        canonical,
                        policy.name()
                    );
                }
            }
        }
    }

    // -----------------------------------------------------------------------
    // 7. Round trips
    // -----------------------------------------------------------------------

    #[test]
    fn p07_round_trips(p in presentation()) {
        let json = p.to_json();
        prop_assert_eq!(Presentation::from_json(&json), Ok(p), "{}", json);
        prop_assert_eq!(serde_json::from_str::<Presentation>(&json).ok(), Some(p), "{}", json);
        prop_assert_eq!(builder_of(&p).build(), Ok(p), "{}", json);
        for policy in policies() {
            let a = assess(&p, policy);
            let back = serde_json::from_str::<Assessment>(&a.to_json());
            prop_assert!(back.is_ok(), "{}: {:?}", context(&p, policy), back);
            prop_assert_eq!(back.unwrap(), a, "{}", context(&p, policy));
        }
    }

    // -----------------------------------------------------------------------
    // 8. Summary: one short sentence
    // -----------------------------------------------------------------------

    #[test]
    fn p08_summary_is_one_short_sentence(p in presentation()) {
        for policy in policies() {
            let summary = assess(&p, policy).summary;
            prop_assert!(!summary.trim().is_empty(), "{}", context(&p, policy));
            prop_assert!(
                summary.chars().count() <= MAX_SUMMARY_CHARS,
                "{} chars: {:?}; {}",
                summary.chars().count(),
                summary,
                context(&p, policy)
            );
            prop_assert!(summary.ends_with('.'), "{:?}; {}", summary, context(&p, policy));
        }
    }

    // -----------------------------------------------------------------------
    // 9. Reasons and blocking questions
    // -----------------------------------------------------------------------

    #[test]
    fn p09_reasons_and_blocking_questions(p in presentation()) {
        for policy in policies() {
            let a = assess(&p, policy);
            let ctx = || format!("{}\n{}", context(&p, policy), a.to_json());
            if a.verdict == Verdict::Discuss {
                // §6: "`discuss` lists what supports it".
                prop_assert!(
                    a.reasons.iter().any(|r| r.role == Role::Supporting),
                    "discuss without support: {}",
                    ctx()
                );
            } else {
                prop_assert!(!a.reasons.is_empty(), "no reason: {}", ctx());
            }
            for r in &a.reasons {
                prop_assert!(!r.rule.as_str().trim().is_empty(), "{}", ctx());
                prop_assert!(!r.text.trim().is_empty(), "reason {} without text: {}", r.rule, ctx());
                prop_assert!(
                    !r.source.citation.trim().is_empty(),
                    "reason {} without source: {}",
                    r.rule,
                    ctx()
                );
            }
            if a.verdict == Verdict::NeedsInformation {
                prop_assert!(
                    a.questions.first().is_some_and(|q| q.blocking),
                    "needs information, first question not blocking: {}",
                    ctx()
                );
            }
            if a.verdict.rank().is_some() && a.best_case != a.worst_case {
                prop_assert!(
                    a.questions.iter().all(|q| !q.blocking),
                    "determinate verdict with a blocking question: {}",
                    ctx()
                );
            }
        }
    }

    // -----------------------------------------------------------------------
    // 10. Questions
    // -----------------------------------------------------------------------

    #[test]
    fn p10_questions(p in presentation()) {
        for policy in policies() {
            let a = assess(&p, policy);
            let ctx = || format!("{}\n{}", context(&p, policy), a.to_json());
            let mut seen: Vec<Subject> = Vec::new();
            for q in &a.questions {
                prop_assert!(!seen.contains(&q.finding), "{} asked twice: {}", q.finding, ctx());
                seen.push(q.finding);
                prop_assert!(!q.text.trim().is_empty(), "{}", ctx());
                // §6: questions are about unknown facts.
                let unknown = match q.finding {
                    Subject::Finding(Finding::Pregnancy) if p.sex() == Some(Sex::Male) => false,
                    Subject::Finding(f) => p.finding(f) == Truth::Unknown,
                    Subject::AgeYears => p.age_years().is_none(),
                    Subject::Conditions => p.conditions().is_none(),
                    Subject::SymptomWeeks => p.symptom_weeks().is_none(),
                    Subject::ConservativeCareWeeks => p.conservative_care_weeks().is_none(),
                    Subject::Medications => p.medications().is_none(),
                    Subject::Allergies => p.allergies().is_none(),
                    // A class is asked on its own only in an open list.
                    Subject::Medication(m) => {
                        p.medications().is_some() && p.medication(m) == Truth::Unknown
                    }
                    Subject::Allergy(a) => p.allergies().is_some() && p.allergy(a) == Truth::Unknown,
                    _ => false,
                };
                prop_assert!(unknown, "asked about the known {}: {}", q.finding, ctx());
            }
            if p.finding(Finding::RecentInjury) == Truth::Absent {
                for f in OTTAWA_EXAMINATION {
                    prop_assert!(
                        !seen.contains(&Subject::Finding(f)),
                        "asked about {} with no recent injury: {}",
                        f,
                        ctx()
                    );
                }
            }
        }
    }

    // -----------------------------------------------------------------------
    // 11. (extra) The verdict combines best and worst as §5 says
    // -----------------------------------------------------------------------

    #[test]
    fn p11_verdict_combines_best_and_worst(p in presentation()) {
        for policy in policies() {
            let a = assess(&p, policy);
            let (best, worst) = (a.best_case, a.worst_case);
            prop_assert!(rank(worst) <= rank(best), "{}", context(&p, policy));
            let expected = if best == worst {
                best
            } else if best.family() != worst.family() {
                Verdict::NeedsInformation
            } else if best.family() == Some(Family::Yes) {
                Verdict::DiscussWithPrecautions
            } else {
                best
            };
            prop_assert_eq!(a.verdict, expected, "{}", context(&p, policy));
        }
    }
}

// ---------------------------------------------------------------------------
// Deterministic edge cases of property 1
// ---------------------------------------------------------------------------

#[test]
fn p01_deep_and_large_documents_are_errors() {
    let policy = Policy::default();
    let deep_arrays = "[".repeat(MAX_DOCUMENT_BYTES);
    let deep_objects = "{\"findings\":".repeat(MAX_DOCUMENT_BYTES / 12);
    let deep_in_field = format!(
        "{{\"conditions\":{}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let oversize = format!("{{}}{}", " ".repeat(MAX_DOCUMENT_BYTES));
    for input in [&deep_arrays, &deep_objects, &deep_in_field, &oversize] {
        assert!(assess_json(input, &policy).is_err());
        assert!(Policy::from_json(input).is_err());
    }
    let at_limit = format!("{{}}{}", " ".repeat(MAX_DOCUMENT_BYTES - 2));
    assert!(assess_json(&at_limit, &policy).is_ok());
}
