//! Worked cases through the public API: the HL7 examples as shipped, the
//! Bundles composed from them, and one rule at a time.

use crate::common;

use crate::common::{edited, hl7, options, Edit};
use prolo_triage::{
    assess, Allergy, Condition, Family, Finding, MedicationClass, Policy, Sex, Truth, Verdict,
};
use prolo_triage_fhir::{
    map_bundle, map_prefetch, CodeTables, Field, Mapped, MappingOptions, RecencyWindows, Rule,
    UnusedReason, Window,
};
use serde_json::{json, Value};

fn map(bundle: &Value) -> Mapped {
    map_with(bundle, &options())
}

fn map_with(bundle: &Value, options: &MappingOptions) -> Mapped {
    map_bundle(&bundle.to_string(), options).unwrap()
}

fn verdict(mapped: &Mapped) -> Verdict {
    assess(mapped.presentation(), &Policy::default()).verdict
}

fn reasons(mapped: &Mapped) -> Vec<UnusedReason> {
    mapped.unused().iter().map(|u| u.reason).collect()
}

fn unused_for<'a>(mapped: &'a Mapped, resource: &str) -> Vec<&'a prolo_triage_fhir::Unused> {
    mapped
        .unused()
        .iter()
        .filter(|u| {
            u.resource
                .as_ref()
                .is_some_and(|r| r.to_string() == resource)
        })
        .collect()
}

// --- The composed Bundles of the issue -----------------------------------

#[test]
fn screened_plantar_fasciitis_is_in_the_yes_family() {
    let mapped = map_bundle(
        &common::shipped("plantar-fasciitis-screened.json"),
        &options(),
    )
    .unwrap();
    let p = mapped.presentation();
    assert_eq!(p.age_years().map(|a| a.get()), Some(51));
    assert_eq!(p.sex(), Some(Sex::Male));
    assert_eq!(
        p.conditions().map(|c| c.iter().collect::<Vec<_>>()),
        Some(vec![Condition::PlantarFasciitis])
    );
    assert_eq!(p.symptom_weeks().map(|w| w.get()), Some(26));
    assert_eq!(p.conservative_care_weeks().map(|w| w.get()), Some(12));
    assert_eq!(p.finding(Finding::Fever), Truth::Absent);
    // Lists not declared complete stay unknown, so the precautions are
    // open: the yes family, with precautions to settle.
    assert_eq!(p.medications(), None);
    assert_eq!(p.allergies(), None);
    let a = assess(p, &Policy::default());
    assert_eq!(a.verdict, Verdict::DiscussWithPrecautions);
    assert_eq!(a.verdict.family(), Some(Family::Yes));

    // The fever is absent on two statements.
    let fever: Vec<_> = mapped
        .provenance_of(Field::Finding(Finding::Fever))
        .map(|p| (p.resource.as_ref().unwrap().to_string(), p.rule))
        .collect();
    assert_eq!(
        fever,
        [
            (
                "Observation/body-temperature".to_owned(),
                Rule::BodyTemperature
            ),
            (
                "QuestionnaireResponse/screening".to_owned(),
                Rule::QuestionnaireAnswer
            )
        ]
    );
    // The onset (26 weeks too) is superseded by the direct answer.
    assert_eq!(reasons(&mapped), [UnusedReason::Superseded]);
}

#[test]
fn screened_with_complete_lists_is_discuss() {
    let options = options()
        .medication_list_complete(true)
        .allergy_list_complete(true);
    let mapped = map_bundle(
        &common::shipped("plantar-fasciitis-screened.json"),
        &options,
    )
    .unwrap();
    assert_eq!(
        mapped
            .presentation()
            .medications()
            .map(|m| m.present().len()),
        Some(0)
    );
    assert_eq!(
        mapped.presentation().allergies().map(|a| a.present().len()),
        Some(0)
    );
    let list = mapped.provenance_of(Field::Medications).next().unwrap();
    assert_eq!(list.rule, Rule::MedicationsComplete);
    assert!(list.resource.is_none());
    assert_eq!(verdict(&mapped), Verdict::Discuss);
}

#[test]
fn observation_f202_at_39_degrees_refers_urgently() {
    let mapped = map_bundle(
        &common::shipped("plantar-fasciitis-fever-f202.json"),
        &options(),
    )
    .unwrap();
    assert_eq!(
        mapped.presentation().finding(Finding::Fever),
        Truth::Present
    );
    let fever: Vec<_> = mapped
        .provenance_of(Field::Finding(Finding::Fever))
        .collect();
    assert_eq!(fever.len(), 1);
    assert_eq!(
        fever[0].resource.as_ref().unwrap().to_string(),
        "Observation/f202"
    );
    assert_eq!(fever[0].seen, "39 Cel at 2026-11-26T09:15:00Z");
    // The two "no fever" statements lose, and say so.
    let conflicts = mapped
        .unused()
        .iter()
        .filter(|u| u.reason == UnusedReason::Conflict)
        .count();
    assert_eq!(conflicts, 2);
    assert_eq!(verdict(&mapped), Verdict::ReferUrgently);
}

#[test]
fn observation_f202_as_shipped_is_entered_in_error() {
    let mapped = map(&common::collection(vec![hl7("Observation-f202")]));
    assert_eq!(
        mapped.presentation().finding(Finding::Fever),
        Truth::Unknown
    );
    assert_eq!(reasons(&mapped), [UnusedReason::EnteredInError]);
    // With Patient-example in the Bundle it is first of all about someone
    // else (Patient/f201).
    let mapped = map(&common::collection(vec![
        common::patient(),
        hl7("Observation-f202"),
    ]));
    assert_eq!(reasons(&mapped), [UnusedReason::OtherPatient]);
}

