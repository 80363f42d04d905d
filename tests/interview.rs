//! The interview: driven by scripted answers to a determinate verdict,
//! asking only blocking questions, exactly the ones each script expects,
//! red flags first. (That the blocking questions are the fewest that can
//! change the verdict is the brute-force check of `semantics`.)

use prolo_triage::{Answer, Interview, Policy, Presentation, Subject, Verdict};

/// Answers each question from `script` (by subject), returning the subjects
/// asked in order and the final verdict.
fn drive(start: &str, script: &[(&str, &str)]) -> (Vec<String>, Verdict, Presentation) {
    let policy = Policy::default();
    let mut interview = Interview::new(Presentation::from_json(start).unwrap(), &policy);
    let mut asked = Vec::new();
    while let Some(q) = interview.next_question() {
        assert!(q.blocking);
        let subject = q.finding.as_str().to_string();
        let text = script.iter().find(|(s, _)| *s == subject).map_or_else(
            || panic!("unexpected question {subject}; asked {asked:?}"),
            |(_, a)| *a,
        );
        asked.push(subject);
        interview
            .answer(q.finding, Answer::parse(q.finding, text).unwrap())
            .unwrap();
        assert!(asked.len() < 40, "no end: {asked:?}");
    }
    let verdict = interview.assessment().verdict;
    (asked, verdict, *interview.presentation())
}

const RED_FLAGS: [&str; 11] = [
    "fever",
    "hot_swollen_foot",
    "achilles_rupture_signs",
    "ischaemia_signs",
    "calf_swelling",
    "pain_out_of_proportion",
    "neurological_deficit",
    "tumour_signs",
    "rapidly_worsening_deformity",
    "sudden_achilles_snap",
    "recent_injury",
];
const ABSOLUTE: [&str; 5] = [
    "skin_infection_at_site",
    "systemic_infection",
    "bleeding_disorder",
    "malignancy_at_site",
    "acute_inflammatory_arthritis",
];

#[test]
fn unscreened_patient_all_clear_asks_red_flags_then_contraindications() {
    let all_no: Vec<(&str, &str)> = RED_FLAGS
        .iter()
        .chain(&ABSOLUTE)
        .map(|s| (*s, "no"))
        .collect();
    let (asked, verdict, p) = drive(include_str!("../examples/data/03-unscreened.json"), &all_no);
    let want: Vec<&str> = RED_FLAGS.iter().chain(&ABSOLUTE).copied().collect();
    assert_eq!(asked, want);
    // The Ottawa examination findings are never asked once recent_injury is no.
    assert!(!asked
        .iter()
        .any(|s| s.starts_with("bone_tenderness") || s == "unable_to_bear_weight"));
    // Precautions stay open: a yes-family verdict with questions to settle.
    assert_eq!(verdict, Verdict::DiscussWithPrecautions);
    assert_eq!(p.to_json().matches("\"absent\"").count(), 16);
}

#[test]
fn a_recent_injury_brings_the_ottawa_questions_and_stops_at_the_first_positive() {
    let mut script: Vec<(&str, &str)> = RED_FLAGS[..10].iter().map(|s| (*s, "no")).collect();
    script.extend([
        ("recent_injury", "yes"),
        ("bone_tenderness_lateral_malleolus", "no"),
        ("bone_tenderness_medial_malleolus", "no"),
        ("bone_tenderness_fifth_metatarsal_base", "yes"),
    ]);
    let (asked, verdict, _) = drive(include_str!("../examples/data/03-unscreened.json"), &script);
    let want: Vec<&str> = script.iter().map(|(s, _)| *s).collect();
    assert_eq!(asked, want);
    assert_eq!(verdict, Verdict::ReferUrgently);
}

#[test]
fn one_question_settles_case_06() {
    let (asked, verdict, _) = drive(
        include_str!("../examples/data/06-ready-but-infection-unknown.json"),
        &[("skin_infection_at_site", "yes")],
    );
    assert_eq!(asked, ["skin_infection_at_site"]);
    assert_eq!(verdict, Verdict::Contraindicated);
}

