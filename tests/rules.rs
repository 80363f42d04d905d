//! Every rule of the table on its own: a presentation that would be
//! `discuss`, with only that rule made present, gets the rule's verdict
//! and names the rule as the decisive reason.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]

use prolo_triage::{
    assess, Allergy, Condition, Fact, Finding, FindingGroup, Formula, Group, MedicationClass,
    Policy, Presentation, PresentationBuilder, Role, Sex, Truth, Verdict, RULES,
};

/// Adult, treatable, chronic, after care, every finding screened absent,
/// no medications, no allergies: `discuss`.
fn clean() -> PresentationBuilder {
    let mut b = Presentation::builder()
        .age_years(45)
        .sex(Sex::Female)
        .condition(Condition::PlantarFasciitis)
        .symptom_weeks(30)
        .conservative_care_weeks(12)
        .medications([])
        .allergies([]);
    for f in Finding::all() {
        if f.group() != FindingGroup::Supporting {
            b = b.finding(*f, Truth::Absent);
        }
    }
    b
}

/// Makes one fact adverse.
fn with(b: PresentationBuilder, fact: Fact) -> PresentationBuilder {
    match fact {
        Fact::Finding(f) => b.finding(f, Truth::Present),
        Fact::Medication(m) => b.medications([m]),
        Fact::Allergy(a) => b.allergies([a]),
        Fact::AgeBelowMinimum => b.age_years(17),
        Fact::NoTreatableCondition => b.conditions([Condition::Other]),
        Fact::SymptomsBelowMinimum => b.symptom_weeks(11).conservative_care_weeks(6),
        Fact::CareBelowMinimum => b.conservative_care_weeks(5),
        other => panic!("no test for {other}"),
    }
}

#[test]
fn the_clean_presentation_is_discuss() {
    let a = assess(&clean().build().unwrap(), &Policy::default());
    assert_eq!(a.verdict, Verdict::Discuss);
    assert!(a.questions.is_empty());
}

#[test]
fn every_rule_alone_gives_its_verdict() {
    let policy = Policy::default();
    for rule in RULES.iter() {
        // A single-fact rule: that fact. A compound rule (the Ottawa
        // rules): each way it can hold, one examination finding at a time.
        let ways: Vec<Vec<Fact>> = match rule.formula {
            Formula::Fact(f) => vec![vec![f]],
            Formula::All(_) => {
                let facts: Vec<Fact> = rule.formula.facts().collect();
                let (injury, examination) = facts.split_first().unwrap();
                examination.iter().map(|e| vec![*injury, *e]).collect()
            }
            other => panic!("unexpected formula {other:?}"),
        };
        for facts in ways {
            let b = facts.iter().fold(clean(), |b, f| with(b, *f));
            let a = assess(&b.build().unwrap(), &policy);
            assert_eq!(a.verdict, rule.group.verdict(), "{} {facts:?}", rule.id);
            let decisive: Vec<&str> = a
                .reasons
                .iter()
                .filter(|r| r.role == Role::Decisive)
                .map(|r| r.rule.as_ref())
                .collect();
            assert_eq!(decisive, [rule.id], "{}", rule.id);
            assert_eq!(a.reasons[0].finding, facts.last().copied(), "{}", rule.id);
            assert!(!a.reasons[0].source.citation.is_empty());
        }
    }
}

#[test]
fn each_ottawa_fact_alone_is_not_a_fracture() {
    for f in Finding::all()
        .iter()
        .filter(|f| f.group() == FindingGroup::OttawaComponent)
    {
        let a = assess(
            &with(clean(), Fact::Finding(*f)).build().unwrap(),
            &Policy::default(),
        );
        assert_eq!(a.verdict, Verdict::Discuss, "{f}");
    }
}

#[test]
fn nsaid_and_low_dose_aspirin_change_nothing() {
    let a = assess(
        &clean()
            .medications([MedicationClass::Nsaid, MedicationClass::LowDoseAspirin])
            .build()
            .unwrap(),
        &Policy::default(),
    );
    assert_eq!(a.verdict, Verdict::Discuss);
}