#[test]
fn warfarin_is_a_precaution() {
    let mapped = map_bundle(
        &common::shipped("plantar-fasciitis-warfarin.json"),
        &options(),
    )
    .unwrap();
    let classes = mapped.presentation().medications().unwrap();
    assert_eq!(
        classes.present().iter().collect::<Vec<_>>(),
        [MedicationClass::Anticoagulant]
    );
    let why: Vec<_> = mapped.provenance_of(Field::Medications).collect();
    assert_eq!(why[0].rule, Rule::MedicationsOpen);
    assert!(classes.is_open());
    assert_eq!(
        mapped.presentation().medication(MedicationClass::Nsaid),
        Truth::Unknown
    );
    assert_eq!(
        why[1].resource.as_ref().unwrap().to_string(),
        "MedicationRequest/medrx0331"
    );
    assert_eq!(
        why[1].seen,
        "RxNorm 114194 (Warfarin Sodium), verified code (active)"
    );
    let a = assess(mapped.presentation(), &Policy::default());
    assert_eq!(a.verdict, Verdict::DiscussWithPrecautions);
    assert!(a
        .reasons
        .iter()
        .any(|r| r.rule == "precaution.anticoagulant"));
}

#[test]
fn no_observations_needs_information() {
    let mapped = map_bundle(
        &common::shipped("plantar-fasciitis-no-observations.json"),
        &options(),
    )
    .unwrap();
    let p = mapped.presentation();
    assert_eq!(p.findings().count(), 0);
    // symptom_weeks from the onset, 26 weeks before the as-of date.
    assert_eq!(p.symptom_weeks().map(|w| w.get()), Some(26));
    let why = mapped.provenance_of(Field::SymptomWeeks).next().unwrap();
    assert_eq!(why.rule, Rule::ConditionOnset);
    let a = assess(p, &Policy::default());
    assert_eq!(a.verdict, Verdict::NeedsInformation);
    assert_eq!(a.questions[0].finding.as_str(), "fever");
    assert!(a.questions[0].blocking);
}

#[test]
fn prefetch_maps_like_the_bundle() {
    let mapped = map_prefetch(&common::shipped("prefetch-warfarin.json"), &options()).unwrap();
    let from_bundle = map_bundle(
        &common::shipped("plantar-fasciitis-warfarin.json"),
        &options(),
    )
    .unwrap();
    assert_eq!(mapped.presentation(), from_bundle.presentation());
    assert!(reasons(&mapped).contains(&UnusedReason::NoData));
    assert_eq!(verdict(&mapped), Verdict::DiscussWithPrecautions);
}

// --- The HL7 examples as shipped ------------------------------------------

#[test]
fn bundle_101_platelets_have_no_date() {
    let mapped = map(&hl7("Bundle-101"));
    assert_eq!(
        mapped.presentation().finding(Finding::LowPlatelets),
        Truth::Unknown
    );
    let r6 = unused_for(&mapped, "Observation/r6");
    assert_eq!(r6.len(), 1);
    assert_eq!(r6[0].reason, UnusedReason::NoDate);
    // Haemoglobin (LOINC 718-7) is read, but r1 has no date either; the
    // other results are listed as unmapped, the report as unsupported.
    assert_eq!(
        mapped.presentation().finding(Finding::Anaemia),
        Truth::Unknown
    );
    assert_eq!(
        unused_for(&mapped, "Observation/r1")[0].reason,
        UnusedReason::NoDate
    );
    assert_eq!(
        unused_for(&mapped, "Observation/r2")[0].detail,
        "LOINC 789-8"
    );
    assert_eq!(
        unused_for(&mapped, "DiagnosticReport/101")[0].reason,
        UnusedReason::UnsupportedResource
    );
}

#[test]
fn bundle_101_platelets_dated_and_low() {
    let r6 = hl7("Bundle-101")["entry"][6]["resource"].clone();
    assert_eq!(r6["id"], "r6");
    let dated = |value: f64| {
        edited(
            r6.clone(),
            vec![
                Edit::Set("/effectiveDateTime", json!("2026-10-01")),
                Edit::Set("/valueQuantity/value", json!(value)),
            ],
        )
    };
    let mapped = map(&common::collection(vec![dated(84.0)]));
    assert_eq!(
        mapped.presentation().finding(Finding::LowPlatelets),
        Truth::Present
    );
    let why = mapped
        .provenance_of(Field::Finding(Finding::LowPlatelets))
        .next()
        .unwrap();
    assert_eq!(why.seen, "84 10*9/L at 2026-10-01");
    // As shipped, 444×10⁹/L: not low.
    let mapped = map(&common::collection(vec![dated(444.0)]));
    assert_eq!(
        mapped.presentation().finding(Finding::LowPlatelets),
        Truth::Absent
    );
    // Older than 90 days: unknown.
    let old = edited(
        dated(84.0),
        vec![Edit::Set("/effectiveDateTime", json!("2026-08-01"))],
    );
    let mapped = map(&common::collection(vec![old]));
    assert_eq!(
        mapped.presentation().finding(Finding::LowPlatelets),
        Truth::Unknown
    );
    assert_eq!(reasons(&mapped), [UnusedReason::Stale]);
}

#[test]
fn bundle_report_platelets_in_unit_text_are_not_read() {
    let o3 = hl7("Bundle-report")["entry"][3]["resource"].clone();
    assert_eq!(o3["id"], "o3");
    assert_eq!(o3["valueQuantity"]["unit"], "K/ul");
    let dated = edited(
        o3,
        vec![Edit::Set("/effectiveDateTime", json!("2026-11-20"))],
    );
    let mapped = map(&common::collection(vec![dated]));
    assert_eq!(
        mapped.presentation().finding(Finding::LowPlatelets),
        Truth::Unknown
    );
    assert_eq!(reasons(&mapped), [UnusedReason::UnsupportedUnit]);
    assert_eq!(
        mapped.unused()[0].detail,
        "unit `K/ul`, expected the UCUM code 10*3/uL or 10*9/L"
    );
    // The whole Bundle maps without error.
    let mapped = map(&hl7("Bundle-report"));
    assert_eq!(mapped.presentation().findings().count(), 0);
}

#[test]
fn body_temperature_as_shipped_is_stale() {
    let mapped = map(&common::collection(vec![hl7(
        "Observation-body-temperature",
    )]));
    assert_eq!(
        mapped.presentation().finding(Finding::Fever),
        Truth::Unknown
    );
    assert_eq!(reasons(&mapped), [UnusedReason::Stale]);
    assert_eq!(
        mapped.unused()[0].detail,
        "taken 1999-07-02, not within 24 h before 2026-11-26"
    );
}

