//! Every rule of the table on its own: a presentation that would be
//! `discuss`, with only that rule made present, gets the rule's verdict
//! and names the rule as the decisive reason.

use crate::common;

use prolo_triage::rules::{Formula, RULES};
use prolo_triage::{
    assess, Allergy, Condition, Fact, Finding, FindingGroup, Group, MedicationClass, Policy,
    Presentation, PresentationBuilder, Role, Sex, Truth, Verdict,
};

/// Adult, treatable, chronic, after care, every finding screened absent,
/// no medications, no allergies: `discuss`.
fn clean() -> PresentationBuilder {
    common::ready()
        .sex(Sex::Female)
        .condition(Condition::PlantarFasciitis)
        .conservative_care_weeks(12)
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
            assert_eq!(decisive, [rule.id.as_str()], "{}", rule.id);
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

/// Care is never longer than the symptoms: with symptoms shorter than the
/// care minimum and care not recorded, care is short for certain, not
/// unknown.
#[test]
fn symptoms_shorter_than_the_care_minimum_settle_care_as_short() {
    let p = screened(short_symptoms_care_unrecorded()).build().unwrap();
    // Default policy (12 weeks of symptoms, 6 of care): both timing rules
    // hold, and both are decisive.
    let a = assess(&p, &Policy::default());
    assert_eq!(a.verdict, Verdict::NotYet);
    assert!(a.questions.is_empty());
    let decisive: Vec<&str> = a
        .reasons
        .iter()
        .filter(|r| r.role == Role::Decisive)
        .map(|r| r.rule.as_ref())
        .collect();
    assert_eq!(
        decisive,
        ["timing.symptom_weeks", "timing.conservative_care_weeks"]
    );
    // Care minimum above the symptom minimum: the symptoms are long
    // enough, and care alone holds the verdict at not yet.
    let coupled = Policy::builder("coupled durations", "1")
        .min_symptom_weeks(5)
        .min_conservative_care_weeks(6)
        .build()
        .unwrap();
    let a = assess(&p, &coupled);
    assert_eq!(a.verdict, Verdict::NotYet);
    assert!(a.questions.is_empty(), "{:?}", a.questions);
    assert_eq!(a.reasons[0].rule, "timing.conservative_care_weeks");
    assert!(
        a.reasons[0]
            .text
            .starts_with("At most 5 weeks of conservative care"),
        "{}",
        a.reasons[0].text
    );
}

fn rule_text(id: &str) -> &'static str {
    RULES.iter().find(|r| r.id == id).unwrap().text
}

/// The decisive reason's rule and text.
fn decisive(b: PresentationBuilder) -> (String, String) {
    let a = assess(&b.build().unwrap(), &Policy::default());
    let r = &a.reasons[0];
    assert_eq!(r.role, Role::Decisive, "{:?}", a.reasons);
    (r.rule.to_string(), r.text.to_string())
}

/// The reason texts carry the patient's numbers, and a compound rule
/// lists the facts found.
#[test]
fn reason_texts_name_the_numbers_and_the_facts_found() {
    assert_eq!(
        decisive(clean().age_years(17)),
        (
            "suitability.age".into(),
            format!(
                "Age 17, under the minimum of 18 years. {}",
                rule_text("suitability.age")
            )
        )
    );
    assert_eq!(
        decisive(clean().symptom_weeks(11).conservative_care_weeks(6)),
        (
            "timing.symptom_weeks".into(),
            format!(
                "Symptoms for 11 weeks, below the policy minimum of 12 weeks. {}",
                rule_text("timing.symptom_weeks")
            )
        )
    );
    let ottawa = clean()
        .finding(Finding::RecentInjury, Truth::Present)
        .finding(Finding::BoneTendernessNavicular, Truth::Present);
    assert_eq!(
        decisive(ottawa),
        (
            "red_flag.ottawa_fracture".into(),
            format!(
                "{} Found: {}, {}.",
                rule_text("red_flag.ottawa_fracture"),
                Finding::RecentInjury.label(),
                Finding::BoneTendernessNavicular.label()
            )
        )
    );
}