#[test]
fn from_nothing_the_fields_are_asked_after_the_screening() {
    let mut script: Vec<(&str, &str)> = RED_FLAGS
        .iter()
        .chain(&ABSOLUTE)
        .map(|s| (*s, "no"))
        .collect();
    script.extend([
        ("age_years", "52"),
        ("conditions", "plantar_fasciitis"),
        ("symptom_weeks", "20"),
        ("conservative_care_weeks", "8"),
    ]);
    let (asked, verdict, p) = drive("{}", &script);
    let want: Vec<&str> = script.iter().map(|(s, _)| *s).collect();
    assert_eq!(asked, want);
    assert_eq!(verdict, Verdict::DiscussWithPrecautions);
    assert_eq!(p.age_years().map(|a| a.get()), Some(52));
}

#[test]
fn unknown_sets_a_question_aside_and_the_interview_ends_undecided() {
    let policy = Policy::default();
    let start = Presentation::from_json(include_str!(
        "../examples/data/06-ready-but-infection-unknown.json"
    ))
    .unwrap();
    let mut interview = Interview::new(start, &policy);
    let q = interview.next_question().unwrap();
    interview.answer(q.finding, Answer::Unknown).unwrap();
    assert_eq!(interview.next_question(), None);
    assert_eq!(interview.assessment().verdict, Verdict::NeedsInformation);
}

#[test]
fn answers_must_fit_the_question() {
    assert!(Answer::parse(Subject::AgeYears, "old").is_err());
    assert!(Answer::parse(Subject::Medications, "aspirin").is_err());
    assert_eq!(
        Answer::parse(Subject::Medications, "none").unwrap(),
        Answer::Medications(Default::default())
    );
    let policy = Policy::default();
    let mut interview = Interview::new(Presentation::default(), &policy);
    // Care longer than symptoms is refused, and the interview is unchanged.
    interview
        .answer(Subject::SymptomWeeks, Answer::Number(4))
        .unwrap();
    assert!(interview
        .answer(Subject::ConservativeCareWeeks, Answer::Number(6))
        .is_err());
    assert_eq!(interview.presentation().conservative_care_weeks(), None);
    assert!(interview.answer(Subject::AgeYears, Answer::Yes).is_err());
}

/// An open medication list (contract v2) is asked class by class: under a
/// policy that makes anticoagulants absolute, the unknown class is the
/// blocking question, asked as `medications.anticoagulant`, and the answer
/// keeps the list open.
#[test]
fn an_open_list_is_asked_one_class_at_a_time() {
    let policy = Policy::from_json(
        r#"{"name": "strict", "version": "1", "classification": {"medications.anticoagulant": "absolute"}}"#,
    )
    .unwrap();
    let start = r#"{"age_years": 50, "conditions": ["plantar_fasciitis"], "symptom_weeks": 30,
        "conservative_care_weeks": 12, "allergies": [],
        "findings": {"fever": "absent", "hot_swollen_foot": "absent", "achilles_rupture_signs": "absent",
          "ischaemia_signs": "absent", "calf_swelling": "absent", "pain_out_of_proportion": "absent",
          "neurological_deficit": "absent", "tumour_signs": "absent", "rapidly_worsening_deformity": "absent", "sudden_achilles_snap": "absent",
          "recent_injury": "absent", "skin_infection_at_site": "absent", "systemic_infection": "absent",
          "bleeding_disorder": "absent", "malignancy_at_site": "absent", "acute_inflammatory_arthritis": "absent",
          "pregnancy": "absent", "diabetes": "absent", "peripheral_neuropathy": "absent",
          "immunosuppression": "absent", "active_cancer": "absent", "recent_steroid_injection": "absent",
          "low_platelets": "absent"},
        "medications": {"antiplatelet": "absent", "systemic_corticosteroid": "absent", "immunosuppressant": "absent"}}"#;
    let mut interview = Interview::new(Presentation::from_json(start).unwrap(), &policy);
    assert_eq!(interview.assessment().verdict, Verdict::NeedsInformation);
    let q = interview.next_question().unwrap();
    assert_eq!(q.finding.as_str(), "medications.anticoagulant");
    assert!(q.blocking);
    assert!(q.text.contains("anticoagulant"), "{}", q.text);
    interview
        .answer(q.finding, Answer::parse(q.finding, "no").unwrap())
        .unwrap();
    assert_eq!(interview.next_question(), None);
    assert_eq!(interview.assessment().verdict, Verdict::Discuss);
    let saved = interview.presentation().to_json();
    assert!(
        saved.contains(r#""medications":{"anticoagulant":"absent","antiplatelet":"absent""#),
        "{saved}"
    );
    // A whole list that is not recorded is still asked as one question.
    let unrecorded = start.replace(
        r#""medications": {"antiplatelet": "absent", "systemic_corticosteroid": "absent", "immunosuppressant": "absent"}"#,
        r#""side": "left""#,
    );
    let interview = Interview::new(Presentation::from_json(&unrecorded).unwrap(), &policy);
    assert_eq!(
        interview.next_question().map(|q| q.finding),
        Some(Subject::Medications)
    );
}