#[test]
fn insulin_request_is_unclassified_and_its_reason_code_is_not_a_diagnosis() {
    let insulin = edited(
        hl7("MedicationRequest-medrx0321"),
        vec![Edit::Set(
            "/subject",
            json!({"reference": "Patient/example"}),
        )],
    );
    let options = options().medication_list_complete(true);
    let mapped = map_with(
        &common::collection(vec![common::patient(), insulin]),
        &options,
    );
    // An unclassified drug keeps even a complete list unknown.
    assert_eq!(mapped.presentation().medications(), None);
    assert_eq!(
        mapped.presentation().finding(Finding::Diabetes),
        Truth::Unknown
    );
    assert_eq!(reasons(&mapped), [UnusedReason::UnmappedCode]);
}

#[test]
fn contained_medication_with_ingredients_is_read() {
    let tylenol = edited(
        hl7("MedicationStatement-example001"),
        vec![Edit::Set(
            "/subject",
            json!({"reference": "Patient/example"}),
        )],
    );
    let mapped = map(&common::collection(vec![
        common::patient(),
        tylenol.clone(),
    ]));
    assert_eq!(
        mapped.unused()[0].detail,
        "NDC 50580-506-02; RxNorm 315266; RxNorm 901813"
            .replace("NDC", "http://hl7.org/fhir/sid/ndc")
    );
    // A clinic that knows these drugs are in no tracked class can say so.
    let local = r#"{"codes": [
        {"system": "http://hl7.org/fhir/sid/ndc", "code": "50580-506-02",
         "means": "medications.unrelated", "source": "local"}]}"#;
    let options = options()
        .medication_list_complete(true)
        .with_codes(CodeTables::default().extended_from_json(local).unwrap());
    let mapped = map_with(
        &common::collection(vec![common::patient(), tylenol]),
        &options,
    );
    assert_eq!(
        mapped
            .presentation()
            .medications()
            .map(|m| m.present().len()),
        Some(0)
    );
}

#[test]
fn no_known_allergy_settles_allergies_for_its_patient_only() {
    let nka = hl7("AllergyIntolerance-nka");
    let mapped = map(&common::collection(vec![nka.clone()]));
    assert_eq!(
        mapped.presentation().allergies().map(|a| a.present().len()),
        Some(0)
    );
    let why = mapped.provenance_of(Field::Allergies).next().unwrap();
    assert_eq!(why.rule, Rule::NoKnownAllergy);
    assert_eq!(
        why.resource.as_ref().unwrap().to_string(),
        "AllergyIntolerance/nka"
    );
    // It is about Patient/mom, not Patient-example.
    let mapped = map(&common::collection(vec![common::patient(), nka.clone()]));
    assert_eq!(mapped.presentation().allergies(), None);
    assert_eq!(reasons(&mapped), [UnusedReason::OtherPatient]);
    // An allergy recorded besides contradicts it: unknown.
    let cashew = json!({"resourceType": "AllergyIntolerance", "id": "cashew",
        "clinicalStatus": {"coding": [{"code": "active"}]},
        "code": {"coding": [{"system": "http://snomed.info/sct", "code": "227493005"}]},
        "patient": {"reference": "Patient/mom"}});
    let mapped = map(&common::collection(vec![nka, cashew]));
    assert_eq!(mapped.presentation().allergies(), None);
    assert!(reasons(&mapped).contains(&UnusedReason::Conflict));
}

// --- One rule at a time -----------------------------------------------------

fn condition(
    id: &str,
    system: &str,
    code: &str,
    clinical: Option<&str>,
    verification: Option<&str>,
) -> Value {
    let mut c = json!({"resourceType": "Condition", "id": id,
        "code": {"coding": [{"system": system, "code": code}]},
        "subject": {"reference": "Patient/example"}});
    if let Some(s) = clinical {
        c["clinicalStatus"] = json!({"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": s}]});
    }
    if let Some(s) = verification {
        c["verificationStatus"] = json!({"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": s}]});
    }
    c
}

const SNOMED: &str = "http://snomed.info/sct";
const ICD: &str = "http://hl7.org/fhir/sid/icd-10-cm";

#[test]
fn only_active_confirmed_conditions_count_and_refuted_is_absent() {
    let cases = [
        (Some("active"), Some("confirmed"), Truth::Present, None),
        (Some("recurrence"), None, Truth::Present, None),
        (
            Some("resolved"),
            Some("confirmed"),
            Truth::Unknown,
            Some(UnusedReason::NotActive),
        ),
        (
            None,
            Some("confirmed"),
            Truth::Unknown,
            Some(UnusedReason::NotActive),
        ),
        (
            Some("active"),
            Some("provisional"),
            Truth::Unknown,
            Some(UnusedReason::NotConfirmed),
        ),
        (None, Some("refuted"), Truth::Absent, None),
        (
            None,
            Some("entered-in-error"),
            Truth::Unknown,
            Some(UnusedReason::EnteredInError),
        ),
    ];
    for (clinical, verification, want, note) in cases {
        let c = condition("d", SNOMED, "44054006", clinical, verification);
        let mapped = map(&common::collection(vec![c]));
        assert_eq!(
            mapped.presentation().finding(Finding::Diabetes),
            want,
            "{clinical:?} {verification:?}"
        );
        assert_eq!(
            reasons(&mapped).first().copied(),
            note,
            "{clinical:?} {verification:?}"
        );
    }
}

#[test]
fn a_present_statement_wins_over_a_refuted_one() {
    let mapped = map(&common::collection(vec![
        condition("a", SNOMED, "73211009", None, Some("refuted")),
        condition("b", SNOMED, "44054006", Some("active"), None),
    ]));
    assert_eq!(
        mapped.presentation().finding(Finding::Diabetes),
        Truth::Present
    );
    assert_eq!(reasons(&mapped), [UnusedReason::Conflict]);
}