/// A hot, swollen foot reads as acute Charcot foot only with diabetes or
/// neuropathy.
#[test]
fn hot_swollen_foot_is_charcot_only_with_diabetes_or_neuropathy() {
    let hot = clean().finding(Finding::HotSwollenFoot, Truth::Present);
    assert_eq!(
        decisive(hot.clone()),
        (
            "red_flag.hot_swollen_foot".into(),
            rule_text("red_flag.hot_swollen_foot").into()
        )
    );
    for with in [Finding::Diabetes, Finding::PeripheralNeuropathy] {
        let (rule, text) = decisive(hot.clone().finding(with, Truth::Present));
        assert_eq!(rule, "red_flag.hot_swollen_foot");
        assert!(
            text.starts_with(
                "Hot, swollen foot with diabetes or neuropathy: treat as acute Charcot foot"
            ),
            "{with}: {text}"
        );
    }
    // Unknown diabetes is not diabetes.
    let (_, text) = decisive(hot.finding(Finding::Diabetes, Truth::Unknown));
    assert_eq!(text, rule_text("red_flag.hot_swollen_foot"));
}

/// A rule read by two open questions is listed once as unknown.
#[test]
fn a_compound_rule_with_two_open_facts_is_one_unknown_reason() {
    let p = clean()
        .finding(Finding::RecentInjury, Truth::Unknown)
        .finding(Finding::BoneTendernessNavicular, Truth::Unknown)
        .build()
        .unwrap();
    let a = assess(&p, &Policy::default());
    assert_eq!(a.verdict, Verdict::NeedsInformation);
    let asked: Vec<&str> = a.questions.iter().map(|q| q.finding.as_str()).collect();
    assert_eq!(asked, ["recent_injury", "bone_tenderness_navicular"]);
    let unknown: Vec<(&str, Truth)> = a
        .reasons
        .iter()
        .filter(|r| r.role == Role::Unknown)
        .map(|r| (r.rule.as_ref(), r.status))
        .collect();
    assert_eq!(unknown, [("red_flag.ottawa_fracture", Truth::Unknown)]);
}

/// Each contraindication's text says how it is classed: absolute, a
/// precaution, or a precaution for the choice of injectate.
#[test]
fn contraindication_texts_say_how_they_are_classed() {
    let policy = Policy::default();
    for rule in RULES.iter() {
        let Formula::Fact(fact) = rule.formula else {
            continue;
        };
        let class = match (rule.group, fact) {
            (Group::Absolute, _) => {
                "Absolute (the split is our inference from trial exclusion lists)."
            }
            (Group::Relative, Fact::Allergy(_)) => "A precaution for the choice of injectate.",
            (Group::Relative, _) => {
                "A precaution (the split is our inference from trial exclusion lists)."
            }
            _ => continue,
        };
        let a = assess(&with(clean(), fact).build().unwrap(), &policy);
        let reason = a.reasons.iter().find(|r| r.rule == rule.id).unwrap();
        assert_eq!(reason.text, format!("{} {class}", rule.text), "{}", rule.id);
    }
}

/// The supporting reasons of a `discuss`, and its summary.
#[test]
fn a_discuss_names_what_supports_it() {
    let supports = |b: PresentationBuilder| -> (String, Vec<(String, String)>) {
        let a = assess(&b.build().unwrap(), &Policy::default());
        assert_eq!(a.verdict, Verdict::Discuss);
        let supports = a
            .reasons
            .iter()
            .filter(|r| r.role == Role::Supporting)
            .map(|r| (r.rule.to_string(), r.text.to_string()))
            .collect();
        (a.summary, supports)
    };
    let (summary, reasons) = supports(clean().conservative_care_weeks(26));
    assert_eq!(
        summary,
        "Discuss prolotherapy: plantar fasciitis, red flags screened, 26 weeks of conservative care tried."
    );
    let rules: Vec<&str> = reasons.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(
        rules,
        [
            "support.condition",
            "support.red_flags_screened",
            "support.timing"
        ]
    );
    assert_eq!(
        reasons[0].1,
        "Plantar fasciitis: among the foot problems the source lists as treated with prolotherapy."
    );
    assert_eq!(
        reasons[2].1,
        "Symptoms for 30 weeks and 26 weeks of conservative care: past the acute phase (ACFAS consensus, via a secondary source) and first-line care."
    );
    // More than 26 weeks (6 months) of care is refractory.
    let (_, reasons) = supports(clean().conservative_care_weeks(27));
    assert_eq!(
        reasons[2],
        (
            "support.refractory".into(),
            "Symptoms for 30 weeks and 27 weeks of conservative care: refractory (more than 6 months of appropriate care; ACFAS consensus, via a secondary source).".into()
        )
    );
    // Two treated conditions, and the causes the source names.
    let (summary, reasons) = supports(
        clean()
            .conditions([Condition::PlantarFasciitis, Condition::AchillesTendinopathy])
            .finding(Finding::LigamentLaxity, Truth::Present)
            .finding(Finding::JointInstability, Truth::Present),
    );
    assert!(
        // Written out in full: the limit does not force "and 1 more" (L25).
        summary.starts_with(
            "Discuss prolotherapy: plantar fasciitis and Achilles tendinopathy, red flags"
        ),
        "{summary}"
    );
    assert_eq!(
        reasons[0].1,
        "Plantar fasciitis, Achilles tendinopathy: among the foot problems the source lists as treated with prolotherapy."
    );
    let causes: Vec<&str> = reasons[3..].iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(
        causes,
        ["support.ligament_laxity", "support.joint_instability"]
    );
    assert!(reasons[3].1.starts_with(&format!(
        "{}: the source says",
        capitalised(Finding::LigamentLaxity.label())
    )));
    assert!(reasons[4].1.starts_with(&format!(
        "{}: the source says",
        capitalised(Finding::JointInstability.label())
    )));
}

fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The Ottawa rules may miss a fracture with neuropathy: the caveat is
/// given exactly when neuropathy is present, an injury is possible, and
/// the rules are not already positive.
#[test]
fn the_ottawa_neuropathy_caveat_needs_neuropathy_and_an_injury() {
    let caveat = |neuropathy: Truth, injury: Truth, tender: Truth| {
        let p = clean()
            .finding(Finding::PeripheralNeuropathy, neuropathy)
            .finding(Finding::RecentInjury, injury)
            .finding(Finding::BoneTendernessNavicular, tender)
            .build()
            .unwrap();
        assess(&p, &Policy::default())
            .reasons
            .iter()
            .any(|r| r.rule == "caveat.ottawa_neuropathy" && r.role == Role::Caveat)
    };
    use Truth::{Absent, Present, Unknown};
    assert!(caveat(Present, Present, Absent));
    assert!(caveat(Present, Unknown, Absent));
    assert!(!caveat(Present, Absent, Absent));
    assert!(!caveat(Absent, Present, Absent));
    assert!(!caveat(Unknown, Present, Absent));
    // Already positive: the rules found the fracture.
    assert!(!caveat(Present, Present, Present));
}

fn rule_label(id: &str) -> &'static str {
    RULES.iter().find(|r| r.id == id).unwrap().label
}

/// Adult, treatable, 5 weeks of symptoms, conservative care not recorded.
fn short_symptoms_care_unrecorded() -> PresentationBuilder {
    Presentation::builder()
        .age_years(45)
        .condition(Condition::PlantarFasciitis)
        .symptom_weeks(5)
        .medications([])
        .allergies([])
}

/// Every finding screened absent, the other fields as given.
fn screened(b: PresentationBuilder) -> PresentationBuilder {
    Finding::all()
        .iter()
        .filter(|f| f.group() != FindingGroup::Supporting)
        .fold(b, |b, f| b.finding(*f, Truth::Absent))
}

/// The one-sentence summary of each verdict, with its numbers and labels.
#[test]
fn summaries_name_what_decided() {
    // Each summary opens with the verdict's headline.
    let summary = |b: PresentationBuilder| {
        let a = assess(&b.build().unwrap(), &Policy::default());
        assert!(
            a.summary
                .starts_with(&format!("{}: ", a.verdict.headline())),
            "{}",
            a.summary
        );
        a.summary
    };
    assert_eq!(
        summary(clean().finding(Finding::Fever, Truth::Present)),
        format!(
            "Refer urgently: {}; do not inject.",
            rule_label("red_flag.fever")
        )
    );
    assert_eq!(
        summary(
            clean()
                .finding(Finding::Fever, Truth::Present)
                .finding(Finding::CalfSwelling, Truth::Present)
        ),
        format!(
            "Refer urgently: {} and {}; do not inject.",
            rule_label("red_flag.fever"),
            rule_label("red_flag.calf_swelling")
        )
    );
    assert_eq!(
        summary(clean().finding(Finding::SkinInfectionAtSite, Truth::Present)),
        format!(
            "Contraindicated: {}; do not inject.",
            rule_label("contraindication.skin_infection_at_site")
        )
    );
    assert_eq!(
        summary(clean().age_years(17)),
        "Not suitable: age 17, under the policy's minimum of 18 years."
    );
    assert_eq!(
        summary(clean().age_years(18).conditions([Condition::Other])),
        "Not suitable: no condition treated under this policy is recorded."
    );
    assert_eq!(
        summary(clean().symptom_weeks(11).conservative_care_weeks(6)),
        "Not yet: symptoms for 11 of 12 weeks; conservative care first."
    );
    assert_eq!(
        summary(clean().symptom_weeks(12).conservative_care_weeks(5)),
        "Not yet: 5 of 6 weeks of conservative care; conservative care first."
    );
    assert_eq!(
        summary(screened(short_symptoms_care_unrecorded())),
        "Not yet: symptoms for 5 of 12 weeks and under 6 weeks of conservative care; conservative care first."
    );
    assert_eq!(
        summary(clean().finding(Finding::Diabetes, Truth::Present)),
        format!(
            "Discuss with precautions: {}.",
            rule_label("precaution.diabetes")
        )
    );
    assert_eq!(
        summary(
            clean()
                .sex(Sex::Other)
                .finding(Finding::Diabetes, Truth::Present)
                .finding(Finding::Pregnancy, Truth::Unknown)
        ),
        format!(
            "Discuss with precautions: {}; settle 1 more question before any injection.",
            rule_label("precaution.diabetes")
        )
    );
    assert_eq!(
        summary(
            clean()
                .sex(Sex::Other)
                .finding(Finding::Pregnancy, Truth::Unknown)
        ),
        format!(
            "Discuss with precautions: settle {} before any injection.",
            Finding::Pregnancy.label()
        )
    );
    assert_eq!(
        summary(
            clean()
                .finding(Finding::Fever, Truth::Unknown)
                .finding(Finding::SkinInfectionAtSite, Truth::Unknown)
        ),
        format!(
            "Needs information: 2 blocking questions, starting with {}.",
            Finding::Fever.label()
        )
    );
}

