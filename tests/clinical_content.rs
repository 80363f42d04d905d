//! Injectates, plan, evidence and reconsider_when through the public API.

use prolo_triage::rules::INJECTATE_RULES;
use prolo_triage::{
    assess, Allergy, Assessment, Change, Condition, EvidenceLevel, Fact, Family, Finding,
    FindingGroup, Group, Injectate, MedicationClass, Policy, Presentation, PresentationBuilder,
    Resolution, Suitability, Truth, Verdict,
};
use proptest::prelude::*;

use crate::common::{screen_absent, truth};

/// Adult, treatable, chronic, after care, screened: `discuss`; with the
/// medication or allergy list left unrecorded on request.
fn clean_with(medications: bool, allergies: bool) -> PresentationBuilder {
    let mut b = Presentation::builder()
        .age_years(45)
        .condition(Condition::Tendinitis)
        .symptom_weeks(30)
        .conservative_care_weeks(12);
    if medications {
        b = b.medications([]);
    }
    if allergies {
        b = b.allergies([]);
    }
    screen_absent(b)
}

fn clean() -> PresentationBuilder {
    clean_with(true, true)
}

fn injectate(a: &Assessment, i: Injectate) -> Suitability {
    a.injectates
        .iter()
        .find(|x| x.injectate == i)
        .map(|x| x.suitability)
        .unwrap()
}

/// Sets one fact to `truth` (an unknown list is left unrecorded).
fn set(fact: Fact, truth: Truth) -> PresentationBuilder {
    match (fact, truth) {
        (Fact::Finding(f), t) => clean().finding(f, t),
        (Fact::Medication(m), Truth::Present) => clean().medications([m]),
        (Fact::Allergy(a), Truth::Present) => clean().allergies([a]),
        (Fact::Condition(c), Truth::Present) => clean().conditions([c]),
        (Fact::Medication(_), Truth::Unknown) => clean_with(false, true),
        (Fact::Allergy(_), Truth::Unknown) => clean_with(true, false),
        (other, t) => panic!("no setter for {other} = {t}"),
    }
}

#[test]
fn every_injectate_rule_on_its_own() {
    let policy = Policy::default();
    for rule in INJECTATE_RULES.iter() {
        let fact = rule.fact;
        // Present: the rule's level, and its note.
        let a = assess(&set(fact, Truth::Present).build().unwrap(), &policy);
        assert_eq!(
            injectate(&a, rule.injectate),
            rule.level,
            "{} present",
            rule.id
        );
        let advice = a
            .injectates
            .iter()
            .find(|x| x.injectate == rule.injectate)
            .unwrap();
        assert!(
            advice.notes.iter().any(|n| n.rule == rule.id),
            "{}",
            rule.id
        );
        // Unknown: caution with a question, never suitable.
        if !matches!(fact, Fact::Condition(_)) {
            let a = assess(&set(fact, Truth::Unknown).build().unwrap(), &policy);
            if !a.injectates.is_empty() {
                assert_eq!(
                    injectate(&a, rule.injectate),
                    Suitability::Caution,
                    "{} unknown",
                    rule.id
                );
                let advice = a
                    .injectates
                    .iter()
                    .find(|x| x.injectate == rule.injectate)
                    .unwrap();
                assert!(
                    advice
                        .notes
                        .iter()
                        .any(|n| n.rule == rule.id && n.text.contains("Ask:")),
                    "{}",
                    rule.id
                );
            }
        }
    }
    // Absent everywhere: each injectate at its baseline.
    let a = assess(&clean().build().unwrap(), &policy);
    for i in Injectate::all() {
        assert_eq!(injectate(&a, *i), i.baseline().0, "{i}");
    }
}

