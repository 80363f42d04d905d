//! What a patient reads is written for a patient (issue 13, item 3): one
//! test per defect found in the handout and the patient form of
//! `reconsider_when`, and a property over random presentations and
//! policies that no patient-facing output carries a clinician label, a
//! medication class name or "no longer taken".

use proptest::prelude::*;

use crate::common::{self, set_of, truth};

use prolo_triage::{
    assess, Allergy, Assessment, Condition, Fact, Family, Finding, FindingGroup, Group, Handout,
    Injectate, MedicationClass, Policy, Presentation, Suitability, Truth, Verdict,
};

fn example(prefix: &str) -> Presentation {
    let path = std::fs::read_dir(common::EXAMPLE_DATA)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".json"))
        })
        .unwrap();
    Presentation::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn markdown(a: &Assessment) -> String {
    Handout::new(a).to_markdown()
}

/// Adult, treatable, past the thresholds, every red flag and
/// contraindication screened absent: `discuss` under the default policy.
fn ready() -> prolo_triage::PresentationBuilder {
    common::all_absent(common::ready())
}

fn strict() -> Policy {
    Policy::builder("strict", "1")
        .classify(
            Fact::Medication(MedicationClass::Anticoagulant),
            Group::Absolute,
        )
        .classify(Fact::Finding(Finding::Pregnancy), Group::Absolute)
        .classify(Fact::Allergy(Allergy::Corn), Group::Absolute)
        .min_age_years(21)
        .build()
        .unwrap()
}

/// What the patient must never read: the clinician labels that are jargon
/// (a label is plain when the finding's own patient wording contains it,
/// as "diabetes" does), every medication class name, and the phrases the
/// knowledge file forbids (§2).
fn forbidden() -> Vec<String> {
    let mut out: Vec<String> = Finding::all()
        .iter()
        .filter(|f| !f.patient_label().contains(f.label()))
        .map(|f| f.label().to_owned())
        .collect();
    for &m in MedicationClass::all() {
        out.push(m.label().to_owned());
        out.push(m.as_str().to_owned());
    }
    out.extend(
        [
            "no longer taken",
            "no longer apply",
            "no longer applies",
            "not expected to resolve",
            "NSAID",
            "DVT",
        ]
        .map(str::to_owned),
    );
    out
}

/// The patient-facing texts of an assessment: what a patient sees of the
/// handout as HTML and as Markdown (all of it but the clinician's full
/// citations), and the patient form of `reconsider_when`.
fn patient_facing(a: &Assessment) -> Vec<String> {
    let h = Handout::new(a);
    let mut out = vec![
        common::visible_html(&h.to_html()),
        common::visible_markdown(&h.to_markdown()),
    ];
    out.extend(a.reconsider_when.iter().map(|r| r.patient_text.to_string()));
    out
}

fn check_no_clinician_words(a: &Assessment) -> Result<(), String> {
    let forbidden = forbidden();
    for text in patient_facing(a) {
        // The antiplatelet words name aspirin to exclude it (knowledge §2).
        let lower = text.to_lowercase().replace("(not low-dose aspirin)", "");
        for word in &forbidden {
            if lower.contains(&word.to_lowercase()) {
                return Err(format!("{word:?} in patient text:\n{text}"));
            }
        }
    }
    Ok(())
}

const DO_NOT_STOP: &str = "Do not stop or change a medicine a doctor has prescribed for you, or aspirin for your heart, on your own. Ask the doctor who prescribes it first.";

const KEEP_ASPIRIN: &str = "Keep taking aspirin for your heart or to prevent clots, unless the doctor who prescribes it tells you otherwise.";

const OTHER_TREATMENTS: &str =
    "Your clinician can talk with you about other treatments for your foot.";