fn caveats(a: &prolo_triage::Assessment) -> Vec<String> {
    a.reasons
        .iter()
        .filter(|r| r.role == Role::Caveat)
        .map(|r| r.rule.to_string())
        .collect()
}

/// `docs/clinical-knowledge.md` §1 [I]: bone tenderness at an Ottawa point with
/// no recent injury is no red flag, but the red flags are then not
/// reported "screened and absent"; a caveat names the tenderness and a
/// possible stress fracture.
#[test]
fn ottawa_tenderness_without_an_injury_is_named_not_screened_away() {
    let policy = Policy::default();
    for tender in [
        Finding::BoneTendernessNavicular,
        Finding::BoneTendernessLateralMalleolus,
        Finding::BoneTendernessMedialMalleolus,
        Finding::BoneTendernessFifthMetatarsalBase,
    ] {
        let a = assess(
            &clean().finding(tender, Truth::Present).build().unwrap(),
            &policy,
        );
        assert_eq!(a.verdict, Verdict::Discuss, "{tender}: not a red flag");
        assert!(
            a.reasons
                .iter()
                .all(|r| r.rule != "support.red_flags_screened"),
            "{tender}: still 'screened and absent'"
        );
        let caveat = a
            .reasons
            .iter()
            .find(|r| r.rule == "caveat.tenderness_without_injury")
            .unwrap_or_else(|| panic!("{tender}: no caveat"));
        assert_eq!(caveat.finding, Some(Fact::Finding(tender)));
        assert!(caveat.text.contains("stress fracture"), "{}", caveat.text);
        assert!(caveat.text.contains("our inference"), "{}", caveat.text);
        assert_eq!(caveat.source.strength, prolo_triage::Strength::Inferred);
    }
    // Without the tenderness, the red flags are screened and absent.
    let a = assess(&clean().build().unwrap(), &policy);
    assert!(a
        .reasons
        .iter()
        .any(|r| r.rule == "support.red_flags_screened"));
    assert!(caveats(&a).is_empty());
}

/// `docs/clinical-knowledge.md` §1 [I]: an acquired flat foot with diabetes and
/// peripheral neuropathy may be a Charcot midfoot collapse.
#[test]
fn fallen_arch_with_diabetes_and_neuropathy_has_the_charcot_caveat() {
    let policy = Policy::default();
    let flat = || clean().conditions([Condition::FallenArch]);
    let both = flat()
        .finding(Finding::Diabetes, Truth::Present)
        .finding(Finding::PeripheralNeuropathy, Truth::Present);
    let a = assess(&both.build().unwrap(), &policy);
    assert_eq!(a.verdict, Verdict::DiscussWithPrecautions);
    let caveat = a
        .reasons
        .iter()
        .find(|r| r.rule == "caveat.charcot_fallen_arch")
        .expect("the Charcot caveat");
    assert!(caveat.text.contains("Charcot"), "{}", caveat.text);
    assert!(
        caveat.text.contains("before any injection"),
        "{}",
        caveat.text
    );
    // One of the two, or another condition: no caveat.
    for b in [
        flat().finding(Finding::Diabetes, Truth::Present),
        flat().finding(Finding::PeripheralNeuropathy, Truth::Present),
        clean()
            .finding(Finding::Diabetes, Truth::Present)
            .finding(Finding::PeripheralNeuropathy, Truth::Present),
    ] {
        let a = assess(&b.build().unwrap(), &policy);
        assert!(!caveats(&a).contains(&"caveat.charcot_fallen_arch".to_string()));
    }
}

