//! What a clinician reads (summary, reasons, report, injectates) says no
//! more than was checked: the defects of the December 2026 text review
//! (`H4`, `M10`, `M11`, `M12`, and the low ones where a test is cheap).

use crate::common;

use prolo_triage::rules::RULES;
use prolo_triage::{
    assess, Assessment, Caveat, Condition, Finding, Group, Injectate, InjectateRuleId,
    MedicationClass, Policy, PresentationBuilder, ReasonId, Role, RuleId, Suitability, Support,
    Truth, Verdict, MAX_SUMMARY_CHARS,
};

/// Discuss-ready with plantar fasciitis and heel pain.
fn heel() -> PresentationBuilder {
    common::ready().conditions([Condition::PlantarFasciitis, Condition::HeelPain])
}

fn assessed(b: PresentationBuilder, policy: &Policy) -> Assessment {
    assess(&b.build().unwrap(), policy)
}

/// A policy below the literature's thresholds (the review's "+low").
fn low_policy() -> Policy {
    Policy::builder("low", "1")
        .min_age_years(12)
        .min_symptom_weeks(4)
        .min_conservative_care_weeks(2)
        .build()
        .unwrap()
}

fn has_reason(a: &Assessment, id: ReasonId) -> bool {
    a.reasons.iter().any(|r| r.rule == id)
}

/// Bone tenderness at the navicular without an injury.
fn tender_without_injury() -> PresentationBuilder {
    heel()
        .finding(Finding::RecentInjury, Truth::Absent)
        .finding(Finding::BoneTendernessNavicular, Truth::Present)
}

/// Peripheral neuropathy with a recent injury and a negative Ottawa
/// examination.
fn neuropathy_with_injury() -> PresentationBuilder {
    heel()
        .finding(Finding::PeripheralNeuropathy, Truth::Present)
        .finding(Finding::RecentInjury, Truth::Present)
        .finding(Finding::BoneTendernessLateralMalleolus, Truth::Absent)
        .finding(Finding::BoneTendernessMedialMalleolus, Truth::Absent)
        .finding(Finding::BoneTendernessFifthMetatarsalBase, Truth::Absent)
        .finding(Finding::BoneTendernessNavicular, Truth::Absent)
        .finding(Finding::UnableToBearWeight, Truth::Absent)
}

/// H4 (docs/clinical-knowledge.md §1.2): with tenderness at an Ottawa point
/// and no injury, the summary (the whole card headline) never says "red
/// flags screened"; it names the tenderness and the stress fracture.
#[test]
fn h4_summary_names_the_tenderness_not_screened() {
    for policy in [Policy::default(), low_policy()] {
        let a = assessed(tender_without_injury(), &policy);
        assert_eq!(a.verdict, Verdict::Discuss);
        assert!(has_reason(
            &a,
            ReasonId::Caveat(Caveat::TendernessWithoutInjury)
        ));
        assert!(!a.summary.contains("screened"), "{}", a.summary);
        assert!(
            a.summary
                .contains("bone tenderness without injury: exclude a stress fracture first"),
            "{}",
            a.summary
        );
        assert!(a.summary.chars().count() <= MAX_SUMMARY_CHARS);
    }
}

/// H4 and M11: with neuropathy the Ottawa rules may miss a fracture, so no
/// reason says the red flags (the Ottawa rules among them) were screened,
/// and the summary names the caveat.
#[test]
fn h4_m11_neuropathy_never_reports_the_ottawa_rules_screened() {
    let a = assessed(neuropathy_with_injury(), &Policy::default());
    assert_eq!(a.verdict, Verdict::DiscussWithPrecautions);
    assert!(has_reason(&a, ReasonId::Caveat(Caveat::OttawaNeuropathy)));
    assert!(!has_reason(
        &a,
        ReasonId::Support(Support::RedFlagsScreened)
    ));
    for r in &a.reasons {
        assert!(!r.text.contains("including the Ottawa"), "{}", r.text);
    }
    assert!(!a.summary.contains("screened"), "{}", a.summary);
    assert!(a.summary.contains("fracture"), "{}", a.summary);
    assert!(!a.report().contains("including the Ottawa"));
}

