//! Candidates and mimics (contract v3, `docs/decision-model.md` §9):
//! worked shapes, and properties checked by brute force through the public
//! API only.

use prolo_triage::rules::{Feature, PATTERNS};
use prolo_triage::{
    assess, assess_traced, decide, Band, Caveat, Condition, Finding, Policy, Presentation,
    ReasonId, Subject, Symptom, Truth, Verdict,
};
use proptest::prelude::*;

fn assessed(json: &str) -> prolo_triage::Assessment {
    assess(&Presentation::from_json(json).unwrap(), &Policy::default())
}

fn symptoms(pairs: &[(Symptom, Truth)]) -> Presentation {
    pairs
        .iter()
        .fold(Presentation::builder(), |b, (s, t)| b.symptom(*s, *t))
        .build()
        .unwrap()
}

#[test]
fn nothing_reported_lists_nothing() {
    let a = assessed("{}");
    assert!(a.candidates.is_empty());
    assert!(a.mimics.is_empty());
    let json = a.to_json();
    assert!(json.contains(r#""candidates":[]"#) && json.contains(r#""mimics":[]"#));
}

#[test]
fn first_step_heel_pain_is_likely_plantar_fasciitis_above_heel_pain() {
    let a =
        assessed(r#"{"symptoms": {"pain_under_heel": "present", "first_step_pain": "present"}}"#);
    let order: Vec<(Condition, Band)> =
        a.candidates.iter().map(|c| (c.condition, c.band)).collect();
    assert_eq!(
        order,
        [
            (Condition::PlantarFasciitis, Band::Likely),
            (Condition::HeelPain, Band::Likely)
        ]
    );
    let pf = &a.candidates[0];
    assert_eq!(pf.parent, Some(Condition::HeelPain));
    assert_eq!(pf.score, 6);
    assert!(!pf.open);
    // The windlass test could only keep it likely: no question.
    assert!(pf.questions.is_empty());
    // The diagnosis question names the candidates and the broader category.
    let q = a
        .questions
        .iter()
        .find(|q| q.finding == Subject::Conditions)
        .unwrap();
    assert_eq!(
        q.text,
        "Confirm the diagnosis: the symptoms fit plantar fasciitis and heel pain; heel pain is the broader category."
    );
}

#[test]
fn a_negative_squeeze_rules_mortons_out_unless_the_click_rules_it_in() {
    let out = assessed(
        r#"{"symptoms": {"pain_between_toes": "present", "web_space_squeeze_tender": "absent"}}"#,
    );
    let morton = &out.candidates[0];
    assert_eq!(
        (morton.condition, morton.band),
        (Condition::MortonsNeuroma, Band::Unlikely)
    );
    assert_eq!(
        morton.against[0].symptom,
        Some(Symptom::WebSpaceSqueezeTender)
    );
    // Open: an unknown click could still rule it in.
    assert!(morton.open);
    assert_eq!(morton.questions[0].symptom, Some(Symptom::ClickBetweenToes));
    let clicked = assessed(
        r#"{"symptoms": {"pain_between_toes": "present", "web_space_squeeze_tender": "absent", "click_between_toes": "present"}}"#,
    );
    assert_eq!(clicked.candidates[0].band, Band::Possible);
}

#[test]
fn osteoarthritis_under_45_is_at_most_possible() {
    let base = r#""symptoms": {"pain_ankle_joint": "present", "pain_with_activity": "present", "morning_stiffness_over_30_min": "absent"}"#;
    let young = assessed(&format!(r#"{{"age_years": 40, {base}}}"#));
    assert_eq!(young.candidates[0].band, Band::Possible);
    let older = assessed(&format!(r#"{{"age_years": 60, {base}}}"#));
    assert_eq!(older.candidates[0].band, Band::Likely);
    let unknown_age = assessed(&format!("{{{base}}}"));
    let oa = &unknown_age.candidates[0];
    assert!(oa.open);
    assert_eq!(oa.questions[0].field.as_deref(), Some("age_years"));
}

#[test]
fn the_big_toe_rule_counts_three_of_five() {
    let a = assessed(
        r#"{"symptom_weeks": 120, "symptoms": {"pain_top_of_big_toe_joint": "present", "bump_on_top_of_big_toe": "present", "first_mtp_crepitus": "present"}}"#,
    );
    let oa = &a.candidates[0];
    assert_eq!(oa.condition, Condition::Osteoarthritis);
    assert!(oa
        .for_
        .iter()
        .any(|f| f.rule.as_deref() == Some("big_toe_joint_rule")));
}

#[test]
fn the_arch_decides_between_tendinitis_and_fallen_arch() {
    let first = |arch: &str| {
        let a = assessed(&format!(
            r#"{{"symptoms": {{"pain_inner_ankle": "present", "cannot_tiptoe_on_one_foot": "present", "arch_dropping": "{arch}"}}}}"#
        ));
        a.candidates[0].condition
    };
    assert_eq!(first("present"), Condition::FallenArch);
    assert_eq!(first("unknown"), Condition::Tendinitis);
}

#[test]
fn mimics_are_caveats_whatever_the_diagnosis() {
    let a = assessed(
        r#"{"conditions": ["mortons_neuroma"], "symptoms": {"pain_under_second_toe_joint": "present", "pain_between_toes": "absent"}}"#,
    );
    assert_eq!(a.mimics.len(), 1);
    let ids: Vec<ReasonId> = a.reasons.iter().map(|r| r.rule).collect();
    assert!(ids.contains(&ReasonId::Caveat(Caveat::Mimic)));
    // The recorded Morton's neuroma does not fit: listed, unlikely, a caveat.
    assert!(a
        .candidates
        .iter()
        .any(|c| c.recorded && c.band == Band::Unlikely));
    assert!(ids.contains(&ReasonId::Caveat(Caveat::RecordedConditionUnlikely)));
}

#[test]
fn a_painful_heel_squeeze_is_never_screened_away() {
    let a = assessed(r#"{"symptoms": {"heel_squeeze_pain": "present"}}"#);
    assert!(a
        .reasons
        .iter()
        .any(|r| r.rule == ReasonId::Caveat(Caveat::CalcanealStressFracture)));
}

#[test]
fn a_candidate_fallen_arch_brings_the_charcot_caveat() {
    let a = assessed(
        r#"{"findings": {"diabetes": "present", "peripheral_neuropathy": "present"}, "symptoms": {"arch_dropping": "present"}}"#,
    );
    assert!(a
        .reasons
        .iter()
        .any(|r| r.rule == ReasonId::Caveat(Caveat::CharcotFallenArch)));
}

fn with_feature(p: &Presentation, f: Feature, value: bool) -> Presentation {
    let b = p.to_builder();
    match f {
        Feature::Symptom(s) => b.symptom(s, Truth::from_bool(value)),
        Feature::AgeAtLeast45 => b.age_years(if value { 60 } else { 30 }),
        Feature::SymptomsOver25Months => {
            let weeks = if value { 200 } else { 20 };
            b.symptom_weeks(weeks)
        }
        _ => b,
    }
    .build()
    .unwrap()
}

fn truth_of(p: &Presentation, f: Feature) -> Truth {
    match f {
        Feature::Symptom(s) => p.symptom(s),
        Feature::AgeAtLeast45 => p
            .age_years()
            .map_or(Truth::Unknown, |a| Truth::from_bool(a.get() >= 45)),
        Feature::SymptomsOver25Months => p
            .symptom_weeks()
            .map_or(Truth::Unknown, |w| Truth::from_bool(w.get() >= 109)),
        _ => Truth::Unknown,
    }
}

fn band_of(p: &Presentation, c: Condition) -> Option<Band> {
    assess(p, &Policy::default())
        .candidates
        .iter()
        .find(|x| x.condition == c)
        .map(|x| x.band)
}

/// The features of a condition's row, as the table lists them.
fn row_features(c: Condition) -> Vec<Feature> {
    let p = PATTERNS.iter().find(|p| p.condition == c).unwrap();
    let mut out: Vec<Feature> = Vec::new();
    let mut add = |f: Feature| {
        if !out.contains(&f) {
            out.push(f);
        }
    };
    for g in p.key {
        for m in g.iter() {
            add(m.feature);
        }
    }
    for w in p
        .likely_only_with
        .iter()
        .chain(p.rules_in)
        .chain(p.rules_out)
        .chain(p.for_)
        .chain(p.against)
    {
        add(w.feature);
    }
    if let Some(rule) = p.counting {
        for f in rule.items {
            add(*f);
        }
    }
    out
}

/// A random presentation over a few features of one condition, with the
/// condition recorded so it is always listed.
fn drawn() -> impl Strategy<Value = (Condition, Presentation)> {
    let conditions: Vec<Condition> = PATTERNS.iter().map(|p| p.condition).collect();
    (
        proptest::sample::select(conditions),
        proptest::collection::vec(0u8..3, 16),
    )
        .prop_map(|(c, values)| {
            let mut p = Presentation::builder().condition(c).build().unwrap();
            for (f, v) in row_features(c).into_iter().zip(values) {
                if v < 2 {
                    p = with_feature(&p, f, v == 1);
                }
            }
            (c, p)
        })
}

/// The shared random presentations (every verdict), with random symptoms.
fn with_symptoms() -> impl Strategy<Value = Presentation> {
    (
        crate::common::presentation(),
        proptest::collection::vec(crate::common::truth(1, 3, 2), Symptom::all().len()),
    )
        .prop_map(|(drawn, symptoms)| {
            Symptom::all()
                .iter()
                .zip(symptoms)
                .fold(drawn.presentation.to_builder(), |b, (s, t)| {
                    b.symptom(*s, t)
                })
                .build()
                .unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The trace reads every pattern, in table order, and gives each listed
    /// one the band and openness of the assessment's candidate: the same
    /// computation, listed exactly when the assessment lists it.
    #[test]
    fn the_trace_bands_are_the_candidates_bands(p in with_symptoms()) {
        let (a, t) = assess_traced(&p, &Policy::default());
        let table: Vec<Condition> = PATTERNS.iter().map(|p| p.condition).collect();
        prop_assert_eq!(t.candidates.iter().map(|c| c.condition).collect::<Vec<_>>(), table);
        let listed: Vec<(Condition, Band, bool)> = t
            .candidates
            .iter()
            .filter(|c| c.listed)
            .map(|c| (c.condition, c.band, c.open))
            .collect();
        let mut candidates: Vec<(Condition, Band, bool)> =
            a.candidates.iter().map(|c| (c.condition, c.band, c.open)).collect();
        candidates.sort_by_key(|c| c.0);
        prop_assert_eq!(listed, candidates);
        // An unlisted pattern's band is the one a recorded condition lists.
        for c in t.candidates.iter().filter(|c| !c.listed) {
            let recorded = p.to_builder().condition(c.condition).build().unwrap();
            prop_assert_eq!(band_of(&recorded, c.condition), Some(c.band));
        }
    }

    /// `questions` is exactly the unknown features of the row that are
    /// pivotal for the band in some completion of the others, found here
    /// by enumerating every completion of the row's unknown features.
    #[test]
    fn questions_are_exactly_the_pivotal_features((c, p) in drawn()) {
        let a = assess(&p, &Policy::default());
        let listed = a.candidates.iter().find(|x| x.condition == c).unwrap();
        let unknown: Vec<Feature> = row_features(c)
            .into_iter()
            .filter(|f| truth_of(&p, *f) == Truth::Unknown)
            .collect();
        prop_assume!(unknown.len() <= 8);
        let complete = |bits: u32| {
            unknown.iter().enumerate().fold(p, |q, (i, f)| with_feature(&q, *f, bits & (1 << i) != 0))
        };
        let mut pivotal = vec![false; unknown.len()];
        let mut bands = std::collections::BTreeSet::new();
        for bits in 0..(1u32 << unknown.len()) {
            let here = band_of(&complete(bits), c).unwrap();
            bands.insert(here);
            for (i, piv) in pivotal.iter_mut().enumerate() {
                if !*piv && band_of(&complete(bits ^ (1 << i)), c).unwrap() != here {
                    *piv = true;
                }
            }
        }
        let mut want: Vec<Feature> = unknown.iter().zip(&pivotal).filter_map(|(f, p)| p.then_some(*f)).collect();
        // Patient-answerable first, table order within.
        want.sort_by_key(|f| !f.who().asks_patient());
        let got: Vec<Feature> = listed
            .questions
            .iter()
            .map(|q| match (q.symptom, q.field.as_deref()) {
                (Some(s), _) => Feature::Symptom(s),
                (None, Some("age_years")) => Feature::AgeAtLeast45,
                _ => Feature::SymptomsOver25Months,
            })
            .collect();
        prop_assert_eq!(got, want);
        prop_assert_eq!(listed.open, bands.len() > 1 || !bands.contains(&listed.band));
        // Never likely while a key group is not known true.
        if listed.band == Band::Likely {
            prop_assert!(!listed.open || bands.contains(&Band::Likely));
        }
    }

    /// Red flags still dominate: a present red flag refers whatever the
    /// symptoms say.
    #[test]
    fn a_red_flag_refers_whatever_the_symptoms((_c, p) in drawn()) {
        let flagged = p.to_builder().finding(Finding::SuddenAchillesSnap, Truth::Present).build().unwrap();
        prop_assert_eq!(decide(&flagged, &Policy::default()), Verdict::ReferUrgently);
    }

    /// Symptoms never change the verdict, and the bands come in order.
    #[test]
    fn symptoms_never_change_the_verdict((_c, p) in drawn()) {
        let without = p.to_builder();
        let bare = Symptom::all().iter().fold(without, |b, s| b.symptom(*s, Truth::Unknown)).build().unwrap();
        prop_assert_eq!(decide(&p, &Policy::default()), decide(&bare, &Policy::default()));
        let a = assess(&p, &Policy::default());
        prop_assert!(a.candidates.windows(2).all(|w| w[0].band <= w[1].band));
    }
}

#[test]
fn a_key_group_unknown_is_never_likely() {
    let p = symptoms(&[(Symptom::PainUnderHeel, Truth::Present)]);
    let a = assess(&p, &Policy::default());
    let pf = a
        .candidates
        .iter()
        .find(|c| c.condition == Condition::PlantarFasciitis)
        .unwrap();
    assert_eq!(pf.band, Band::Possible);
    assert!(pf.open);
    assert_eq!(pf.questions[0].symptom, Some(Symptom::FirstStepPain));
}

/// The shipped symptom cases keep their verdicts and give their candidates.
#[test]
fn the_shipped_symptom_cases_give_their_candidates() {
    let heel = assessed(include_str!(
        "../examples/data/09-heel-symptoms-screened.json"
    ));
    assert_eq!(heel.verdict, Verdict::Discuss);
    let ranked: Vec<Condition> = heel.candidates.iter().map(|c| c.condition).collect();
    // Gradual onset lists Achilles tendinopathy too; its key site is absent.
    assert_eq!(
        ranked,
        [
            Condition::PlantarFasciitis,
            Condition::HeelPain,
            Condition::AchillesTendinopathy
        ]
    );
    assert_eq!(heel.candidates[0].band, Band::Likely);
    assert_eq!(heel.candidates[2].band, Band::Unlikely);
    assert!(heel.candidates[0].recorded);
    let forefoot = assessed(include_str!(
        "../examples/data/10-forefoot-symptoms-intake.json"
    ));
    assert_eq!(forefoot.verdict, Verdict::NeedsInformation);
    assert_eq!(forefoot.candidates[0].condition, Condition::MortonsNeuroma);
    // Ruled in by the click, but likely only once the squeeze test has not
    // ruled it out: the clinician's question.
    assert_eq!(forefoot.candidates[0].band, Band::Possible);
    assert_eq!(
        forefoot.candidates[0].questions[0].symptom,
        Some(Symptom::WebSpaceSqueezeTender)
    );
    assert_eq!(forefoot.mimics.len(), 1);
    let diagnosis = forefoot
        .questions
        .iter()
        .find(|q| q.finding == Subject::Conditions);
    assert!(diagnosis.is_none_or(|q| q.text.contains("Morton's neuroma")));
}

/// The symptom-derived caveats: reasons that a symptom may add and that
/// never change the verdict (`docs/decision-model.md` §9).
const SYMPTOM_CAVEATS: [Caveat; 4] = [
    Caveat::Mimic,
    Caveat::CalcanealStressFracture,
    Caveat::RecordedConditionUnlikely,
    Caveat::CharcotFallenArch,
];

/// The same presentation with every symptom unknown (unrecorded).
fn stripped(p: &Presentation) -> Presentation {
    Symptom::all()
        .iter()
        .fold(p.to_builder(), |b, s| b.symptom(*s, Truth::Unknown))
        .build()
        .unwrap()
}

/// A key group's Kleene truth, read from the table's row through the
/// public API: the OR of its members, a negated member counting when its
/// feature is absent.
fn group_truth(p: &Presentation, group: &[prolo_triage::rules::Member]) -> Truth {
    group.iter().fold(Truth::Absent, |acc, m| {
        let t = truth_of(p, m.feature);
        acc | if m.negated { !t } else { t }
    })
}

/// A red flag of the vocabulary, any of them.
fn red_flag() -> impl Strategy<Value = Finding> {
    let flags: Vec<Finding> = Finding::all()
        .iter()
        .copied()
        .filter(|f| f.group() == prolo_triage::FindingGroup::RedFlag)
        .collect();
    proptest::sample::select(flags)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Never `likely` while a key group, a likely-only-with fact or a
    /// rules-out feature is not known true; and, the other way, every band
    /// follows from the table's row as §9 orders the bands.
    #[test]
    fn likely_only_with_every_key_group_known_true(p in with_symptoms()) {
        let a = assess(&p, &Policy::default());
        for c in &a.candidates {
            let row = PATTERNS.iter().find(|r| r.condition == c.condition).unwrap();
            let groups: Vec<Truth> = row.key.iter().map(|g| group_truth(&p, g)).collect();
            let all_known_true = groups.iter().all(|t| *t == Truth::Present)
                && row.likely_only_with.iter().all(|w| truth_of(&p, w.feature) == Truth::Present)
                && row.rules_out.iter().all(|w| truth_of(&p, w.feature) == Truth::Present);
            if c.band == Band::Likely {
                prop_assert!(all_known_true, "{} likely with {:?}", c.condition, groups);
            }
            if groups.contains(&Truth::Unknown) {
                prop_assert_ne!(c.band, Band::Likely, "{}", c.condition);
            }
        }
    }

    /// A rules-out feature absent makes the candidate `unlikely` unless a
    /// rules-in feature is known present; a rules-in feature present keeps
    /// it out of `unlikely` whatever else is absent.
    #[test]
    fn an_absent_rules_out_feature_makes_it_unlikely_unless_ruled_in(p in with_symptoms()) {
        let a = assess(&p, &Policy::default());
        for c in &a.candidates {
            let row = PATTERNS.iter().find(|r| r.condition == c.condition).unwrap();
            let ruled_in = row.rules_in.iter().any(|w| truth_of(&p, w.feature) == Truth::Present);
            let ruled_out = row.rules_out.iter().any(|w| truth_of(&p, w.feature) == Truth::Absent);
            if ruled_out && !ruled_in {
                prop_assert_eq!(c.band, Band::Unlikely, "{}", c.condition);
            }
            if ruled_in {
                prop_assert_ne!(c.band, Band::Unlikely, "{}", c.condition);
            }
        }
    }

    /// The listing comes band by band: likely, possible, unlikely.
    #[test]
    fn the_bands_come_in_order(p in with_symptoms()) {
        let a = assess(&p, &Policy::default());
        prop_assert!(a.candidates.windows(2).all(|w| w[0].band <= w[1].band));
    }

    /// No symptom changes the verdict: the same presentation with its
    /// symptoms stripped has the same verdict, best and worst case, the
    /// same reasons but the symptom caveats, and the same questions (the
    /// diagnosis question may name the candidates in its text).
    #[test]
    fn no_symptom_changes_the_verdict_reasons_or_questions(p in with_symptoms()) {
        let with = assess(&p, &Policy::default());
        let without = assess(&stripped(&p), &Policy::default());
        prop_assert_eq!(with.verdict, without.verdict);
        prop_assert_eq!((with.best_case, with.worst_case), (without.best_case, without.worst_case));
        prop_assert_eq!(decide(&p, &Policy::default()), decide(&stripped(&p), &Policy::default()));
        let is_symptom_caveat =
            |r: &prolo_triage::Reason| matches!(r.rule, ReasonId::Caveat(c) if SYMPTOM_CAVEATS.contains(&c));
        // A suspected calcaneal stress fracture is an unexcluded urgent
        // cause: its caveat takes back "red flags screened" (issue 21, H4),
        // and only then may that support reason go.
        let fracture = with
            .reasons
            .iter()
            .any(|r| r.rule == ReasonId::Caveat(Caveat::CalcanealStressFracture));
        let screened = |r: &prolo_triage::Reason| {
            fracture && r.rule == ReasonId::Support(prolo_triage::Support::RedFlagsScreened)
        };
        let kept = |a: &prolo_triage::Assessment| -> Vec<prolo_triage::Reason> {
            a.reasons.iter().filter(|r| !is_symptom_caveat(r) && !screened(r)).cloned().collect()
        };
        prop_assert_eq!(kept(&with), kept(&without));
        prop_assert!(!(fracture && with.reasons.iter().any(|r| r.rule == ReasonId::Support(prolo_triage::Support::RedFlagsScreened))));
        // A symptom caveat the bare presentation has (a recorded fallen
        // arch's Charcot caveat) stays.
        for r in without.reasons.iter().filter(|r| is_symptom_caveat(r)) {
            prop_assert!(with.reasons.contains(r), "{:?} lost", r.rule);
        }
        let asked = |a: &prolo_triage::Assessment| -> Vec<(Subject, prolo_triage::Group, bool, String)> {
            a.questions
                .iter()
                .map(|q| {
                    let text = if q.finding == Subject::Conditions { String::new() } else { q.text.to_string() };
                    (q.finding, q.group, q.blocking, text)
                })
                .collect()
        };
        prop_assert_eq!(asked(&with), asked(&without));
    }

    /// Red flags still dominate: any red flag present refers urgently,
    /// whatever the symptoms and the other facts.
    #[test]
    fn any_red_flag_refers_urgently_whatever_the_symptoms(p in with_symptoms(), flag in red_flag()) {
        let flagged = p.to_builder().finding(flag, Truth::Present).build().unwrap();
        prop_assert_eq!(decide(&flagged, &Policy::default()), Verdict::ReferUrgently);
        prop_assert_eq!(assess(&flagged, &Policy::default()).verdict, Verdict::ReferUrgently);
    }
}