/// `docs/clinical-knowledge.md` §3 [I]: a policy threshold below the literature
/// value is said in every assessment under it, whatever the verdict.
#[test]
fn a_threshold_below_the_literature_is_said_in_every_assessment() {
    let low = Policy::builder("paediatric", "1")
        .min_age_years(12)
        .min_symptom_weeks(8)
        .min_conservative_care_weeks(4)
        .build()
        .unwrap();
    for b in [
        clean(),
        clean().age_years(14),
        clean().finding(Finding::Fever, Truth::Present),
        Presentation::builder(),
    ] {
        let a = assess(&b.build().unwrap(), &low);
        let said = caveats(&a);
        for rule in [
            "policy.below_literature.age_years",
            "policy.below_literature.symptom_weeks",
            "policy.below_literature.conservative_care_weeks",
        ] {
            assert!(
                said.iter().any(|r| r == rule),
                "{rule} missing for {}",
                a.verdict
            );
        }
        let age = a
            .reasons
            .iter()
            .find(|r| r.rule == "policy.below_literature.age_years")
            .unwrap();
        assert!(
            age.text.contains("12 years") && age.text.contains("adults"),
            "{}",
            age.text
        );
    }
    // At or above the literature values: nothing is said.
    let at = Policy::builder("at", "1")
        .min_age_years(18)
        .build()
        .unwrap();
    let a = assess(&clean().build().unwrap(), &at);
    assert!(caveats(&a).is_empty(), "{:?}", caveats(&a));
}

/// Every secondary source says "secondary" in the text a clinician reads,
/// not only in `source.strength`; the tumour red flag keeps "unexplained";
/// the anaesthetic-free rule is attributed as the knowledge file states it.
#[test]
fn texts_say_what_their_sources_are() {
    use prolo_triage::rules::INJECTATE_RULES;
    use prolo_triage::Strength;
    for rule in RULES.iter() {
        if rule.source.strength == Strength::Secondary {
            assert!(
                rule.text.contains("secondary"),
                "{}: {}",
                rule.id,
                rule.text
            );
        }
    }
    for rule in INJECTATE_RULES.iter() {
        if rule.source.strength == Strength::Secondary {
            assert!(
                rule.text.contains("secondary"),
                "{}: {}",
                rule.id,
                rule.text
            );
        }
    }
    let tumour = RULES.iter().find(|r| r.id == "red_flag.tumour").unwrap();
    assert_eq!(
        tumour.text.matches("unexplained").count(),
        2,
        "{}",
        tumour.text
    );
    let free = INJECTATE_RULES
        .iter()
        .find(|r| r.id == "local_anaesthetic.allergy")
        .unwrap();
    assert_eq!(free.source.strength, Strength::Secondary);
    assert!(free
        .source
        .citation
        .contains("no prolotherapy-specific source"));
    assert!(!free.source.citation.contains("trial exclusions"));
    // The support reason in every yes-family assessment.
    let a = assess(&clean().build().unwrap(), &Policy::default());
    for r in &a.reasons {
        if r.source.strength == Strength::Secondary {
            assert!(r.text.contains("secondary"), "{}: {}", r.rule, r.text);
        }
    }
}

/// The guideline list of conservative care (stretching, loading, orthoses,
/// taping, night splints, footwear) comes from the heel-pain and Achilles
/// guidelines: a reason shows it only for those conditions.
#[test]
fn the_care_guideline_list_is_for_heel_pain_and_achilles_only() {
    let policy = Policy::default();
    let text = |c: Condition| {
        let a = assess(
            &clean()
                .conditions([c])
                .conservative_care_weeks(3)
                .build()
                .unwrap(),
            &policy,
        );
        a.reasons
            .iter()
            .find(|r| r.rule == "timing.conservative_care_weeks")
            .map(|r| r.text.to_string())
            .unwrap()
    };
    for c in [
        Condition::PlantarFasciitis,
        Condition::HeelPain,
        Condition::AchillesTendinopathy,
    ] {
        assert!(text(c).contains("night splints"), "{c}: {}", text(c));
    }
    for c in [
        Condition::MortonsNeuroma,
        Condition::BunionPain,
        Condition::Osteoarthritis,
        Condition::FallenArch,
    ] {
        assert!(!text(c).contains("night splints"), "{c}: {}", text(c));
        assert!(text(c).contains("comes first"), "{c}: {}", text(c));
    }
}