#[test]
fn knowledge_file_examples_for_injectates() {
    let policy = Policy::default();
    let check = |b: PresentationBuilder, i: Injectate, want: Suitability| {
        let a = assess(&b.build().unwrap(), &policy);
        assert_eq!(injectate(&a, i), want, "{i}");
    };
    check(
        clean().allergies([Allergy::Corn]),
        Injectate::Dextrose,
        Suitability::Avoid,
    );
    check(
        clean().allergies([Allergy::Dextrose]),
        Injectate::Dextrose,
        Suitability::Avoid,
    );
    check(
        clean().finding(Finding::Diabetes, Truth::Present),
        Injectate::Dextrose,
        Suitability::Caution,
    );
    check(
        clean().allergies([Allergy::LocalAnaesthetic]),
        Injectate::LocalAnaesthetic,
        Suitability::Avoid,
    );
    check(
        clean().finding(Finding::LowPlatelets, Truth::Present),
        Injectate::Prp,
        Suitability::Avoid,
    );
    check(
        clean().medications([MedicationClass::Anticoagulant]),
        Injectate::Prp,
        Suitability::Avoid,
    );
    check(
        clean().medications([MedicationClass::Nsaid]),
        Injectate::Prp,
        Suitability::Caution,
    );
    check(
        clean().conditions([Condition::AchillesTendinopathy]),
        Injectate::Prp,
        Suitability::Caution,
    );
    check(
        clean().conditions([Condition::Osteoarthritis]),
        Injectate::Prp,
        Suitability::Caution,
    );
    check(clean(), Injectate::Saline, Suitability::Suitable);
    check(
        clean(),
        Injectate::AutologousStemCells,
        Suitability::Caution,
    );
    // Allergies not recorded: dextrose and the anaesthetic are caution.
    let a = assess(&clean_with(true, false).build().unwrap(), &policy);
    assert_eq!(injectate(&a, Injectate::Dextrose), Suitability::Caution);
    assert_eq!(
        injectate(&a, Injectate::LocalAnaesthetic),
        Suitability::Caution
    );
}

#[test]
fn injectates_only_when_something_may_be_injected() {
    let policy = Policy::default();
    let cases = [
        (
            clean().finding(Finding::Fever, Truth::Present),
            Verdict::ReferUrgently,
            false,
        ),
        (
            clean().finding(Finding::SkinInfectionAtSite, Truth::Present),
            Verdict::Contraindicated,
            false,
        ),
        (clean().age_years(12), Verdict::NotSuitable, false),
        (clean().conservative_care_weeks(2), Verdict::NotYet, false),
        (
            clean().finding(Finding::Fever, Truth::Unknown),
            Verdict::NeedsInformation,
            true,
        ),
        (
            clean().finding(Finding::Diabetes, Truth::Present),
            Verdict::DiscussWithPrecautions,
            true,
        ),
        (clean(), Verdict::Discuss, true),
    ];
    for (b, verdict, filled) in cases {
        let a = assess(&b.build().unwrap(), &policy);
        assert_eq!(a.verdict, verdict);
        assert_eq!(!a.injectates.is_empty(), filled, "{verdict}");
        assert_eq!(
            a.plan.is_some(),
            verdict.family() == Some(Family::Yes),
            "{verdict}"
        );
    }
}

#[test]
fn nsaid_line_only_when_nsaid_is_listed() {
    let policy = Policy::default();
    let prep = |b: PresentationBuilder| -> Vec<String> {
        let a = assess(&b.build().unwrap(), &policy);
        a.plan
            .unwrap()
            .preparation
            .iter()
            .map(|i| i.text.to_string())
            .collect()
    };
    let with = prep(clean().medications([MedicationClass::Nsaid]));
    assert!(with.iter().any(|t| t.contains("2 to 3 days")), "{with:?}");
    let without = prep(clean().medications([MedicationClass::LowDoseAspirin]));
    assert!(
        !without.iter().any(|t| t.contains("anti-inflammatory")),
        "{without:?}"
    );
    assert!(without.iter().any(|t| t.contains("protein")));
    // Aspirin for the heart is kept, by name (review H1).
    assert!(
        without
            .iter()
            .any(|t| t.starts_with("Keep taking aspirin for your heart")),
        "{without:?}"
    );
}