/// Patient mode (`docs/decision-model.md` §10): only what a patient can
/// answer is asked; a no to a `both` fact leaves it unknown; a yes to a red
/// flag stops the interview with the safety-net for a patient who reported
/// it.
#[test]
fn a_patient_is_never_asked_a_clinician_only_fact() {
    use prolo_triage::{Audience, Finding, Truth, Who};
    let policy = Policy::default();
    for start in [
        "{}",
        include_str!("../examples/data/03-unscreened.json"),
        include_str!("../examples/data/10-forefoot-symptoms-intake.json"),
    ] {
        let p = Presentation::from_json(start).unwrap();
        let mut interview = Interview::with_audience(p, &policy, Audience::Patient);
        let mut asked = Vec::new();
        while let Some(q) = interview.next_question() {
            assert!(q.who.asks_patient(), "asked {} of a patient", q.finding);
            assert!(!asked.contains(&q.finding), "asked {} twice", q.finding);
            asked.push(q.finding);
            let answer = match q.finding {
                Subject::AgeYears => Answer::Number(50),
                Subject::SymptomWeeks => Answer::Number(30),
                Subject::ConservativeCareWeeks => Answer::Number(20),
                Subject::Medications => Answer::Medications(Default::default()),
                Subject::Allergies => Answer::Allergies(Default::default()),
                _ => Answer::No,
            };
            interview.answer(q.finding, answer).unwrap();
            assert!(asked.len() < 60, "no end: {asked:?}");
        }
        assert!(!asked.is_empty());
        // Red flags first.
        assert_eq!(asked[0], Subject::Finding(Finding::Fever));
        // A `both` red flag answered no stays for the clinician.
        let both = Finding::IschaemiaSigns;
        assert_eq!(both.who(), Who::Both);
        assert!(asked.contains(&Subject::Finding(both)));
        assert_eq!(interview.presentation().finding(both), Truth::Unknown);
        assert_eq!(
            interview.presentation().finding(Finding::Fever),
            Truth::Absent
        );
    }
}

#[test]
fn a_patient_reporting_a_snap_stops_with_the_same_day_safety_net() {
    use prolo_triage::{Audience, Finding};
    let policy = Policy::default();
    let mut interview =
        Interview::with_audience(Presentation::default(), &policy, Audience::Patient);
    while let Some(q) = interview.next_question() {
        let answer = if q.finding == Subject::Finding(Finding::SuddenAchillesSnap) {
            Answer::Yes
        } else {
            Answer::No
        };
        interview.answer(q.finding, answer).unwrap();
    }
    assert_eq!(interview.assessment().verdict, Verdict::ReferUrgently);
    assert!(!interview.safety_net().is_empty());
}

// The patient's intake (docs/decision-model.md §10,
// docs/clinical-knowledge.md §7.5).
mod intake {
    use prolo_triage::{
        assess_traced, Answer, AnswerKind, Audience, Condition, FactName, Finding, Interview,
        Policy, Presentation, Reporter, Stage, Step, Subject, Symptom, Truth, Verdict, Who,
    };
    use proptest::prelude::*;