/// How many times `needle` occurs in `haystack`.
fn times(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

// ---------------------------------------------------------------------------
// One test per defect

#[test]
fn every_finding_has_plain_patient_wording() {
    assert_eq!(
        Finding::CalfSwelling.patient_label(),
        "a possible blood clot in the calf"
    );
    for &f in Finding::all() {
        let words = f.patient_label();
        assert!(!words.is_empty(), "{f}");
        for jargon in [
            "DVT",
            "malleolus",
            "metatarsal",
            "navicular",
            "ischaemia",
            "neuropathy",
            "malignancy",
            "immunosuppression",
            "systemic",
        ] {
            assert!(!words.contains(jargon), "{f}: {words}");
        }
    }
}

#[test]
fn a_possible_fracture_reads_as_a_possible_broken_bone() {
    let a = assess(&example("04"), &Policy::default());
    assert_eq!(a.verdict, Verdict::ReferUrgently);
    let md = markdown(&a);
    assert!(md.contains("a possible broken bone"), "{md}");
    assert!(!md.contains("navicular"), "{md}");
    check_no_clinician_words(&a).unwrap();
}

#[test]
fn calf_swelling_reads_as_a_possible_blood_clot() {
    let p = ready()
        .finding(Finding::CalfSwelling, Truth::Present)
        .build()
        .unwrap();
    let a = assess(&p, &Policy::default());
    let md = common::visible_markdown(&markdown(&a));
    assert!(md.contains("a possible blood clot in the calf"), "{md}");
    assert!(!md.contains("DVT"), "{md}");
}

#[test]
fn a_medicine_to_reconsider_is_never_the_patients_to_stop() {
    let p = ready()
        .condition(Condition::HeelPain)
        .medications([MedicationClass::Anticoagulant])
        .build()
        .unwrap();
    let a = assess(&p, &strict());
    assert_eq!(a.verdict, Verdict::Contraindicated);
    let r = &a.reconsider_when[0];
    // The clinician's form may say it; the patient's never does, and the
    // next step is other treatments, never the prescriber (review M7).
    assert!(r.text.contains("no longer taken"), "{}", r.text);
    assert!(!r.patient_text.contains("no longer"), "{}", r.patient_text);
    assert_eq!(r.patient_text, OTHER_TREATMENTS);
    let md = markdown(&a);
    // The do-not-stop line once per handout.
    assert_eq!(times(&md, DO_NOT_STOP), 1, "{md}");
    assert!(md.contains("a blood thinner"), "{md}");
    assert!(!md.contains("while you take"), "{md}");
    check_no_clinician_words(&a).unwrap();
}

#[test]
fn a_lasting_condition_is_not_said_to_stay_for_ever() {
    let p = ready()
        .condition(Condition::HeelPain)
        .finding(Finding::BleedingDisorder, Truth::Present)
        .build()
        .unwrap();
    let a = assess(&p, &Policy::default());
    assert_eq!(a.verdict, Verdict::Contraindicated);
    let r = &a.reconsider_when[0];
    assert!(r.text.contains("not expected to resolve"), "{}", r.text);
    for phrase in ["not expected to resolve", "no longer applies"] {
        assert!(!r.patient_text.contains(phrase), "{}", r.patient_text);
    }
    check_no_clinician_words(&a).unwrap();
}

#[test]
fn refer_urgently_says_what_to_do_first() {
    let a = assess(&example("04"), &Policy::default());
    let h = Handout::new(&a);
    let md = h.to_markdown();
    // What to do now is the first section, in a box; nothing after "Why".
    let sections: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    assert_eq!(
        sections,
        ["What to do now", "Why", "Where this comes from"],
        "{md}"
    );
    assert!(h.sections[0].boxed);
    // The same-day tier in the clinician's voice: who arranges the check,
    // and what to do if nobody calls (review M4, knowledge §1.1).
    let now: Vec<&str> = h.sections[0]
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(
        now,
        [
            "Your clinician is arranging for this to be checked today.",
            "If you have not heard from the clinic by the end of the day, call the clinic.",
            "If the clinic is closed, contact your local urgent care service.",
        ],
        "{md}"
    );
    assert!(!md.contains("the same day so your clinician"), "{md}");
    // Labelled as our safety-netting, not a source's text.
    for l in &h.sections[0].lines {
        assert!(
            l.source.citation.starts_with("Safety-netting"),
            "{:?}",
            l.source
        );
        assert_eq!(l.source.patient_label(), "Our advice, not from a study");
    }
    assert!(
        md.contains("**Your clinician is arranging for this to be checked today.** [1]"),
        "{md}"
    );
    assert!(md.contains("1. Our advice, not from a study"), "{md}");
}

#[test]
fn needs_information_asks_questions_without_a_list_of_red_flags() {
    let a = assess(&example("03"), &Policy::default());
    assert_eq!(a.verdict, Verdict::NeedsInformation);
    let md = common::visible_markdown(&markdown(&a));
    assert!(
        md.contains("Your clinician needs to ask you some questions first."),
        "{md}"
    );
    // The short safety-net while red flags are unknown names the signs a
    // patient can notice (knowledge §1.1); nothing else names a red flag.
    let net = md
        .lines()
        .find(|l| l.contains("Until your clinician has checked your foot"))
        .unwrap_or_else(|| panic!("no safety-net: {md}"));
    let md: String = md
        .lines()
        .filter(|l| *l != net)
        .collect::<Vec<_>>()
        .join("\n");
    for &f in Finding::all() {
        if f.group() == FindingGroup::RedFlag || f.group() == FindingGroup::OttawaComponent {
            assert!(!md.contains(f.label()), "{f}: {md}");
            assert!(!md.contains(f.patient_label().as_str()), "{f}: {md}");
        }
    }
}

#[test]
fn the_nsaid_line_never_reaches_a_patient_alone() {
    let a = assess(&example("01"), &Policy::default());
    let plan = a.plan.as_ref().unwrap();
    let at = plan
        .preparation
        .iter()
        .position(|l| l.text.contains("anti-inflammatory"))
        .unwrap();
    assert_eq!(plan.preparation[at + 1].text, DO_NOT_STOP);
    let md = markdown(&a);
    assert_eq!(times(&md, DO_NOT_STOP), 1, "{md}");
    // With aspirin possible (an open list), the keep-aspirin line comes
    // between the two (review H1).
    let v2 = assess(&example("v2"), &Policy::default());
    let prep: Vec<&str> = v2
        .plan
        .as_ref()
        .unwrap()
        .preparation
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    let at = prep
        .iter()
        .position(|l| l.contains("anti-inflammatory"))
        .unwrap();
    assert_eq!(
        prep[at + 1..at + 3],
        [KEEP_ASPIRIN, DO_NOT_STOP],
        "{prep:?}"
    );
    // The conflicting published range is for the clinician only.
    assert!(!md.contains("3 days to 2 weeks"), "{md}");
    assert!(plan
        .clinician_notes
        .iter()
        .any(|n| n.text.contains("3 days to 2 weeks")));
    assert!(a.report().contains("3 days to 2 weeks"));
}

#[test]
fn a_prescribed_precaution_medicine_carries_the_do_not_stop_line() {
    let a = assess(&example("02"), &Policy::default());
    assert_eq!(a.verdict.family(), Some(Family::Yes));
    let md = markdown(&a);
    assert_eq!(times(&md, DO_NOT_STOP), 1, "{md}");
    assert!(md.contains("a blood thinner"), "{md}");
    check_no_clinician_words(&a).unwrap();
}

#[test]
fn nothing_implies_a_recommendation() {
    for prefix in ["01", "02", "08"] {
        let md = markdown(&assess(&example(prefix), &Policy::default()));
        assert!(md.contains("## Why your clinician may discuss it"), "{md}");
        assert!(!md.contains("suggested for you"), "{md}");
        assert!(md.contains("This leaflet is not a recommendation."), "{md}");
    }
}

#[test]
fn no_trial_of_prolotherapy_was_found_for_mortons_neuroma_or_osteoarthritis() {
    for c in [Condition::MortonsNeuroma, Condition::Osteoarthritis] {
        let p = ready().condition(c).build().unwrap();
        let a = assess(&p, &Policy::default());
        assert_eq!(a.verdict, Verdict::Discuss, "{c}");
        let md = markdown(&a);
        assert!(
            md.contains(&format!(
                "No trial of prolotherapy for {} was found.",
                c.patient_label()
            )),
            "{md}"
        );
        assert!(!md.contains("very limited"), "{md}");
    }
}

#[test]
fn no_sentence_is_stronger_than_the_seed() {
    let md = markdown(&assess(&example("01"), &Policy::default()));
    assert!(md.contains("It may take about 6 weeks"), "{md}");
    assert!(!md.contains("takes about 6 weeks"), "{md}");
    // The seed recommends a protein-rich meal; an order to eat one is
    // stronger than the seed (plain words may say "is recommended").
    let meal = md.lines().find(|l| l.contains("protein")).unwrap();
    assert!(meal.contains("recommended"), "{meal}");
    assert!(!meal.contains("- Eat "), "{meal}");
    // The mechanism is what the seed claims, not a fact (knowledge §8).
    assert!(md.contains("is meant to help the body repair"), "{md}");
    assert!(!md.contains("grow new connective tissue"), "{md}");
}

#[test]
fn sources_are_labelled_for_a_patient() {
    let md = markdown(&assess(&example("01"), &Policy::default()));
    let visible = common::visible_markdown(&md);
    assert!(!visible.contains("Seed"), "{visible}");
    assert!(
        visible.contains("- The skin over the sore area is cleaned. [1]"),
        "{visible}"
    );
    assert!(
        visible.contains("\n1. From the clinic's leaflet on prolotherapy\n"),
        "{visible}"
    );
    // The full citation stays for the clinician, after the patient's notes.
    assert!(md.contains("Seed: The Procedure;"), "{md}");
    // Its note names the kind of source once: no strength code per citation.
    assert!(
        !md.contains("(seed)") && !md.contains("peer_reviewed"),
        "{md}"
    );
    let html = Handout::new(&assess(&example("01"), &Policy::default())).to_html();
    // The machine-readable attribute keeps the citation; the visible note
    // is the patient's.
    assert!(html.contains("data-source=\"Seed: The Procedure\""));
    let visible = common::visible_html(&html);
    assert!(!visible.contains("Seed"), "{visible}");
    assert!(
        visible.contains("From the clinic's leaflet on prolotherapy"),
        "{visible}"
    );
}

#[test]
fn the_heel_and_achilles_guideline_list_is_only_for_those_conditions() {
    let early = |c| {
        let p = ready()
            .condition(c)
            .symptom_weeks(4)
            .conservative_care_weeks(2)
            .build()
            .unwrap();
        let a = assess(&p, &Policy::default());
        assert_eq!(a.verdict, Verdict::NotYet, "{c}");
        markdown(&a)
    };
    for c in [
        Condition::HeelPain,
        Condition::PlantarFasciitis,
        Condition::AchillesTendinopathy,
    ] {
        assert!(early(c).contains("night splints"), "{c}");
    }
    for c in [
        Condition::BunionPain,
        Condition::MortonsNeuroma,
        Condition::Osteoarthritis,
        Condition::FallenArch,
        Condition::Tendinitis,
    ] {
        let md = early(c);
        assert!(!md.contains("night splints"), "{c}: {md}");
        assert!(!md.contains("Guidelines recommend"), "{c}: {md}");
    }
}

#[test]
fn saline_shown_as_suitable_says_it_was_the_trials_comparison() {
    let a = assess(&example("01"), &Policy::default());
    let saline = a
        .injectates
        .iter()
        .find(|i| i.injectate == Injectate::Saline)
        .unwrap();
    assert_eq!(saline.suitability, Suitability::Suitable);
    // Beyond the description, which the report leaves out for a suitable
    // injectate: a note of its own, so the report shows it.
    assert!(saline
        .notes
        .iter()
        .skip(1)
        .any(|n| n.text.contains("comparison arm")));
    let report = a.report();
    let at = report.find("saline").unwrap();
    assert!(report[at..].contains("comparison arm"), "{report}");
}

#[test]
fn with_a_corn_or_dextrose_allergy_dextrose_is_avoided() {
    for allergy in [Allergy::Corn, Allergy::Dextrose] {
        let p = ready()
            .condition(Condition::HeelPain)
            .allergies([allergy])
            .build()
            .unwrap();
        let a = assess(&p, &Policy::default());
        assert_eq!(a.verdict.family(), Some(Family::Yes), "{allergy}");
        let course = &a.plan.as_ref().unwrap().course;
        // "Avoid", as the source says, never a firmer promise (review M6).
        assert!(
            course.iter().any(|l| l.text
                == "Because of your allergy, your clinician will avoid sugar water (dextrose), which is made from corn."),
            "{allergy}: {course:?}"
        );
        assert!(
            course.iter().all(|l| !l.text.contains("will not be used")),
            "{allergy}: {course:?}"
        );
        // Saline is what is left: it was the studies' comparison (§5).
        assert!(
            course.iter().any(|l| l.text
                == "In the studies, salt water (saline) was the comparison treatment, so there is less evidence that it helps."),
            "{allergy}: {course:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// The property

#[derive(Debug, Clone)]
struct Case {
    presentation: Presentation,
    medications: Option<Vec<MedicationClass>>,
}

prop_compose! {
    fn case()(
        age in proptest::option::of(10u32..=90),
        conditions in set_of(Condition::all()),
        symptoms in proptest::option::of(0u32..=60),
        care in proptest::option::of(0u32..=60),
        pain in proptest::option::of(0u32..=10),
        // Red flags mostly screened, so every family is reached.
        screened in proptest::bool::weighted(0.7),
        findings in prop::collection::vec(truth(6, 1, 1), Finding::all().len()),
        medications in set_of(MedicationClass::all()),
        allergies in set_of(Allergy::all()),
    ) -> Case {
        let mut b = Presentation::builder();
        if let Some(v) = age { b = b.age_years(v); }
        if let Some(v) = conditions { b = b.conditions(v); }
        let (symptoms, care) = match (symptoms, care) {
            (Some(s), Some(c)) if c > s => (Some(c), Some(s)),
            other => other,
        };
        if let Some(v) = symptoms { b = b.symptom_weeks(v); }
        if let Some(v) = care { b = b.conservative_care_weeks(v); }
        if let Some(v) = pain { b = b.pain_score(v); }
        for (&f, t) in Finding::all().iter().zip(findings) {
            let t = if screened && f.group() == FindingGroup::RedFlag { Truth::Absent } else { t };
            b = b.finding(f, t);
        }
        if let Some(v) = medications.clone() { b = b.medications(v); }
        if let Some(v) = allergies { b = b.allergies(v); }
        Case { presentation: b.build().unwrap(), medications }
    }
}

fn policies() -> [Policy; 3] {
    [
        Policy::default(),
        strict(),
        Policy::builder("lenient", "1")
            .min_symptom_weeks(4)
            .min_conservative_care_weeks(2)
            .build()
            .unwrap(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn patient_text_never_carries_clinician_words(c in case()) {
        for policy in policies() {
            let a = assess(&c.presentation, &policy);
            if let Err(e) = check_no_clinician_words(&a) {
                return Err(TestCaseError::fail(format!("{:?} under {}: {e}", a.verdict, policy.name())));
            }
            let takes_precaution = c
                .medications
                .as_ref()
                .is_some_and(|m| m.iter().any(|m| m.is_precaution() || *m == MedicationClass::Nsaid));
            if a.verdict.family() == Some(Family::Yes) && takes_precaution {
                let md = markdown(&a);
                prop_assert_eq!(times(&md, DO_NOT_STOP), 1, "the do-not-stop line once:\n{}", md);
            }
        }
    }
}