#[test]
fn course_text_per_condition() {
    let policy = Policy::default();
    let course = |c: Condition| -> String {
        let a = assess(&clean().conditions([c]).build().unwrap(), &policy);
        a.plan
            .unwrap()
            .course
            .iter()
            .map(|i| i.text.to_string())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    for c in [Condition::PlantarFasciitis, Condition::HeelPain] {
        assert!(
            course(c).contains("2 to 3 sessions, 2 to 6 weeks apart"),
            "{c}"
        );
    }
    assert!(course(Condition::AchillesTendinopathy).contains("4 to 5 sessions"));
    for c in [
        Condition::MortonsNeuroma,
        Condition::BunionPain,
        Condition::FallenArch,
        Condition::Tendinitis,
    ] {
        let text = course(c);
        assert!(!text.contains("In studies for"), "{c}: {text}");
        assert!(
            text.contains("depends on your foot problem, what is injected and how bad the pain is"),
            "{c}: {text}"
        );
    }
    let a = assess(&clean().pain_score(8).build().unwrap(), &policy);
    assert!(a
        .plan
        .unwrap()
        .course
        .iter()
        .any(|i| i.text.contains("you scored it 8 out of 10")));
}

#[test]
fn evidence_per_condition() {
    let policy = Policy::default();
    let expected = [
        (
            Condition::PlantarFasciitis,
            EvidenceLevel::Moderate,
            "Mansiz-Kaplan",
        ),
        (Condition::HeelPain, EvidenceLevel::Moderate, "Covey"),
        (
            Condition::AchillesTendinopathy,
            EvidenceLevel::LowToModerate,
            "Yelland",
        ),
        (Condition::MortonsNeuroma, EvidenceLevel::VeryLow, "Hughes"),
        (Condition::BunionPain, EvidenceLevel::VeryLow, "Hauser"),
        (Condition::Osteoarthritis, EvidenceLevel::VeryLow, "Paget"),
        (
            Condition::Tendinitis,
            EvidenceLevel::VeryLow,
            "Extrapolated",
        ),
        (Condition::FallenArch, EvidenceLevel::NoneFound, "No trial"),
    ];
    for (c, level, cited) in expected {
        let a = assess(&clean().conditions([c]).build().unwrap(), &policy);
        let e = &a.evidence[0];
        assert_eq!((e.condition, e.level), (Some(c), level));
        assert_eq!(EvidenceLevel::of(c), Some(level), "{c}");
        assert!(
            e.source.citation.contains(cited),
            "{c}: {}",
            e.source.citation
        );
        // Our own inferences say so by their strength (printed once).
        if matches!(c, Condition::Tendinitis | Condition::FallenArch) {
            assert_eq!(e.source.strength, prolo_triage::Strength::Inferred, "{c}");
        }
        let reviews: Vec<&str> = a
            .evidence
            .iter()
            .filter(|e| e.condition.is_none())
            .map(|e| e.source.citation.as_ref())
            .collect();
        assert_eq!(reviews.len(), 2);
        assert!(reviews[0].contains("Sanderson") && reviews[1].contains("Reeves"));
    }
    let a = assess(
        &clean().conditions([Condition::Other]).build().unwrap(),
        &policy,
    );
    assert!(a.evidence.iter().all(|e| e.condition.is_none()));
    assert_eq!(EvidenceLevel::of(Condition::Other), None);
}

/// An unknown injectate rule says what is not known and the question
/// that settles it.
#[test]
fn unknown_injectate_rules_say_what_to_ask() {
    let a = assess(&Presentation::default(), &Policy::default());
    assert_eq!(a.verdict, Verdict::NeedsInformation);
    let mut checked = 0;
    for rule in INJECTATE_RULES.iter() {
        let fact = rule.fact;
        let note = a
            .injectates
            .iter()
            .flat_map(|i| &i.notes)
            .find(|n| n.rule == rule.id)
            .unwrap();
        assert_eq!(
            note.text,
            format!(
                "Not yet known: {} Ask: {}",
                rule.text,
                fact.subject().question()
            ),
            "{}",
            rule.id
        );
        checked += 1;
    }
    assert!(checked > 0);
}

/// A precaution a policy makes absolute is reconsidered as the thing it
/// is: a medication stopped, an allergy that no longer applies, the time
/// since a steroid injection.
#[test]
fn reconsider_when_a_promoted_precaution_resolves() {
    let policy = Policy::builder("strict", "1")
        .classify(
            Fact::Medication(MedicationClass::Anticoagulant),
            Group::Absolute,
        )
        .classify(Fact::Allergy(Allergy::Corn), Group::Absolute)
        .classify(
            Fact::Finding(Finding::RecentSteroidInjection),
            Group::Absolute,
        )
        .build()
        .unwrap();
    let cases = [
        (
            clean().medications([MedicationClass::Anticoagulant]),
            Fact::Medication(MedicationClass::Anticoagulant),
            Resolution::Possible,
            format!(
                "When the {} is no longer taken.",
                MedicationClass::Anticoagulant.label()
            ),
        ),
        (
            clean().allergies([Allergy::Corn]),
            Fact::Allergy(Allergy::Corn),
            Resolution::Possible,
            format!("Only if the {} no longer applies.", Allergy::Corn.label()),
        ),
        (
            clean().finding(Finding::RecentSteroidInjection, Truth::Present),
            Fact::Finding(Finding::RecentSteroidInjection),
            Resolution::Expected,
            "When 3 months have passed since the steroid injection at the site.".into(),
        ),
    ];
    for (b, fact, resolution, text) in cases {
        let a = assess(&b.build().unwrap(), &policy);
        assert_eq!(a.verdict, Verdict::Contraindicated, "{fact}");
        assert_eq!(a.reconsider_when.len(), 1, "{fact}");
        let r = &a.reconsider_when[0];
        assert_eq!(r.change, Change::Resolve { fact, resolution });
        assert_eq!(r.text, text);
    }
}

/// Waiting for the symptoms alone: care already long enough is not
/// assumed to go on.
#[test]
fn waiting_for_symptoms_keeps_the_care_already_given() {
    let a = assess(
        &clean()
            .symptom_weeks(8)
            .conservative_care_weeks(8)
            .build()
            .unwrap(),
        &Policy::default(),
    );
    assert_eq!(a.verdict, Verdict::NotYet);
    assert_eq!(
        a.reconsider_when[0].change,
        Change::Wait {
            weeks: 4,
            symptom_weeks: Some(12),
            conservative_care_weeks: Some(8)
        }
    );
}

#[test]
fn reconsider_when_for_each_obstacle() {
    let policy = Policy::default();
    let a = assess(
        &clean()
            .symptom_weeks(5)
            .conservative_care_weeks(1)
            .build()
            .unwrap(),
        &policy,
    );
    assert_eq!(a.verdict, Verdict::NotYet);
    assert_eq!(
        a.reconsider_when[0].change,
        Change::Wait {
            weeks: 7,
            symptom_weeks: Some(12),
            conservative_care_weeks: Some(8)
        }
    );
    let a = assess(
        &clean()
            .symptom_weeks(20)
            .conservative_care_weeks(2)
            .build()
            .unwrap(),
        &policy,
    );
    assert_eq!(
        a.reconsider_when[0].text,
        "After 4 more weeks: symptoms will have lasted 24 weeks and conservative care 6 weeks."
    );
    let a = assess(
        &clean()
            .symptom_weeks(7)
            .conservative_care_weeks(7)
            .build()
            .unwrap(),
        &policy,
    );
    assert_eq!(
        a.reconsider_when[0].text,
        "When symptoms have lasted 12 weeks: 5 more weeks."
    );
    let a = assess(&clean().age_years(15).build().unwrap(), &policy);
    assert_eq!(
        a.reconsider_when[0].change,
        Change::AgeYears { at_least: 18 }
    );
    assert!(a.reconsider_when[0].text.contains("3 more years"));
    let a = assess(
        &clean()
            .finding(Finding::SkinInfectionAtSite, Truth::Present)
            .build()
            .unwrap(),
        &policy,
    );
    assert_eq!(
        a.reconsider_when[0].text,
        "When the skin infection at the site has resolved."
    );
    let a = assess(
        &clean()
            .finding(Finding::MalignancyAtSite, Truth::Present)
            .build()
            .unwrap(),
        &policy,
    );
    assert!(a.reconsider_when[0]
        .text
        .contains("not expected to resolve"));
    // Every obstacle of the no family is listed, not only the deciding one.
    let a = assess(
        &clean()
            .finding(Finding::SystemicInfection, Truth::Present)
            .conservative_care_weeks(3)
            .build()
            .unwrap(),
        &policy,
    );
    assert_eq!(a.verdict, Verdict::Contraindicated);
    assert_eq!(a.reconsider_when.len(), 2);
    // Nothing to reconsider outside the no family.
    for b in [clean(), clean().finding(Finding::Fever, Truth::Present)] {
        assert!(assess(&b.build().unwrap(), &policy)
            .reconsider_when
            .is_empty());
    }
}

/// Applies every change of `reconsider_when` to the presentation.
fn apply(p: &Presentation, a: &Assessment) -> Presentation {
    let mut b = Presentation::builder();
    if let Some(age) = p.age_years() {
        b = b.age_years(u32::from(age.get()));
    }
    if let Some(s) = p.sex() {
        b = b.sex(s);
    }
    let mut conditions = p.conditions();
    let mut symptoms = p.symptom_weeks().map(|w| w.get());
    let mut care = p.conservative_care_weeks().map(|w| w.get());
    let mut medications = p.medications();
    let mut allergies = p.allergies();
    let mut findings: Vec<(Finding, Truth)> = p.findings().collect();
    let mut age = p.age_years().map(|a| a.get());
    for r in &a.reconsider_when {
        match r.change {
            Change::Wait {
                symptom_weeks,
                conservative_care_weeks,
                ..
            } => {
                symptoms = symptom_weeks.or(symptoms);
                care = conservative_care_weeks.or(care);
            }
            Change::AgeYears { at_least } => age = Some(at_least),
            Change::TreatableCondition => conditions = Some(Condition::PlantarFasciitis.into()),
            Change::Resolve { fact, .. } => match fact {
                Fact::Finding(f) => {
                    findings.retain(|(g, _)| *g != f);
                    findings.push((f, Truth::Absent));
                }
                Fact::Medication(m) => medications = medications.map(|s| s.with(m, Truth::Absent)),
                Fact::Allergy(x) => allergies = allergies.map(|s| s.with(x, Truth::Absent)),
                other => panic!("cannot resolve {other}"),
            },
            _ => panic!("unknown change"),
        }
    }
    if let Some(a) = age {
        b = b.age_years(u32::from(a));
    }
    if let Some(c) = conditions {
        b = b.conditions(c.iter());
    }
    if let Some(s) = symptoms {
        b = b.symptom_weeks(u32::from(s));
    }
    if let Some(c) = care {
        b = b.conservative_care_weeks(u32::from(c));
    }
    if let Some(m) = medications {
        b = b.medication_list(m);
    }
    if let Some(x) = allergies {
        b = b.allergy_list(x);
    }
    for (f, t) in findings {
        b = b.finding(f, t);
    }
    b.build().unwrap()
}

prop_compose! {
    fn presentation()(
        age in prop_oneof![Just(None), (0u32..=90).prop_map(Some)],
        conditions in prop_oneof![Just(None), proptest::sample::subsequence(Condition::all().to_vec(), 0..3).prop_map(Some)],
        symptoms in prop_oneof![Just(None), (0u32..=60).prop_map(Some)],
        care_fraction in 0u32..=100,
        care_known in any::<bool>(),
        findings in proptest::collection::vec(truth(8, 1, 1), Finding::all().len()),
        medications in proptest::option::weighted(0.8, proptest::sample::subsequence(MedicationClass::all().to_vec(), 0..3)),
        allergies in proptest::option::weighted(0.8, proptest::sample::subsequence(Allergy::all().to_vec(), 0..2)),
    ) -> Presentation {
        let mut b = Presentation::builder();
        if let Some(a) = age { b = b.age_years(a); }
        if let Some(c) = conditions { b = b.conditions(c); }
        if let Some(s) = symptoms {
            b = b.symptom_weeks(s);
            if care_known { b = b.conservative_care_weeks(s * care_fraction / 100); }
        }
        for (f, t) in Finding::all().iter().zip(findings) {
            let t = if *f == Finding::Pregnancy && t == Truth::Present { Truth::Absent } else { t };
            b = b.finding(*f, t);
        }
        if let Some(m) = medications { b = b.medications(m); }
        if let Some(a) = allergies { b = b.allergies(a); }
        b.build().unwrap()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// The counterfactual: doing what reconsider_when says moves a `no`
    /// verdict to the yes family or to the next blocking step, never back
    /// to the same verdict.
    #[test]
    fn applying_reconsider_when_leaves_the_no_family(p in presentation()) {
        let policy = Policy::default();
        let a = assess(&p, &policy);
        if a.verdict.family() == Some(Family::No) {
            prop_assert!(!a.reconsider_when.is_empty(), "{}", a.verdict);
            let after = assess(&apply(&p, &a), &policy);
            prop_assert_ne!(after.verdict, a.verdict);
            prop_assert!(
                after.verdict.family() != Some(Family::No),
                "{} -> {} ({:?})", a.verdict, after.verdict, a.reconsider_when
            );
        } else {
            prop_assert!(a.reconsider_when.is_empty());
        }
    }

    #[test]
    fn plan_exactly_in_the_yes_family(p in presentation()) {
        let a = assess(&p, &Policy::default());
        prop_assert_eq!(a.plan.is_some(), a.verdict.family() == Some(Family::Yes));
        let injecting = matches!(a.verdict.family(), Some(Family::Yes) | None);
        prop_assert_eq!(!a.injectates.is_empty(), injecting);
    }

    #[test]
    fn no_injectate_is_suitable_when_a_relevant_fact_is_unknown(p in presentation()) {
        let a = assess(&p, &Policy::default());
        for advice in &a.injectates {
            let unknown = INJECTATE_RULES.iter().filter(|r| r.injectate == advice.injectate).any(|r| {
                match r.fact {
                    Fact::Finding(f) => p.finding(f) == Truth::Unknown,
                    Fact::Medication(_) => p.medications().is_none(),
                    Fact::Allergy(_) => p.allergies().is_none(),
                    Fact::Condition(_) => p.conditions().is_none(),
                    _ => false,
                }
            });
            if unknown {
                prop_assert_ne!(advice.suitability, Suitability::Suitable, "{}", advice.injectate);
            }
        }
    }
}

/// `anaemia` is injectate-only (`docs/decision-model.md` §3): present, unknown
/// or absent, the verdict, the questions and the reasons do not move; only
/// PRP does (`docs/clinical-knowledge.md` §5).
#[test]
fn anaemia_never_changes_the_verdict_only_prp() {
    let policy = Policy::default();
    let absent = assess(&clean().build().unwrap(), &policy);
    for truth in [Truth::Present, Truth::Unknown] {
        let a = assess(
            &clean().finding(Finding::Anaemia, truth).build().unwrap(),
            &policy,
        );
        assert_eq!(a.verdict, absent.verdict, "anaemia {truth}");
        assert_eq!(a.questions, absent.questions, "anaemia {truth}");
        assert_eq!(a.reasons, absent.reasons, "anaemia {truth}");
    }
    let a = assess(
        &clean()
            .finding(Finding::Anaemia, Truth::Present)
            .build()
            .unwrap(),
        &policy,
    );
    assert_eq!(injectate(&a, Injectate::Prp), Suitability::Avoid);
    assert_eq!(injectate(&a, Injectate::Dextrose), Suitability::Suitable);
    assert_eq!(Finding::Anaemia.group(), FindingGroup::InjectateOnly);
}

/// An antiplatelet drug impairs platelet function, which counts as
/// platelet dysfunction for PRP [I]: PRP `avoid`, labelled as inference.
/// Low-dose aspirin does not rule PRP out: a caution (§5).
#[test]
fn an_antiplatelet_drug_rules_out_prp_low_dose_aspirin_does_not() {
    let policy = Policy::default();
    let a = assess(
        &clean()
            .medications([MedicationClass::Antiplatelet])
            .build()
            .unwrap(),
        &policy,
    );
    assert_eq!(a.verdict, Verdict::DiscussWithPrecautions);
    assert_eq!(injectate(&a, Injectate::Prp), Suitability::Avoid);
    let prp = a
        .injectates
        .iter()
        .find(|x| x.injectate == Injectate::Prp)
        .unwrap();
    let note = prp
        .notes
        .iter()
        .find(|n| n.rule == "prp.antiplatelet")
        .unwrap();
    assert!(note.text.contains("our inference"), "{}", note.text);
    assert_eq!(note.source.strength, prolo_triage::Strength::Inferred);
    let a = assess(
        &clean()
            .medications([MedicationClass::LowDoseAspirin])
            .build()
            .unwrap(),
        &policy,
    );
    assert_eq!(a.verdict, Verdict::Discuss);
    // Aspirin impairs platelet function too, but it is not the antiplatelet
    // class: PRP is a caution, not avoided (docs/clinical-knowledge.md §5).
    assert_eq!(injectate(&a, Injectate::Prp), Suitability::Caution);
}