/// Every caveat that may hide a red flag drops the screened reason: the
/// type says which ones, the reasons follow it.
#[test]
fn caveats_that_may_hide_a_red_flag_drop_the_screened_reason() {
    for b in [tender_without_injury(), neuropathy_with_injury()] {
        let a = assessed(b, &Policy::default());
        let hiding = a
            .reasons
            .iter()
            .any(|r| matches!(r.rule, ReasonId::Caveat(c) if c.red_flag_may_be_missed()));
        assert!(hiding);
        assert!(!has_reason(
            &a,
            ReasonId::Support(Support::RedFlagsScreened)
        ));
    }
}

/// L27: with no injury in the last 10 days the Ottawa rules did not apply:
/// "not applicable", never "including the Ottawa fracture rules".
#[test]
fn l27_ottawa_rules_not_applicable_without_an_injury() {
    let a = assessed(
        heel().finding(Finding::RecentInjury, Truth::Absent),
        &Policy::default(),
    );
    let screened = a
        .reasons
        .iter()
        .find(|r| r.rule == ReasonId::Support(Support::RedFlagsScreened))
        .unwrap();
    assert!(!screened.text.contains("including the Ottawa"));
    assert!(screened.text.contains("do not apply"), "{}", screened.text);
}

/// M10 (docs/clinical-knowledge.md §3): under a policy below the
/// literature, 6 weeks of symptoms are not "past the acute phase".
#[test]
fn m10_timing_under_a_low_policy_says_below_the_trials() {
    let a = assessed(
        heel().symptom_weeks(6).conservative_care_weeks(2),
        &low_policy(),
    );
    assert_eq!(a.verdict, Verdict::Discuss);
    let timing = a
        .reasons
        .iter()
        .find(|r| r.rule == ReasonId::Support(Support::Timing))
        .unwrap();
    assert!(
        !timing.text.contains("past the acute phase"),
        "{}",
        timing.text
    );
    assert!(
        timing.text.contains("meets this policy's minimum (4 weeks"),
        "{}",
        timing.text
    );
    assert!(
        timing.text.contains("below the 12 weeks of the trials"),
        "{}",
        timing.text
    );
    // Under the same policy, durations that reach the literature's keep
    // the plain sentence.
    let a = assessed(heel(), &low_policy());
    assert!(a
        .reasons
        .iter()
        .any(|r| r.rule == ReasonId::Support(Support::Timing)
            && r.text.contains("past the acute phase")));
}

/// M12 (docs/clinical-knowledge.md §5): low-dose aspirin impairs platelet
/// function: PRP is a caution, with a note that says not to stop it.
#[test]
fn m12_prp_is_a_caution_with_low_dose_aspirin() {
    let a = assessed(
        heel()
            .medications([MedicationClass::LowDoseAspirin])
            .finding(Finding::Anaemia, Truth::Absent)
            .finding(Finding::LowPlatelets, Truth::Absent),
        &Policy::default(),
    );
    assert_eq!(a.verdict, Verdict::Discuss);
    let prp = a
        .injectates
        .iter()
        .find(|i| i.injectate == Injectate::Prp)
        .unwrap();
    assert_eq!(prp.suitability, Suitability::Caution);
    let note = prp
        .notes
        .iter()
        .find(|n| n.rule == InjectateRuleId::PrpLowDoseAspirin)
        .expect("the aspirin note");
    assert!(note.text.contains("do not stop it without the prescriber"));
    // Without aspirin, PRP stays suitable: the caution is the aspirin's.
    let a = assessed(
        heel()
            .finding(Finding::Anaemia, Truth::Absent)
            .finding(Finding::LowPlatelets, Truth::Absent),
        &Policy::default(),
    );
    let prp = a
        .injectates
        .iter()
        .find(|i| i.injectate == Injectate::Prp)
        .unwrap();
    assert_eq!(prp.suitability, Suitability::Suitable);
}