#[test]
fn icd10cm_conditions_and_causes() {
    let mapped = map(&common::collection(vec![
        condition("a", ICD, "G57.61", Some("active"), None),
        condition("b", ICD, "M24.271", Some("active"), None),
        condition("c", ICD, "M79.672", Some("active"), None),
    ]));
    let p = mapped.presentation();
    assert_eq!(
        p.conditions().map(|c| c.iter().collect::<Vec<_>>()),
        Some(vec![Condition::HeelPain, Condition::MortonsNeuroma])
    );
    assert_eq!(p.finding(Finding::LigamentLaxity), Truth::Present);
    // No onset on either foot condition: noted, symptom_weeks unknown.
    assert_eq!(p.symptom_weeks(), None);
    assert_eq!(
        reasons(&mapped),
        [UnusedReason::NoDate, UnusedReason::NoDate]
    );
}

#[test]
fn symptom_weeks_come_from_the_earliest_onset() {
    let mut early = condition("a", ICD, "M72.2", Some("active"), None);
    early["onsetPeriod"] = json!({"start": "2025-11-27"});
    let mut late = condition("b", ICD, "M77.31", Some("active"), None);
    late["onsetDateTime"] = json!("2026-09-01T10:00:00+02:00");
    let mut month = condition("c", ICD, "M76.61", Some("active"), None);
    // A month: counted from its last day, 2026-06-30 (21 weeks).
    month["onsetDateTime"] = json!("2026-06");
    let mapped = map(&common::collection(vec![late, early, month]));
    assert_eq!(
        mapped.presentation().symptom_weeks().map(|w| w.get()),
        Some(52)
    );
    let why = mapped.provenance_of(Field::SymptomWeeks).next().unwrap();
    assert_eq!(why.resource.as_ref().unwrap().id.as_deref(), Some("a"));
    assert_eq!(why.seen, "onset 2025-11-27, 364 days before 2026-11-26");
}

#[test]
fn age_from_birth_date_as_of_the_date() {
    let patient = |birth: &str| json!({"resourceType": "Patient", "id": "p", "birthDate": birth});
    let age = |birth: &str, as_of: &str| {
        let options = MappingOptions::new(as_of.parse().unwrap());
        map_with(&common::collection(vec![patient(birth)]), &options)
            .presentation()
            .age_years()
            .map(|a| a.get())
    };
    assert_eq!(age("1974-12-25", "2026-12-24"), Some(51));
    assert_eq!(age("1974-12-25", "2026-12-25"), Some(52));
    assert_eq!(age("1974-12", "2026-11-26"), Some(51));
    assert_eq!(age("1974-12", "2026-12-15"), None); // 51 or 52
    assert_eq!(age("1974", "2026-06-01"), None);
    assert_eq!(age("1974", "2026-12-31"), Some(52));
    assert_eq!(age("2030-01-01", "2026-11-26"), None);
    assert_eq!(age("25/12/1974", "2026-11-26"), None);
}

fn temperature(id: &str, value: f64, unit: &str, at: &str) -> Value {
    json!({"resourceType": "Observation", "id": id, "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "8310-5"}]},
        "effectiveDateTime": at,
        "valueQuantity": {"value": value, "system": "http://unitsofmeasure.org", "code": unit}})
}

#[test]
fn temperature_threshold_units_and_window() {
    let fever = |value: f64, unit: &str, at: &str| {
        map(&common::collection(vec![temperature("t", value, unit, at)]))
            .presentation()
            .finding(Finding::Fever)
    };
    let today = "2026-11-26T07:00:00Z";
    assert_eq!(fever(38.0, "Cel", today), Truth::Present);
    assert_eq!(fever(37.9, "Cel", today), Truth::Absent);
    assert_eq!(fever(100.4, "[degF]", today), Truth::Present);
    assert_eq!(fever(99.5, "[degF]", today), Truth::Absent);
    assert_eq!(fever(311.0, "K", today), Truth::Unknown);
    assert_eq!(fever(38.5, "Cel", "2026-11-25T23:00:00Z"), Truth::Unknown);
    assert_eq!(fever(38.5, "Cel", "2026-11-27T08:00:00Z"), Truth::Unknown);
    // With an instant as-of, the 24 hours count back from it.
    let options = MappingOptions::new("2026-11-26T09:00:00+01:00".parse().unwrap());
    let yesterday_evening = temperature("t", 38.5, "Cel", "2026-11-25T20:00:00Z");
    let mapped = map_with(&common::collection(vec![yesterday_evening]), &options);
    assert_eq!(
        mapped.presentation().finding(Finding::Fever),
        Truth::Present
    );
    // A wider window is data.
    let options =
        options.with_windows(RecencyWindows::default().with_body_temperature(Window::hours(48)));
    let older = temperature("t", 36.0, "Cel", "2026-11-24T12:00:00Z");
    let mapped = map_with(&common::collection(vec![older]), &options);
    assert_eq!(mapped.presentation().finding(Finding::Fever), Truth::Absent);
}

#[test]
fn any_fever_in_the_window_wins() {
    let mapped = map(&common::collection(vec![
        temperature("a", 36.6, "Cel", "2026-11-26T06:00:00Z"),
        temperature("b", 38.4, "Cel", "2026-11-26T07:00:00Z"),
    ]));
    assert_eq!(
        mapped.presentation().finding(Finding::Fever),
        Truth::Present
    );
}

fn medication(id: &str, system: &str, code: &str, dose_mg: Option<f64>) -> Value {
    let mut m = json!({"resourceType": "MedicationStatement", "id": id, "status": "active",
        "medicationCodeableConcept": {"coding": [{"system": system, "code": code}]},
        "subject": {"reference": "Patient/example"}});
    if let Some(mg) = dose_mg {
        m["dosage"] = json!([{"timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "d"}},
            "doseAndRate": [{"doseQuantity": {"value": mg, "system": "http://unitsofmeasure.org", "code": "mg"}}]}]);
    }
    m
}

const ATC: &str = "http://www.whocc.no/atc";