    fn patient(policy: &Policy) -> Interview<'_> {
        Interview::with_audience(Presentation::default(), policy, Audience::Patient)
    }

    /// Answers every step with `pick`, returning the steps in order.
    fn run(interview: &mut Interview<'_>, mut pick: impl FnMut(&Step) -> Answer) -> Vec<Step> {
        let mut steps = Vec::new();
        while let Some(step) = interview.next_step() {
            let answer = pick(&step);
            interview.answer(step.subject, answer).unwrap();
            steps.push(step);
            assert!(steps.len() < 120, "no end: {steps:?}");
        }
        steps
    }

    /// A patient with classic plantar fasciitis: no warning sign, pain
    /// under the heel, first-step pain, 30 weeks, 20 weeks of care.
    fn classic_heel(step: &Step) -> Answer {
        match (step.kind, step.subject) {
            (AnswerKind::Places, _) => Answer::Places(Symptom::PainUnderHeel.into()),
            (_, Subject::AgeYears) => Answer::Number(52),
            (_, Subject::SymptomWeeks) => Answer::Number(30),
            (_, Subject::ConservativeCareWeeks) => Answer::Number(20),
            (AnswerKind::List, s) => Answer::parse(s, "none").unwrap(),
            (_, Subject::Symptom(Symptom::FirstStepPain | Symptom::GradualOnset)) => Answer::Yes,
            _ => Answer::No,
        }
    }

    #[test]
    fn the_intake_goes_red_flags_map_symptoms_details() {
        let policy = Policy::default();
        let mut interview = patient(&policy);
        let steps = run(&mut interview, classic_heel);
        let stages: Vec<Stage> = steps.iter().map(|s| s.stage).collect();
        assert!(stages.windows(2).all(|w| w[0] <= w[1]), "{stages:?}");
        for stage in [
            Stage::RedFlags,
            Stage::WhereItHurts,
            Stage::Symptoms,
            Stage::Details,
        ] {
            assert!(stages.contains(&stage), "no {stage} in {stages:?}");
        }
        assert_eq!(steps[0].subject, Subject::Finding(Finding::Fever));
        assert!(steps.iter().all(|s| s.who.asks_patient()));
        // Every step a question in the patient's words, never the
        // clinician's checklist form.
        for s in &steps {
            assert!(s.text.contains('?'), "{}", s.text);
            assert_eq!(
                Some(s.text.as_ref()),
                s.subject.patient_question().as_deref(),
                "{}",
                s.subject
            );
        }
        // Patient answers alone make plantar fasciitis likely; the verdict
        // waits for the clinician (examination facts are never asked).
        let a = interview.assessment();
        let pf = a
            .candidates
            .iter()
            .find(|c| c.condition == Condition::PlantarFasciitis);
        assert_eq!(
            pf.map(|c| c.band.to_string()).as_deref(),
            Some("likely"),
            "{:?}",
            a.candidates
        );
        assert_eq!(a.verdict, Verdict::NeedsInformation);
        let p = interview.presentation();
        assert_eq!(p.symptom(Symptom::PainUnderHeel), Truth::Present);
        assert_eq!(p.symptom(Symptom::PainBunion), Truth::Absent);
        assert_eq!(
            p.answered_by(FactName::Symptom(Symptom::FirstStepPain)),
            Some(Reporter::Patient)
        );
        // A patient's no to a `both` fact rules nothing out: unknown,
        // reported by the patient, for the clinician to check.
        assert_eq!(p.finding(Finding::IschaemiaSigns), Truth::Unknown);
        assert_eq!(
            p.answered_by(FactName::Finding(Finding::IschaemiaSigns)),
            Some(Reporter::Patient)
        );
        let closing = interview.still_to_check();
        assert!(
            closing
                .iter()
                .any(|l| l.contains("ask again about some warning signs")),
            "{closing:?}"
        );
        assert!(!closing
            .iter()
            .any(|l| l.contains("suitable") || l.contains("likely")));
        assert_eq!(interview.answers().len(), steps.len());
    }

    #[test]
    fn a_red_flag_stops_the_intake_with_what_to_do_now() {
        let policy = Policy::default();
        let mut interview = patient(&policy);
        let steps = run(&mut interview, |s| {
            if s.subject == Subject::Finding(Finding::CalfSwelling) {
                Answer::Yes
            } else {
                Answer::No
            }
        });
        assert_eq!(
            steps.last().map(|s| s.subject),
            Some(Subject::Finding(Finding::CalfSwelling))
        );
        assert!(steps.iter().all(|s| s.stage == Stage::RedFlags));
        assert_eq!(interview.assessment().verdict, Verdict::ReferUrgently);
        let now = interview.safety_net();
        assert!(!now.is_empty());
        assert!(now.iter().any(|l| l.text.contains("today")), "{now:?}");
    }

    #[test]
    fn the_map_settles_every_place_and_not_sure_leaves_them_unknown() {
        let policy = Policy::default();
        let mut done = patient(&policy);
        done.answer(
            Subject::WhereItHurts,
            Answer::Places(Symptom::PainBunion.into()),
        )
        .unwrap();
        for s in Symptom::places() {
            let want = if s == Symptom::PainBunion {
                Truth::Present
            } else {
                Truth::Absent
            };
            assert_eq!(done.presentation().symptom(s), want, "{s}");
        }
        let mut unsure = patient(&policy);
        unsure
            .answer(Subject::WhereItHurts, Answer::Unknown)
            .unwrap();
        assert!(Symptom::places()
            .iter()
            .all(|s| unsure.presentation().symptom(s) == Truth::Unknown));
        let steps = run(&mut unsure, |_| Answer::Unknown);
        assert!(
            !steps.iter().any(|s| s.subject == Subject::WhereItHurts),
            "asked twice"
        );
        let places = Answer::parse(Subject::WhereItHurts, "pain_bunion, pain_ankle_joint").unwrap();
        assert_eq!(
            places,
            Answer::Places(Symptom::PainBunion | Symptom::PainAnkleJoint)
        );
        assert!(Answer::parse(Subject::WhereItHurts, "first_step_pain").is_err());
    }

    /// Each pattern's band with `symptom` set to `value`, as the trace
    /// gives it.
    fn bands(p: &Presentation, symptom: Symptom, value: Truth) -> Vec<String> {
        let with = p.to_builder().symptom(symptom, value).build().unwrap();
        let (_, trace) = assess_traced(&with, &Policy::default());
        trace
            .candidates
            .iter()
            .map(|c| format!("{}:{}", c.condition, c.band))
            .collect()
    }

    fn moved(p: &Presentation, s: Symptom) -> usize {
        let (yes, no) = (bands(p, s, Truth::Present), bands(p, s, Truth::Absent));
        yes.iter().zip(&no).filter(|(a, b)| a != b).count()
    }

    fn arbitrary_places() -> impl Strategy<Value = Vec<bool>> {
        proptest::collection::vec(any::<bool>(), Symptom::places().len())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Whatever the patient answers: never a clinician-only fact, the
        /// stages in order, each subject once, and a red flag ends it with
        /// what to do now.
        #[test]
        fn a_patient_is_never_asked_a_clinician_fact(
            answers in proptest::collection::vec(0u8..4, 120),
            places in arbitrary_places(),
        ) {
            let policy = Policy::default();
            let mut interview = patient(&policy);
            let mut i = 0;
            let steps = run(&mut interview, |step| {
                i += 1;
                let roll = answers[i % answers.len()];
                match step.kind {
                    _ if roll == 3 => Answer::Unknown,
                    AnswerKind::Places => Answer::Places(
                        Symptom::places().iter().zip(&places).filter(|(_, on)| **on).map(|(s, _)| s).collect(),
                    ),
                    AnswerKind::Number => Answer::Number(u32::from(roll) * 20 + 10),
                    AnswerKind::List => Answer::parse(step.subject, "none").unwrap(),
                    _ if roll == 0 && step.stage == Stage::RedFlags => Answer::Yes,
                    _ if roll <= 1 => Answer::Yes,
                    _ => Answer::No,
                }
            });
            let mut seen = std::collections::HashSet::new();
            for w in steps.windows(2) {
                prop_assert!(w[0].stage <= w[1].stage, "{:?} then {:?}", w[0].subject, w[1].subject);
            }
            for s in &steps {
                prop_assert!(s.who != Who::Clinician, "asked {}", s.subject);
                prop_assert!(seen.insert(s.subject), "asked {} twice", s.subject);
            }
            if interview.assessment().verdict == Verdict::ReferUrgently {
                prop_assert!(!interview.safety_net().is_empty());
            }
        }

        /// The symptom asked is the one that can change the most bands
        /// (ties by vocabulary order), counted on the trace.
        #[test]
        fn the_symptom_asked_moves_the_most_bands(places in arbitrary_places(), settled in proptest::collection::vec(0u8..3, 29)) {
            let mut b = Presentation::builder();
            for (s, on) in Symptom::places().iter().zip(&places) {
                b = b.symptom(s, if *on { Truth::Present } else { Truth::Absent });
            }
            for (s, v) in Symptom::all().iter().filter(|s| s.who() == Who::Patient && s.view().is_none()).zip(&settled) {
                b = b.symptom(*s, [Truth::Unknown, Truth::Present, Truth::Absent][usize::from(*v)]);
            }
            let screened = [prolo_triage::FindingGroup::RedFlag, prolo_triage::FindingGroup::OttawaComponent];
            for f in Finding::all().iter().filter(|f| screened.contains(&f.group())) {
                b = b.finding(*f, Truth::Absent);
            }
            let p = b.build().unwrap();
            let policy = Policy::default();
            let interview = Interview::with_audience(p, &policy, Audience::Patient);
            let open: Vec<(Symptom, usize)> = Symptom::all()
                .iter()
                .filter(|s| s.who() == Who::Patient && p.symptom(**s) == Truth::Unknown)
                .map(|s| (*s, moved(&p, *s)))
                .collect();
            let best = open.iter().map(|(_, n)| *n).max().unwrap_or(0);
            let want = open.iter().find(|(_, n)| *n == best && best > 0).map(|(s, _)| Subject::Symptom(*s));
            let step = interview.next_step().filter(|s| s.stage == Stage::Symptoms).map(|s| s.subject);
            prop_assert_eq!(step, want);
        }
    }

    #[test]
    fn the_clinician_is_asked_the_examination_that_moves_a_band() {
        let p = Presentation::from_json(include_str!(
            "../examples/data/09-heel-symptoms-screened.json"
        ))
        .unwrap();
        let policy = Policy::default();
        let mut interview = Interview::new(p, &policy);
        let step = interview.next_step().expect("a band question");
        assert!(
            matches!(step.stage, Stage::Examination | Stage::Symptoms),
            "{step:?}"
        );
        assert!(!step.blocking);
        interview.answer(step.subject, Answer::Yes).unwrap();
        if let Subject::Symptom(s) = step.subject {
            assert_eq!(
                interview.presentation().answered_by(FactName::Symptom(s)),
                Some(Reporter::Clinician)
            );
        }
    }
}

/// A patient who is being treated for an infection, or feels very unwell
/// with one, is told what to do now (the sepsis safety-net), and the
/// intake asks nothing more (knowledge §1.1: a systemic infection may be
/// sepsis).
#[test]
fn a_patient_unwell_with_an_infection_is_told_what_to_do_now() {
    use prolo_triage::{Audience, Finding, Verdict};
    let policy = Policy::default();
    let mut interview =
        Interview::with_audience(Presentation::default(), &policy, Audience::Patient);
    while let Some(step) = interview.next_step() {
        let yes = step.subject == Subject::Finding(Finding::SystemicInfection);
        let answer = match step.kind {
            prolo_triage::AnswerKind::YesNo => {
                if yes {
                    Answer::Yes
                } else {
                    Answer::No
                }
            }
            _ => Answer::Unknown,
        };
        interview.answer(step.subject, answer).unwrap();
        if yes {
            break;
        }
    }
    assert_ne!(interview.assessment().verdict, Verdict::Discuss);
    let now = interview.safety_net();
    assert!(now.iter().any(|l| l.text.contains("today")), "{now:?}");
    assert!(
        now.iter().any(|l| l.text.contains("shivery or confused")),
        "{now:?}"
    );
    assert_eq!(interview.next_step(), None);
}