#[test]
fn supporting_findings_support_and_never_decide() {
    let a = assess(
        &clean()
            .finding(Finding::LigamentLaxity, Truth::Present)
            .finding(Finding::JointInstability, Truth::Present)
            .build()
            .unwrap(),
        &Policy::default(),
    );
    assert_eq!(a.verdict, Verdict::Discuss);
    let support: Vec<&str> = a
        .reasons
        .iter()
        .filter(|r| r.role == Role::Supporting)
        .map(|r| r.rule.as_ref())
        .collect();
    assert!(support.contains(&"support.ligament_laxity"));
    assert!(support.contains(&"support.joint_instability"));
}

#[test]
fn a_promoted_precaution_decides_as_absolute() {
    let policy = Policy::builder("strict", "1")
        .classify(Fact::Allergy(Allergy::Corn), Group::Absolute)
        .build()
        .unwrap();
    let a = assess(
        &clean().allergies([Allergy::Corn]).build().unwrap(),
        &policy,
    );
    assert_eq!(a.verdict, Verdict::Contraindicated);
    assert!(a.reasons[0]
        .text
        .contains("Made absolute by the policy \"strict\""));
}

#[test]
fn a_policy_that_treats_fewer_conditions() {
    let policy = Policy::builder("heel only", "1")
        .treatable_conditions([Condition::HeelPain])
        .build()
        .unwrap();
    let a = assess(&clean().build().unwrap(), &policy);
    assert_eq!(a.verdict, Verdict::NotSuitable);
    assert!(a.reasons[0].text.contains("not treated under the policy"));
}

#[test]
fn thresholds_come_from_the_policy() {
    let policy = Policy::builder("later", "1")
        .min_age_years(50)
        .min_symptom_weeks(40)
        .build()
        .unwrap();
    let a = assess(&clean().age_years(50).build().unwrap(), &policy);
    assert_eq!(a.verdict, Verdict::NotYet);
    assert!(a.summary.contains("30 of 40 weeks"), "{}", a.summary);
    let a = assess(&clean().age_years(49).build().unwrap(), &policy);
    assert_eq!(a.verdict, Verdict::NotSuitable);
}

#[test]
fn unknown_precautions_are_asked_even_when_one_is_present() {
    // Worked case 02 (anticoagulant) with diabetes not recorded: still
    // discuss_with_precautions, and diabetes is a question to settle.
    let p = clean()
        .medications([MedicationClass::Anticoagulant])
        .finding(Finding::Diabetes, Truth::Unknown)
        .build()
        .unwrap();
    let a = assess(&p, &Policy::default());
    assert_eq!(a.verdict, Verdict::DiscussWithPrecautions);
    assert_eq!(a.questions.len(), 1);
    assert_eq!(a.questions[0].finding.as_str(), "diabetes");
    assert!(!a.questions[0].blocking);
    assert!(a.summary.contains("settle 1 more"), "{}", a.summary);
}

#[test]
fn male_settles_pregnancy() {
    let p = clean()
        .sex(Sex::Male)
        .finding(Finding::Pregnancy, Truth::Unknown)
        .build()
        .unwrap();
    assert_eq!(assess(&p, &Policy::default()).verdict, Verdict::Discuss);
    let p = clean()
        .sex(Sex::Other)
        .finding(Finding::Pregnancy, Truth::Unknown)
        .build()
        .unwrap();
    let a = assess(&p, &Policy::default());
    assert_eq!(a.verdict, Verdict::DiscussWithPrecautions);
    assert_eq!(a.questions[0].finding.as_str(), "pregnancy");
}

#[test]
fn both_durations_unknown_are_both_reasons_to_wait_for() {
    let p = Presentation::builder()
        .age_years(45)
        .condition(Condition::PlantarFasciitis)
        .medications([])
        .allergies([]);
    let p = Finding::all()
        .iter()
        .filter(|f| f.group() != FindingGroup::Supporting)
        .fold(p, |b, f| b.finding(*f, Truth::Absent))
        .build()
        .unwrap();
    let a = assess(&p, &Policy::default());
    assert_eq!(a.verdict, Verdict::NeedsInformation);
    let unknown: Vec<&str> = a
        .reasons
        .iter()
        .filter(|r| r.role == Role::Unknown)
        .map(|r| r.rule.as_ref())
        .collect();
    assert_eq!(
        unknown,
        ["timing.symptom_weeks", "timing.conservative_care_weeks"]
    );
}