#[test]
fn medications_by_atc_class_and_aspirin_by_dose() {
    let classes = |meds: Vec<Value>, complete: bool| {
        let options = options().medication_list_complete(complete);
        map_with(&common::collection(meds), &options)
            .presentation()
            .medications()
            .map(|m| (m.is_open(), m.present().iter().collect::<Vec<_>>()))
    };
    use MedicationClass::*;
    let open = |c: Vec<MedicationClass>| Some((true, c));
    let closed = |c: Vec<MedicationClass>| Some((false, c));
    assert_eq!(
        classes(vec![medication("a", ATC, "B01AF02", None)], false),
        open(vec![Anticoagulant])
    );
    assert_eq!(
        classes(vec![medication("a", ATC, "B01AC04", None)], false),
        open(vec![Antiplatelet])
    );
    // Any class found makes an incomplete list open, not only a precaution.
    assert_eq!(
        classes(vec![medication("a", ATC, "B01AC06", Some(75.0))], false),
        open(vec![LowDoseAspirin])
    );
    assert_eq!(
        classes(vec![medication("a", ATC, "B01AC06", Some(75.0))], true),
        closed(vec![LowDoseAspirin])
    );
    assert_eq!(
        classes(vec![medication("a", ATC, "B01AC06", Some(300.0))], false),
        open(vec![Nsaid, Antiplatelet]).map(|(o, mut c)| {
            c.sort();
            (o, c)
        })
    );
    // No dose: antiplatelet and NSAID unknown, even in a complete list.
    assert_eq!(
        classes(vec![medication("a", ATC, "B01AC06", None)], false),
        open(vec![])
    );
    assert_eq!(
        classes(vec![medication("a", ATC, "B01AC06", None)], true),
        open(vec![])
    );
    assert_eq!(
        classes(
            vec![medication(
                "a",
                "http://www.nlm.nih.gov/research/umls/rxnorm",
                "5640",
                None
            )],
            false
        ),
        open(vec![Nsaid])
    );
    assert_eq!(classes(vec![], true), closed(vec![]));
    assert_eq!(classes(vec![], false), None);
    // Unverified codes stay out of the defaults: a complete list with one
    // is unknown, never "none".
    assert_eq!(
        classes(vec![medication("a", ATC, "M01AE01", None)], true),
        None
    );
}

#[test]
fn an_incomplete_list_is_open_never_absent() {
    let mut resources = common::screened();
    resources.push(medication("a", ATC, "B01AF02", None));
    let mapped = map(&common::collection(resources));
    let p = mapped.presentation();
    for class in MedicationClass::all() {
        let want = if *class == MedicationClass::Anticoagulant {
            Truth::Present
        } else {
            Truth::Unknown
        };
        assert_eq!(p.medication(*class), want, "{}", class.as_str());
    }
    assert_eq!(
        serde_json::from_str::<Value>(&p.to_json()).unwrap()["medications"],
        json!({"anticoagulant": "present"})
    );
    let list = mapped.provenance_of(Field::Medications).next().unwrap();
    assert_eq!(list.rule, Rule::MedicationsOpen);
    assert!(list.seen.contains("not declared complete"), "{}", list.seen);
    // The unknown precaution classes are asked one by one.
    let a = assess(p, &Policy::default());
    let asked: Vec<&str> = a.questions.iter().map(|q| q.finding.as_str()).collect();
    assert!(asked.contains(&"medications.antiplatelet"), "{asked:?}");
    assert!(!asked.contains(&"medications.anticoagulant"));
}

fn aspirin_statement(name: &str) -> Mapped {
    aspirin_statement_with(name, &options())
}

fn aspirin_statement_with(name: &str, options: &MappingOptions) -> Mapped {
    map_with(
        &common::collection(vec![common::patient(), common::own(name)]),
        options,
    )
}

fn aspirin_truths(mapped: &Mapped) -> [Truth; 3] {
    let p = mapped.presentation();
    [
        p.medication(MedicationClass::LowDoseAspirin),
        p.medication(MedicationClass::Antiplatelet),
        p.medication(MedicationClass::Nsaid),
    ]
}

#[test]
fn rxnorm_aspirin_75_mg_once_daily_is_low_dose() {
    use Truth::*;
    let mapped = aspirin_statement("MedicationStatement-aspirin-75mg-daily");
    assert_eq!(aspirin_truths(&mapped), [Present, Unknown, Unknown]);
    let why: Vec<_> = mapped.provenance_of(Field::Medications).collect();
    assert_eq!(why[1].rule, Rule::AspirinDose);
    assert_eq!(
        why[1].resource.as_ref().unwrap().to_string(),
        "MedicationStatement/aspirin-75mg-daily"
    );
    assert!(why[1].seen.contains("RxNorm 1191"), "{}", why[1].seen);
    assert!(why[1].seen.contains("75 mg/day"), "{}", why[1].seen);
    // With the list declared complete: low-dose aspirin, and never nsaid.
    let complete = options().medication_list_complete(true);
    let mapped = aspirin_statement_with("MedicationStatement-aspirin-75mg-daily", &complete);
    assert_eq!(aspirin_truths(&mapped), [Present, Absent, Absent]);
    let a = assess(mapped.presentation(), &Policy::default());
    assert!(!a
        .reasons
        .iter()
        .any(|r| r.rule.as_str().contains("nsaid") && r.status == Truth::Present));
}

#[test]
fn rxnorm_aspirin_300_mg_three_times_daily_is_antiplatelet_and_nsaid() {
    use Truth::*;
    let mapped = aspirin_statement("MedicationStatement-aspirin-300mg-tds");
    assert_eq!(aspirin_truths(&mapped), [Unknown, Present, Present]);
    let seen: Vec<_> = mapped
        .provenance_of(Field::Medications)
        .skip(1)
        .map(|p| (p.value.as_str(), p.seen.contains("900 mg/day")))
        .collect();
    assert_eq!(seen, [("nsaid", true), ("antiplatelet", true)]);
}

