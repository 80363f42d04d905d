//! The invariants of the mapping, as properties:
//!
//! - it never panics, on any JSON, any Bundle-shaped document, or any
//!   corruption of the shipped Bundles;
//! - removing a resource never makes a fact *less* unknown (monotone in
//!   information);
//! - every fact in the presentation has provenance, and every provenance
//!   is a fact of the presentation;
//! - a list not declared complete never makes a class `absent`, and
//!   aspirin is never `nsaid` alone (`docs/clinic-integration.md` §2–§3).

use crate::common;

use crate::common::{edited, hl7, Edit};
use prolo_triage::{Allergy, Finding, MedicationClass, Presentation, Truth};
use prolo_triage_fhir::{map_bundle, map_prefetch, Field, Mapped, MappingOptions, LIST};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use serde_json::{json, Map, Value};

// --- Arbitrary JSON, biased towards FHIR --------------------------------

const KEYS: &[&str] = &[
    "resourceType",
    "type",
    "entry",
    "resource",
    "fullUrl",
    "id",
    "status",
    "code",
    "coding",
    "system",
    "display",
    "text",
    "valueQuantity",
    "value",
    "unit",
    "comparator",
    "effectiveDateTime",
    "effectivePeriod",
    "start",
    "end",
    "subject",
    "patient",
    "reference",
    "birthDate",
    "gender",
    "clinicalStatus",
    "verificationStatus",
    "onsetDateTime",
    "onsetPeriod",
    "medicationCodeableConcept",
    "medicationReference",
    "contained",
    "ingredient",
    "itemCodeableConcept",
    "dosage",
    "dosageInstruction",
    "doseAndRate",
    "doseQuantity",
    "timing",
    "repeat",
    "frequency",
    "period",
    "periodUnit",
    "item",
    "linkId",
    "answer",
    "valueCoding",
    "valueBoolean",
    "valueInteger",
    "questionnaire",
    "authored",
    "link",
    "relation",
    "issue",
    "severity",
    "intent",
    "doNotPerform",
];

const WORDS: &[&str] = &[
    "Bundle",
    "collection",
    "searchset",
    "transaction",
    "Patient",
    "Observation",
    "Condition",
    "MedicationStatement",
    "MedicationRequest",
    "AllergyIntolerance",
    "QuestionnaireResponse",
    "Medication",
    "OperationOutcome",
    "final",
    "active",
    "completed",
    "refuted",
    "confirmed",
    "entered-in-error",
    "8310-5",
    "777-3",
    "718-7",
    "g/dL",
    "g/L",
    "1191",
    "M79.671",
    "Cel",
    "[degF]",
    "10*3/uL",
    "mg",
    "d",
    "h",
    "http://loinc.org",
    "http://snomed.info/sct",
    "http://www.whocc.no/atc",
    "http://unitsofmeasure.org",
    "B01AC06",
    "B01AA03",
    "114194",
    "44054006",
    "202882003",
    "716186003",
    "2026-11-26",
    "2026-11-26T08:00:00Z",
    "1974-12",
    "1974",
    "#m",
    "Patient/example",
    "Medication/m",
    "urn:uuid:1",
    "Y",
    "N",
    "asked-unknown",
    "fever",
    "symptom_weeks",
    "conservative_care_weeks",
    "male",
    "female",
    "next",
    "error",
    "<",
    ">=",
    "urn:uuid:d825cdc8-3495-4db5-be5b-28591678a48b",
];

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (-1.0e6f64..1.0e6).prop_map(|f| json!(f)),
        select(WORDS).prop_map(|w| json!(w)),
        ".{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((select(KEYS), inner), 0..8).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

/// A resource-shaped object: a known resourceType and FHIR-ish fields.
fn arb_resource() -> impl Strategy<Value = Value> {
    (
        select(&WORDS[3..13]),
        prop::collection::vec((select(KEYS), arb_json()), 0..10),
    )
        .prop_map(|(t, fields)| {
            let mut o: Map<String, Value> =
                fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            o.insert("resourceType".into(), json!(t));
            Value::Object(o)
        })
}

fn arb_bundle() -> impl Strategy<Value = Value> {
    (
        select(&["collection", "searchset"][..]),
        prop::collection::vec(arb_resource(), 0..8),
    )
        .prop_map(|(t, resources)| {
            let entry: Vec<Value> = resources
                .into_iter()
                .map(|r| json!({"resource": r}))
                .collect();
            json!({"resourceType": "Bundle", "type": t, "entry": entry})
        })
}

fn options() -> impl Strategy<Value = MappingOptions> {
    (any::<bool>(), any::<bool>()).prop_map(|(m, a)| {
        common::options()
            .medication_list_complete(m)
            .allergy_list_complete(a)
    })
}