/// L25: "and 1 more" only when the limit forces it.
#[test]
fn l25_summary_abbreviates_only_when_it_must() {
    let a = assessed(heel(), &Policy::default());
    assert!(
        a.summary.contains("plantar fasciitis and heel pain"),
        "{}",
        a.summary
    );
    // Every red flag at once does not fit written out.
    let mut b = heel();
    for rule in RULES.iter().filter(|r| r.group == Group::RedFlag) {
        if let prolo_triage::rules::Formula::Fact(prolo_triage::Fact::Finding(f)) = rule.formula {
            b = b.finding(f, Truth::Present);
        }
    }
    let a = assessed(b, &Policy::default());
    assert_eq!(a.verdict, Verdict::ReferUrgently);
    assert!(a.summary.contains(" more"), "{}", a.summary);
    assert!(a.summary.chars().count() <= MAX_SUMMARY_CHARS);
}

/// The report says what to do for each red flag's tier
/// (docs/clinical-knowledge.md §1.1), from the rule's safety-net.
#[test]
fn the_report_says_what_to_do_for_each_red_flags_tier() {
    let cases = [
        (Finding::PainOutOfProportion, "Emergency now"),
        (Finding::CalfSwelling, "pulmonary embolism"),
        (Finding::TumourSigns, "Urgent referral"),
        (Finding::Fever, "sepsis"),
    ];
    for (finding, words) in cases {
        let a = assessed(heel().finding(finding, Truth::Present), &Policy::default());
        let report = a.report();
        assert!(report.contains(words), "{finding}: {report}");
    }
    let a = assessed(
        heel().finding(Finding::SystemicInfection, Truth::Present),
        &Policy::default(),
    );
    assert_eq!(a.verdict, Verdict::Contraindicated);
    let net = RuleId::SystemicInfection.rule().safety_net.unwrap();
    assert!(a.report().contains(&net.clinician_words()));
}

/// L24: a referral report says refer; the timing rules and the evidence
/// for an injection are left out of it (the JSON keeps them).
#[test]
fn l24_referral_reports_leave_timing_and_evidence_out() {
    let a = assessed(
        heel()
            .symptom_weeks(2)
            .conservative_care_weeks(0)
            .finding(Finding::Fever, Truth::Present),
        &Policy::default(),
    );
    assert_eq!(a.verdict, Verdict::ReferUrgently);
    assert!(a
        .reasons
        .iter()
        .any(|r| r.role == Role::AlsoPresent && r.group == Some(Group::Timing)));
    let report = a.report();
    assert!(!report.contains("Evidence:"), "{report}");
    assert!(!report.contains("timing."), "{report}");
}

/// L1 and L31: counts agree with their nouns; conditions that share a
/// source share a line.
#[test]
fn l1_l31_report_counts_and_evidence_lines() {
    let a = assessed(
        heel().finding(Finding::Diabetes, Truth::Unknown),
        &Policy::default(),
    );
    let report = a.report();
    assert!(report.contains("1 precaution:"), "{report}");
    let a = assessed(heel(), &Policy::default());
    let report = a.report();
    assert!(
        report.contains("  - plantar fasciitis, heel pain: moderate"),
        "{report}"
    );
}

/// L30: one sentence when no condition is recorded.
#[test]
fn l30_no_condition_is_one_sentence() {
    let a = assessed(common::ready().conditions([]), &Policy::default());
    assert_eq!(a.verdict, Verdict::NotSuitable);
    let r = a
        .reasons
        .iter()
        .find(|r| r.rule == RuleId::TreatableCondition)
        .unwrap();
    assert!(
        r.text
            .starts_with("No foot condition recorded; the source lists prolotherapy for "),
        "{}",
        r.text
    );
}

/// L22, L26: "one clinic", and the allergy reason cites the allergy advice.
#[test]
fn l22_l26_anticoagulant_and_allergy_wording() {
    let text = RuleId::Anticoagulant.rule().text;
    assert!(text.contains("one clinic") && !text.contains("some clinics"));
    let allergy = RuleId::AllergyLocalAnaesthetic.rule();
    let injectate = prolo_triage::rules::INJECTATE_RULES
        .iter()
        .find(|r| r.id == InjectateRuleId::LocalAnaestheticAllergy)
        .unwrap();
    assert_eq!(allergy.source, injectate.source);
}