#[test]
fn rxnorm_aspirin_without_a_readable_dose_asks() {
    use Truth::*;
    let complete = options().medication_list_complete(true);
    for name in [
        "MedicationStatement-aspirin-no-dosage",
        "MedicationStatement-aspirin-unknown-unit",
    ] {
        let mapped = aspirin_statement(name);
        assert_eq!(
            aspirin_truths(&mapped),
            [Unknown, Unknown, Unknown],
            "{name}"
        );
        // Declared complete: every other class absent, the two unknown.
        let mapped = aspirin_statement_with(name, &complete);
        assert_eq!(
            aspirin_truths(&mapped),
            [Absent, Unknown, Unknown],
            "{name}"
        );
        let list = mapped.presentation().medications().unwrap();
        assert!(list.is_open(), "{name}");
        assert_eq!(
            mapped
                .presentation()
                .medication(MedicationClass::Anticoagulant),
            Absent
        );
        let why: Vec<_> = mapped.provenance_of(Field::Medications).collect();
        assert_eq!(why[0].rule, Rule::MedicationsComplete);
        assert!(
            why[0].seen.contains("nsaid and antiplatelet unknown"),
            "{}",
            why[0].seen
        );
        assert_eq!(
            why[1..]
                .iter()
                .map(|p| p.value.as_str())
                .collect::<Vec<_>>(),
            ["nsaid: unknown", "antiplatelet: unknown"]
        );
        assert!(
            why[1].seen.contains("no readable daily dose"),
            "{}",
            why[1].seen
        );
    }
}

#[test]
fn an_aspirin_dose_on_both_sides_of_100_mg_is_asked() {
    use Truth::*;
    const RXNORM: &str = "http://www.nlm.nih.gov/research/umls/rxnorm";
    let complete = options().medication_list_complete(true);
    // 75 mg once or twice a day: 75 to 150 mg/day.
    let mut ranged = medication("a", RXNORM, "1191", Some(75.0));
    ranged["dosage"][0]["timing"]["repeat"]["frequencyMax"] = json!(2);
    // A 300 mg loading dose, then 75 mg a day: the two may be sequential.
    let mut loading = medication("b", RXNORM, "1191", Some(300.0));
    let daily = medication("x", RXNORM, "1191", Some(75.0))["dosage"][0].clone();
    loading["dosage"].as_array_mut().unwrap().push(daily);
    for m in [ranged, loading] {
        let mapped = map_with(&common::collection(vec![m]), &complete);
        assert_eq!(aspirin_truths(&mapped), [Absent, Unknown, Unknown]);
        let why: Vec<_> = mapped.provenance_of(Field::Medications).collect();
        assert!(
            why[1].seen.contains("on both sides of 100 mg/day"),
            "{}",
            why[1].seen
        );
    }
    // A MedicationRequest reads dosageInstruction the same way.
    let mut request = medication("r", RXNORM, "1191", Some(75.0));
    request["resourceType"] = json!("MedicationRequest");
    request["intent"] = json!("order");
    let dosage = request.as_object_mut().unwrap().remove("dosage").unwrap();
    request["dosageInstruction"] = dosage;
    let mapped = map_with(&common::collection(vec![request]), &complete);
    assert_eq!(aspirin_truths(&mapped), [Present, Absent, Absent]);
}

#[test]
fn aspirin_follows_the_dose_rule_on_every_code_system() {
    const RXNORM: &str = "http://www.nlm.nih.gov/research/umls/rxnorm";
    for complete in [false, true] {
        let options = options().medication_list_complete(complete);
        for dose in [None, Some(75.0), Some(100.0), Some(101.0), Some(300.0)] {
            let by = |system, code| {
                map_with(
                    &common::collection(vec![medication("a", system, code, dose)]),
                    &options,
                )
                .presentation()
                .medications()
            };
            assert_eq!(
                by(ATC, "B01AC06"),
                by(RXNORM, "1191"),
                "{dose:?} {complete}"
            );
        }
    }
}

#[test]
fn haemoglobin_below_10_g_dl_is_anaemia() {
    let mapped = map(&common::collection(vec![
        common::patient(),
        common::own("Observation-haemoglobin-9.2-g-dL"),
    ]));
    assert_eq!(
        mapped.presentation().finding(Finding::Anaemia),
        Truth::Present
    );
    let why = mapped
        .provenance_of(Field::Finding(Finding::Anaemia))
        .next()
        .unwrap();
    assert_eq!(why.rule, Rule::Haemoglobin);
    assert_eq!(why.seen, "9.2 g/dL at 2026-11-02T09:00:00Z");
    assert!(Rule::Haemoglobin.describe().contains("our inference"));
    assert!(Rule::Haemoglobin.describe().contains("secondary"));

    let hb = |value: f64, unit: &str, at: &str| {
        let o = json!({"resourceType": "Observation", "id": "hb", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "718-7"}]},
            "effectiveDateTime": at,
            "valueQuantity": {"value": value, "system": "http://unitsofmeasure.org", "code": unit}});
        let mapped = map(&common::collection(vec![o]));
        (
            mapped.presentation().finding(Finding::Anaemia),
            reasons(&mapped),
        )
    };
    let recent = "2026-11-20T08:00:00Z";
    assert_eq!(hb(9.9, "g/dL", recent), (Truth::Present, vec![]));
    assert_eq!(hb(10.0, "g/dL", recent), (Truth::Absent, vec![]));
    assert_eq!(hb(99.0, "g/L", recent), (Truth::Present, vec![]));
    assert_eq!(hb(100.0, "g/L", recent), (Truth::Absent, vec![]));
    assert_eq!(
        hb(6.0, "mmol/L", recent),
        (Truth::Unknown, vec![UnusedReason::UnsupportedUnit])
    );
    // 90 days, held as data.
    assert_eq!(hb(8.0, "g/dL", "2026-08-30T08:00:00Z").0, Truth::Present);
    assert_eq!(
        hb(8.0, "g/dL", "2026-08-20T08:00:00Z"),
        (Truth::Unknown, vec![UnusedReason::Stale])
    );
    let wider =
        options().with_windows(RecencyWindows::default().with_haemoglobin(Window::days(120)));
    let old = json!({"resourceType": "Observation", "id": "hb", "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "718-7"}]},
        "effectiveDateTime": "2026-08-20T08:00:00Z",
        "valueQuantity": {"value": 8.0, "system": "http://unitsofmeasure.org", "code": "g/dL"}});
    assert_eq!(
        map_with(&common::collection(vec![old]), &wider)
            .presentation()
            .finding(Finding::Anaemia),
        Truth::Present
    );
}