/// Every JSON pointer in a value.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(o) => {
            for (k, v) in o {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(v, p, out);
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(v, p, out);
            }
        }
        _ => {}
    }
}

/// The number of cases: `PROPTEST_CASES` when set (CI runs more), else
/// the default given.
fn cases(default: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig::with_cases(n)
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn never_panics_on_any_json(value in arb_json(), options in options()) {
        let text = value.to_string();
        let _ = map_bundle(&text, &options);
        let _ = map_prefetch(&text, &options);
    }

    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,64}") {
        let _ = map_bundle(&text, &common::options());
        let _ = map_prefetch(&text, &common::options());
    }

    #[test]
    fn never_panics_on_bundle_shaped_documents(bundle in arb_bundle(), options in options()) {
        let mapped = map_bundle(&bundle.to_string(), &options);
        if let Ok(mapped) = mapped {
            check_provenance(&mapped)?;
        }
        let prefetch = json!({"a": bundle, "b": null});
        let _ = map_prefetch(&prefetch.to_string(), &options);
    }

    #[test]
    fn never_panics_on_corrupted_worked_bundles(
        which in 0usize..5,
        pick in any::<prop::sample::Index>(),
        replacement in arb_json(),
        options in options(),
    ) {
        let (name, mut value) = common::composed().swap_remove(which);
        let mut all = Vec::new();
        pointers(&value, String::new(), &mut all);
        let target = pick.get(&all).clone();
        *value.pointer_mut(&target).unwrap() = replacement;
        let text = value.to_string();
        let result = if name.starts_with("prefetch") {
            map_prefetch(&text, &options)
        } else {
            map_bundle(&text, &options)
        };
        if let Ok(mapped) = result {
            check_provenance(&mapped)?;
        }
    }
}

// --- A pool of resources about one patient --------------------------------

fn pool() -> Vec<Value> {
    let about = |v: Value| {
        edited(
            v,
            vec![Edit::Set(
                "/subject",
                json!({"reference": "Patient/example"}),
            )],
        )
    };
    let mut platelets = hl7("Bundle-101")["entry"][6]["resource"].clone();
    platelets = edited(
        about(platelets),
        vec![
            Edit::Set("/effectiveDateTime", json!("2026-10-01")),
            Edit::Set("/valueQuantity/value", json!(84)),
        ],
    );
    let diabetes_refuted = json!({"resourceType": "Condition", "id": "no-diabetes",
        "verificationStatus": {"coding": [{"code": "refuted"}]},
        "code": {"coding": [{"system": "http://snomed.info/sct", "code": "44054006"}]},
        "subject": {"reference": "Patient/example"}});
    let pregnancy = json!({"resourceType": "Condition", "id": "pregnancy",
        "clinicalStatus": {"coding": [{"code": "active"}]},
        "code": {"coding": [{"system": "http://snomed.info/sct", "code": "77386006"}]},
        "subject": {"reference": "Patient/example"}});
    let heel = json!({"resourceType": "Condition", "id": "heel",
        "clinicalStatus": {"coding": [{"code": "active"}]},
        "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M77.31"}]},
        "onsetDateTime": "2025-06-01",
        "subject": {"reference": "Patient/example"}});
    let nka = edited(
        hl7("AllergyIntolerance-nka"),
        vec![Edit::Set(
            "/patient",
            json!({"reference": "Patient/example"}),
        )],
    );
    let cashew = json!({"resourceType": "AllergyIntolerance", "id": "cashew",
        "clinicalStatus": {"coding": [{"code": "active"}]},
        "code": {"coding": [{"system": "http://snomed.info/sct", "code": "227493005"}]},
        "patient": {"reference": "Patient/example"}});
    let aspirin = json!({"resourceType": "MedicationStatement", "id": "aspirin", "status": "active",
        "medicationReference": {"reference": "Medication/asa"},
        "dosage": [{"timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "d"}},
            "doseAndRate": [{"doseQuantity": {"value": 75, "system": "http://unitsofmeasure.org", "code": "mg"}}]}],
        "subject": {"reference": "Patient/example"}});
    let asa = json!({"resourceType": "Medication", "id": "asa",
        "code": {"coding": [{"system": "http://www.whocc.no/atc", "code": "B01AC06"}]}});
    let later = common::screening_response_with(
        &[
            ("fever", json!("Y")),
            ("symptom_weeks", json!(4)),
            ("conservative_care_weeks", json!(30)),
        ],
        "2026-11-26T10:00:00Z",
    );
    let later = edited(later, vec![Edit::Set("/id", json!("screening-2"))]);
    let stale_temperature = about(hl7("Observation-body-temperature"));
    let ibuprofen = json!({"resourceType": "MedicationStatement", "id": "ibuprofen", "status": "active",
        "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "5640"}]},
        "subject": {"reference": "Patient/example"}});
    vec![
        common::patient(),
        common::plantar_fasciitis(),
        common::normal_temperature(),
        common::screening_response(),
        common::fever_f202(),
        common::warfarin(),
        about(hl7("MedicationStatement-example001")),
        about(hl7("MedicationRequest-medrx0321")),
        platelets,
        diabetes_refuted,
        pregnancy,
        heel,
        nka,
        cashew,
        aspirin,
        asa,
        common::own("MedicationStatement-aspirin-300mg-tds"),
        common::own("MedicationStatement-aspirin-no-dosage"),
        common::own("MedicationStatement-aspirin-unknown-unit"),
        ibuprofen,
        common::own("Observation-haemoglobin-9.2-g-dL"),
        common::own("Condition-foot-pain-M79.671"),
        later,
        edited(
            stale_temperature,
            vec![Edit::Set("/id", json!("stale-temperature"))],
        ),
    ]
}