#[test]
fn anaemia_never_changes_the_verdict_and_makes_prp_avoid() {
    use prolo_triage::{Injectate, Suitability};
    let screened = common::screened();
    let without = map(&common::collection(screened.clone()));
    let mut with = screened;
    with.push(common::own("Observation-haemoglobin-9.2-g-dL"));
    let with = map(&common::collection(with));
    assert_eq!(
        with.presentation().finding(Finding::Anaemia),
        Truth::Present
    );
    let a = assess(with.presentation(), &Policy::default());
    assert_eq!(a.verdict, verdict(&without));
    let prp = a
        .injectates
        .iter()
        .find(|i| i.injectate == Injectate::Prp)
        .unwrap();
    assert_eq!(prp.suitability, Suitability::Avoid);
}

#[test]
fn foot_pain_maps_to_heel_pain_and_the_clinician_confirms() {
    let mapped = map(&common::collection(vec![
        common::patient(),
        common::own("Condition-foot-pain-M79.671"),
    ]));
    assert_eq!(
        mapped
            .presentation()
            .conditions()
            .map(|c| c.iter().collect::<Vec<_>>()),
        Some(vec![Condition::HeelPain])
    );
    let why = mapped.provenance_of(Field::Conditions).next().unwrap();
    assert_eq!(why.rule, Rule::ConditionFootPain);
    assert!(why.seen.contains("ICD-10-CM M79.671"), "{}", why.seen);
    assert!(
        why.seen.contains("the clinician confirms the diagnosis"),
        "{}",
        why.seen
    );
    assert!(mapped
        .report()
        .contains("the record coded pain in foot (ICD-10-CM M79.67-), not heel pain: the clinician confirms the diagnosis"));
    // The onset still gives the symptom weeks.
    assert_eq!(
        mapped.presentation().symptom_weeks().map(|w| w.get()),
        Some(26)
    );
    // A heel-pain code beside it says heel: the ordinary rule.
    let mut both = common::own("Condition-foot-pain-M79.671");
    both["code"]["coding"]
        .as_array_mut()
        .unwrap()
        .push(json!({"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M77.31"}));
    let mapped = map(&common::collection(vec![common::patient(), both]));
    let why = mapped.provenance_of(Field::Conditions).next().unwrap();
    assert_eq!(why.rule, Rule::ConditionCode);
    for code in ["M79.672", "M79.673"] {
        let mut c = common::own("Condition-foot-pain-M79.671");
        c["code"]["coding"][0]["code"] = json!(code);
        let mapped = map(&common::collection(vec![common::patient(), c]));
        let why = mapped.provenance_of(Field::Conditions).next().unwrap();
        assert_eq!(why.rule, Rule::ConditionFootPain, "{code}");
    }
}

#[test]
fn medication_statuses() {
    let mut stopped = medication("a", ATC, "B01AF02", None);
    stopped["status"] = json!("stopped");
    let mut error = medication("b", ATC, "B01AF02", None);
    error["status"] = json!("entered-in-error");
    let mapped = map(&common::collection(vec![stopped, error]));
    assert_eq!(mapped.presentation().medications(), None);
    assert_eq!(
        reasons(&mapped),
        [UnusedReason::NotActive, UnusedReason::EnteredInError]
    );
}

#[test]
fn medication_references_resolve_through_the_bundle() {
    let medication = json!({"resourceType": "Medication", "id": "w",
        "code": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "114194"}]}});
    let by_url = json!({"resourceType": "MedicationStatement", "id": "s1", "status": "active",
        "medicationReference": {"reference": "urn:uuid:0b7d4c44-6c3b-4f63-9a39-1c3e4f1a2b3c"}});
    let missing = json!({"resourceType": "MedicationStatement", "id": "s2", "status": "active",
        "medicationReference": {"reference": "Medication/nowhere"}});
    let bundle = json!({"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:0b7d4c44-6c3b-4f63-9a39-1c3e4f1a2b3c", "resource": medication},
        {"resource": by_url}, {"resource": missing}]});
    let mapped = map(&bundle);
    assert_eq!(
        mapped
            .presentation()
            .medications()
            .map(|m| m.present().iter().collect::<Vec<_>>()),
        Some(vec![MedicationClass::Anticoagulant])
    );
    assert_eq!(reasons(&mapped), [UnusedReason::UnresolvedReference]);
}

#[test]
fn screening_answers_map_straight_to_findings() {
    let response = common::screening_response_with(
        &[
            ("recent_injury", json!("Y")),
            ("bone_tenderness_navicular", json!("Y")),
            ("diabetes", json!("asked-unknown")),
            ("symptom_weeks", json!(8)),
            ("conservative_care_weeks", json!(10)),
        ],
        "2026-11-26T08:40:00Z",
    );
    let mapped = map(&common::collection(vec![common::patient(), response]));
    let p = mapped.presentation();
    assert_eq!(p.finding(Finding::BoneTendernessNavicular), Truth::Present);
    assert_eq!(p.finding(Finding::Diabetes), Truth::Unknown);
    assert_eq!(p.finding(Finding::Fever), Truth::Absent);
    // Care cannot outlast the symptoms: capped, and said so.
    assert_eq!(p.symptom_weeks().map(|w| w.get()), Some(8));
    assert_eq!(p.conservative_care_weeks().map(|w| w.get()), Some(8));
    let rules: Vec<Rule> = mapped
        .provenance_of(Field::ConservativeCareWeeks)
        .map(|p| p.rule)
        .collect();
    assert_eq!(rules, [Rule::CareCappedAtSymptoms]);
    assert_eq!(
        reasons(&mapped),
        [UnusedReason::AnsweredUnknown, UnusedReason::Conflict]
    );
    assert_eq!(verdict(&mapped), Verdict::ReferUrgently); // Ottawa foot rule
}

#[test]
fn screening_responses_must_be_recent_complete_and_ours() {
    let stale = common::screening_response_with(&[], "2026-10-01T08:00:00Z");
    let mapped = map(&common::collection(vec![stale]));
    assert_eq!(mapped.presentation().findings().count(), 0);
    assert_eq!(reasons(&mapped), [UnusedReason::Stale]);

    let mut in_progress = common::screening_response();
    in_progress["status"] = json!("in-progress");
    assert_eq!(
        reasons(&map(&common::collection(vec![in_progress]))),
        [UnusedReason::NotActive]
    );

    let mut other = common::screening_response();
    other["questionnaire"] = json!("http://example.org/Questionnaire/phq-9");
    assert_eq!(
        reasons(&map(&common::collection(vec![other]))),
        [UnusedReason::OtherQuestionnaire]
    );

    let mut versioned = common::screening_response();
    versioned["questionnaire"] = json!(format!(
        "{}|0.1.0",
        prolo_triage_fhir::SCREENING_QUESTIONNAIRE_URL
    ));
    assert_eq!(
        map(&common::collection(vec![versioned]))
            .presentation()
            .finding(Finding::Fever),
        Truth::Absent
    );
}

#[test]
fn boolean_answers_are_read_too() {
    let mut response = common::screening_response();
    response["item"] = json!([{"linkId": "fever", "answer": [{"valueBoolean": true}]},
        {"linkId": "not_a_finding", "answer": [{"valueBoolean": true}]}]);
    let mapped = map(&common::collection(vec![response]));
    assert_eq!(
        mapped.presentation().finding(Finding::Fever),
        Truth::Present
    );
    assert_eq!(reasons(&mapped), [UnusedReason::UnknownItem]);
}

#[test]
fn male_with_a_pregnancy_recorded_is_sex_other() {
    let pregnancy = condition("preg", SNOMED, "77386006", Some("active"), None);
    let mapped = map(&common::collection(vec![common::patient(), pregnancy]));
    let p = mapped.presentation();
    assert_eq!(p.finding(Finding::Pregnancy), Truth::Present);
    assert_eq!(p.sex(), Some(Sex::Other));
    let why = mapped.provenance_of(Field::Sex).next().unwrap();
    assert_eq!(why.rule, Rule::PatientGenderWithPregnancy);
}

#[test]
fn tracked_allergies_come_from_local_codes() {
    let local = r#"{"codes": [{"system": "http://snomed.info/sct", "code": "1234567",
        "means": "allergies.local_anaesthetic", "source": "local", "citation": "clinic list"}]}"#;
    let options = options().with_codes(CodeTables::default().extended_from_json(local).unwrap());
    let allergy = json!({"resourceType": "AllergyIntolerance", "id": "la",
        "clinicalStatus": {"coding": [{"code": "active"}]},
        "code": {"coding": [{"system": "http://snomed.info/sct", "code": "1234567"}]}});
    let mapped = map_with(&common::collection(vec![allergy]), &options);
    assert_eq!(
        mapped
            .presentation()
            .allergies()
            .map(|a| a.present().iter().collect::<Vec<_>>()),
        Some(vec![Allergy::LocalAnaesthetic])
    );
}

#[test]
fn failed_fetches_and_further_pages_void_complete_lists() {
    let options = options()
        .medication_list_complete(true)
        .allergy_list_complete(true);
    let paged = json!({"resourceType": "Bundle", "type": "searchset",
        "link": [{"relation": "next", "url": "https://example.org/fhir/MedicationStatement?page=2"}],
        "entry": []});
    let mapped = map_with(&paged, &options);
    assert_eq!(mapped.presentation().medications(), None);
    assert_eq!(mapped.presentation().allergies(), None);
    assert_eq!(reasons(&mapped), [UnusedReason::IncompleteSearch]);

    let prefetch = json!({"medications": {"resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": "timeout", "diagnostics": "timed out"}]}});
    let mapped = map_prefetch(&prefetch.to_string(), &options).unwrap();
    assert_eq!(mapped.presentation().medications(), None);
    assert_eq!(
        mapped.unused()[0].detail,
        "data could not be fetched: timed out"
    );
}

#[test]
fn several_patients_are_refused() {
    let other = json!({"resourceType": "Patient", "id": "other"});
    let err = map_bundle(
        &common::collection(vec![common::patient(), other]).to_string(),
        &options(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "document: more than one patient (Patient/example, Patient/other); map one patient's record at a time"
    );
    // Without a Patient resource, the subjects decide.
    let a = condition("a", SNOMED, "44054006", Some("active"), None);
    let mut b = condition("b", SNOMED, "44054006", Some("active"), None);
    b["subject"] = json!({"reference": "Patient/other"});
    assert!(map_bundle(
        &common::collection(vec![a.clone(), b]).to_string(),
        &options()
    )
    .is_err());
    // Two Patients that nothing identifies may be two people.
    let anonymous = json!({"resourceType": "Patient", "birthDate": "1990-01-01"});
    let bundle = json!({"resourceType": "Bundle", "type": "collection", "entry": [
        {"resource": anonymous.clone()}, {"resource": anonymous.clone()}]});
    assert!(map_bundle(&bundle.to_string(), &options()).is_err());
    let bundle =
        json!({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": anonymous}]});
    let mapped = map_bundle(&bundle.to_string(), &options()).unwrap();
    assert_eq!(mapped.presentation().age_years().map(|a| a.get()), Some(36));
    // Absolute and relative references to the same patient agree.
    let mut c = condition("c", SNOMED, "73211009", Some("active"), None);
    c["subject"] = json!({"reference": "https://example.org/fhir/Patient/example/_history/3"});
    assert!(map_bundle(&common::collection(vec![a, c]).to_string(), &options()).is_ok());
}

#[test]
fn report_and_json_show_the_provenance() {
    let mapped = map_bundle(
        &common::shipped("plantar-fasciitis-warfarin.json"),
        &options(),
    )
    .unwrap();
    let report = mapped.report();
    assert!(report.contains(
        "  age_years = 51 ← Patient/example: birthDate 1974-12-25 [patient.birth_date]\n"
    ));
    assert!(report.contains("  medications = anticoagulant ← MedicationRequest/medrx0331"));
    let json: Value = serde_json::from_str(&mapped.to_json()).unwrap();
    assert_eq!(json["as_of"], "2026-11-26");
    // An open list: the class found present, the others unknown.
    assert_eq!(
        json["presentation"]["medications"],
        json!({"anticoagulant": "present"})
    );
    assert_eq!(json["provenance"][0]["field"], "age_years");
    assert_eq!(
        json["provenance"][0]["resource"]["resource_type"],
        "Patient"
    );
    assert_eq!(json["unused"][0]["reason"], "superseded");
}