fn map_pool(resources: &[Value], options: &MappingOptions) -> Mapped {
    map_bundle(&common::collection(resources.to_vec()).to_string(), options).unwrap()
}

/// Which facts are known.
fn known(p: &Presentation) -> Vec<(String, bool)> {
    let mut facts = vec![
        ("age_years".to_owned(), p.age_years().is_some()),
        ("sex".to_owned(), p.sex().is_some()),
        ("conditions".to_owned(), p.conditions().is_some()),
        ("symptom_weeks".to_owned(), p.symptom_weeks().is_some()),
        (
            "conservative_care_weeks".to_owned(),
            p.conservative_care_weeks().is_some(),
        ),
    ];
    facts.extend(
        Finding::all()
            .iter()
            .map(|f| (f.as_str().to_owned(), p.finding(*f).is_known())),
    );
    facts
}

/// Provenance and facts match one to one.
fn check_provenance(mapped: &Mapped) -> Result<(), TestCaseError> {
    let p = mapped.presentation();
    let values = |field: Field| -> Vec<String> {
        let mut v: Vec<String> = mapped
            .provenance_of(field)
            .map(|p| p.value.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let one = |value: Option<String>, field: Field| -> Result<(), TestCaseError> {
        prop_assert_eq!(
            values(field),
            value.into_iter().collect::<Vec<_>>(),
            "{}",
            field.path()
        );
        Ok(())
    };
    one(p.age_years().map(|a| a.get().to_string()), Field::AgeYears)?;
    one(p.sex().map(|s| s.as_str().to_owned()), Field::Sex)?;
    one(
        p.symptom_weeks().map(|w| w.get().to_string()),
        Field::SymptomWeeks,
    )?;
    one(
        p.conservative_care_weeks().map(|w| w.get().to_string()),
        Field::ConservativeCareWeeks,
    )?;
    let conditions: Vec<String> = p
        .conditions()
        .map(|c| c.iter().map(|c| c.as_str().to_owned()).collect())
        .unwrap_or_default();
    let mut sorted = conditions.clone();
    sorted.sort();
    prop_assert_eq!(values(Field::Conditions), sorted);
    for f in Finding::all() {
        let truth = p.finding(*f);
        let expected: Vec<String> = match truth {
            Truth::Unknown => vec![],
            t => vec![t.to_string()],
        };
        prop_assert_eq!(values(Field::Finding(*f)), expected, "{}", f.as_str());
    }
    // A list: one `list` entry and the classes present; a class set unknown
    // by a resource (aspirin without a readable dose) is named `<class>:
    // unknown` and is unknown in the presentation.
    let list = |present: Option<Vec<&'static str>>,
                truth: &dyn Fn(&str) -> Option<Truth>,
                field: Field|
     -> Result<(), TestCaseError> {
        let (unknown, named): (Vec<String>, Vec<String>) = values(field)
            .into_iter()
            .partition(|v| v.ends_with(": unknown"));
        let mut expected: Vec<String> = match present {
            None => vec![],
            Some(names) => names
                .into_iter()
                .map(str::to_owned)
                .chain([LIST.to_owned()])
                .collect(),
        };
        expected.sort();
        prop_assert_eq!(named, expected, "{}", field.path());
        for u in unknown {
            let class = u.trim_end_matches(": unknown");
            prop_assert_eq!(truth(class), Some(Truth::Unknown), "{}", u);
        }
        Ok(())
    };
    list(
        p.medications()
            .map(|m| m.present().iter().map(|c| c.as_str()).collect()),
        &|c| c.parse::<MedicationClass>().ok().map(|c| p.medication(c)),
        Field::Medications,
    )?;
    list(
        p.allergies()
            .map(|a| a.present().iter().map(|c| c.as_str()).collect()),
        &|a| a.parse::<Allergy>().ok().map(|a| p.allergy(a)),
        Field::Allergies,
    )?;
    for provenance in mapped.provenance() {
        prop_assert!(!provenance.seen.is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(128))]

    /// Removing any resource never makes a fact less unknown. Lists are
    /// checked when not declared complete: a complete list is a claim about
    /// the record as a whole, which removing a resource changes; and an
    /// allergy recorded beside "no known allergy" leaves allergies unknown
    /// until one of the two goes.
    #[test]
    fn removing_a_resource_never_makes_a_fact_less_unknown(
        chosen in subsequence((0..pool().len()).collect::<Vec<_>>(), 0..=18),
        complete in any::<bool>(),
    ) {
        let pool = pool();
        let options = common::options()
            .medication_list_complete(complete)
            .allergy_list_complete(complete);
        let resources: Vec<Value> = chosen.iter().map(|i| pool[*i].clone()).collect();
        let before = map_pool(&resources, &options);
        let known_before = known(before.presentation());
        for i in 0..resources.len() {
            let mut fewer = resources.clone();
            let removed = fewer.remove(i);
            let after = map_pool(&fewer, &options);
            for ((fact, was), (_, is)) in known_before.iter().zip(known(after.presentation())) {
                prop_assert!(
                    *was || !is,
                    "removing {} made {} known", removed["id"], fact
                );
            }
            if !complete {
                prop_assert!(
                    before.presentation().medications().is_some()
                        || after.presentation().medications().is_none(),
                    "removing {} made medications known", removed["id"]
                );
                let (b, a) = (before.presentation(), after.presentation());
                for c in MedicationClass::all() {
                    prop_assert!(
                        b.medication(*c).is_known() || !a.medication(*c).is_known(),
                        "removing {} made {} known", removed["id"], c.as_str()
                    );
                }
            }
        }
    }

    #[test]
    fn every_fact_has_provenance(
        chosen in subsequence((0..pool().len()).collect::<Vec<_>>(), 0..=18),
        options in options(),
    ) {
        let pool = pool();
        let resources: Vec<Value> = chosen.iter().map(|i| pool[*i].clone()).collect();
        check_provenance(&map_pool(&resources, &options))?;
    }
}

proptest! {
    #![proptest_config(cases(128))]

    /// A list not declared complete is open: the classes found present,
    /// the others unknown, never one absent. Aspirin is never `nsaid`
    /// alone, and low-dose aspirin never `nsaid` (ibuprofen aside).
    #[test]
    fn incomplete_lists_never_say_absent_and_aspirin_is_never_nsaid_alone(
        chosen in subsequence((0..pool().len()).collect::<Vec<_>>(), 0..=18),
        medications_complete in any::<bool>(),
        allergies_complete in any::<bool>(),
    ) {
        let pool = pool();
        let options = common::options()
            .medication_list_complete(medications_complete)
            .allergy_list_complete(allergies_complete);
        let resources: Vec<Value> = chosen.iter().map(|i| pool[*i].clone()).collect();
        let mapped = map_pool(&resources, &options);
        let p = mapped.presentation();
        if !medications_complete {
            for c in MedicationClass::all() {
                prop_assert_ne!(p.medication(*c), Truth::Absent, "{}", c.as_str());
            }
            if let Some(list) = p.medications() {
                prop_assert!(list.is_open());
            }
        }
        if !allergies_complete {
            // "No known allergy" is the one explicit statement of none.
            let nka = resources.iter().any(|r| r["id"] == "nka");
            for a in Allergy::all() {
                prop_assert!(nka || p.allergy(*a) != Truth::Absent, "{}", a.as_str());
            }
        }
        let ibuprofen = resources.iter().any(|r| r["id"] == "ibuprofen");
        if !ibuprofen {
            prop_assert_eq!(
                p.medication(MedicationClass::Nsaid),
                p.medication(MedicationClass::Antiplatelet)
            );
        }
        let high_or_unreadable = resources.iter().any(|r| {
            r["id"].as_str().is_some_and(|id| {
                matches!(id, "aspirin-300mg-tds" | "aspirin-no-dosage" | "aspirin-unknown-unit")
            })
        });
        if !ibuprofen && !high_or_unreadable {
            prop_assert_ne!(p.medication(MedicationClass::Nsaid), Truth::Present);
        }
    }
}

#[test]
fn the_whole_pool_maps() {
    let mapped = map_pool(&pool(), &common::options());
    check_provenance(&mapped).unwrap();
    // Fever from f202 and the later answer; the later answers win the
    // durations, and care is capped at the symptoms.
    let p = mapped.presentation();
    assert_eq!(p.finding(Finding::Fever), Truth::Present);
    assert_eq!(p.finding(Finding::LowPlatelets), Truth::Present);
    assert_eq!(p.symptom_weeks().map(|w| w.get()), Some(4));
    assert_eq!(p.conservative_care_weeks().map(|w| w.get()), Some(4));
}
