//! Shared test material: the HL7 fixtures, and the Bundles composed from
//! them with every edit written out (see `tests/fixtures/README.md`).

use std::path::PathBuf;

use prolo_triage::{Finding, FindingGroup};
use prolo_triage_fhir::{MappingOptions, SCREENING_QUESTIONNAIRE_URL};
use serde_json::{json, Value};

/// The as-of date of every worked case.
pub const AS_OF: &str = "2026-11-26";

pub fn options() -> MappingOptions {
    MappingOptions::new(AS_OF.parse().unwrap())
}

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// An HL7 R4 example resource, as copied from the npm package.
pub fn hl7(name: &str) -> Value {
    let path = fixtures().join("hl7").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// A resource written for this crate (`tests/fixtures/own/`).
pub fn own(name: &str) -> Value {
    let path = fixtures().join("own").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// One edit of a copied resource.
pub enum Edit {
    Set(&'static str, Value),
    Remove(&'static str),
}

/// A copy of `resource` with the edits applied (JSON pointers; `Set` on a
/// missing member adds it).
pub fn edited(mut resource: Value, edits: Vec<Edit>) -> Value {
    for edit in edits {
        match edit {
            Edit::Set(pointer, value) => {
                let (parent, key) = pointer.rsplit_once('/').unwrap();
                let parent = resource.pointer_mut(parent).unwrap();
                parent.as_object_mut().unwrap().insert(key.into(), value);
            }
            Edit::Remove(pointer) => {
                let (parent, key) = pointer.rsplit_once('/').unwrap();
                let removed = resource
                    .pointer_mut(parent)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .remove(key);
                assert!(removed.is_some(), "{pointer} was not there");
            }
        }
    }
    resource
}

const PATIENT: &str = "Patient/example";

/// Patient-example, verbatim: male, born 1974-12-25 (51 on 2026-11-26).
pub fn patient() -> Value {
    hl7("Patient-example")
}

/// Condition-example (a burnt ear) turned into plantar fasciitis with an
/// onset 26 weeks before the as-of date.
pub fn plantar_fasciitis() -> Value {
    edited(
        hl7("Condition-example"),
        vec![
            Edit::Set("/id", json!("plantar-fasciitis")),
            Edit::Remove("/text"),
            Edit::Remove("/severity"),
            Edit::Remove("/bodySite"),
            Edit::Set(
                "/code",
                json!({
                    "coding": [
                        {"system": "http://snomed.info/sct", "code": "202882003", "display": "Plantar fasciitis"},
                        {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M72.2", "display": "Plantar fascial fibromatosis"}
                    ],
                    "text": "Plantar fasciitis"
                }),
            ),
            Edit::Set("/onsetDateTime", json!("2026-05-28")),
        ],
    )
}

/// Observation-body-temperature (36.5 Cel), re-dated to the as-of day.
pub fn normal_temperature() -> Value {
    edited(
        hl7("Observation-body-temperature"),
        vec![Edit::Set(
            "/effectiveDateTime",
            json!("2026-11-26T08:30:00Z"),
        )],
    )
}

/// Observation-f202 (39 Cel) as a valid reading of this patient today: the
/// example is `entered-in-error`, about Patient/f201, with no effective
/// time.
pub fn fever_f202() -> Value {
    edited(
        hl7("Observation-f202"),
        vec![
            Edit::Set("/status", json!("final")),
            Edit::Set("/subject", json!({"reference": PATIENT})),
            Edit::Set("/effectiveDateTime", json!("2026-11-26T09:15:00Z")),
        ],
    )
}

/// MedicationRequest-medrx0331 (warfarin, contained Medication) for this
/// patient (the example is about Patient/pat1).
pub fn warfarin() -> Value {
    edited(
        hl7("MedicationRequest-medrx0331"),
        vec![Edit::Set("/subject", json!({"reference": PATIENT}))],
    )
}

/// A completed screening response: every enabled question answered No
/// (the Ottawa examination items are not enabled after "no injury"),
/// symptoms 26 weeks, conservative care 12 weeks.
pub fn screening_response() -> Value {
    screening_response_with(&[], "2026-11-26T08:40:00Z")
}

/// As [`screening_response`], with some answers changed (`Y`, `N`,
/// `asked-unknown`, or an integer for the durations).
pub fn screening_response_with(changes: &[(&str, Value)], authored: &str) -> Value {
    let answer = |link_id: &str, default: Value| -> Option<Value> {
        let value = changes
            .iter()
            .find(|(id, _)| *id == link_id)
            .map_or(default, |(_, v)| v.clone());
        if value.is_null() {
            return None;
        }
        let answer = match &value {
            Value::Number(_) => json!({"valueInteger": value}),
            Value::String(code) if code == "asked-unknown" => json!({"valueCoding": {
                "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                "code": "asked-unknown", "display": "Don't know"}}),
            Value::String(code) => json!({"valueCoding": {
                "system": "http://terminology.hl7.org/CodeSystem/v2-0136",
                "code": code, "display": if code == "Y" { "Yes" } else { "No" }}}),
            other => other.clone(),
        };
        Some(json!({"linkId": link_id, "answer": [answer]}))
    };
    let groups = [
        ("red_flags", FindingGroup::RedFlag),
        ("ottawa", FindingGroup::OttawaComponent),
        ("contraindications", FindingGroup::Absolute),
        ("precautions", FindingGroup::Relative),
        ("injectate", FindingGroup::InjectateOnly),
        ("supporting", FindingGroup::Supporting),
    ];
    let mut items: Vec<Value> = groups
        .iter()
        .map(|(id, group)| {
            let answers: Vec<Value> = Finding::all()
                .iter()
                .filter(|f| f.group() == *group)
                .filter_map(|f| {
                    let hidden =
                        *group == FindingGroup::OttawaComponent && *f != Finding::RecentInjury;
                    answer(f.as_str(), if hidden { Value::Null } else { json!("N") })
                })
                .collect();
            json!({"linkId": id, "item": answers})
        })
        .collect();
    let durations: Vec<Value> = [
        answer("symptom_weeks", json!(26)),
        answer("conservative_care_weeks", json!(12)),
    ]
    .into_iter()
    .flatten()
    .collect();
    items.push(json!({"linkId": "durations", "item": durations}));
    json!({
        "resourceType": "QuestionnaireResponse",
        "id": "screening",
        "questionnaire": SCREENING_QUESTIONNAIRE_URL,
        "status": "completed",
        "subject": {"reference": PATIENT},
        "authored": authored,
        "item": items
    })
}

/// A collection Bundle of the resources, each with a fullUrl.
pub fn collection(resources: Vec<Value>) -> Value {
    let entries: Vec<Value> = resources
        .into_iter()
        .map(|r| {
            let url = format!(
                "https://example.org/fhir/{}/{}",
                r["resourceType"].as_str().unwrap(),
                r["id"].as_str().unwrap()
            );
            json!({"fullUrl": url, "resource": r})
        })
        .collect();
    json!({"resourceType": "Bundle", "type": "collection", "entry": entries})
}

/// A searchset Bundle of the resources.
pub fn searchset(resources: Vec<Value>) -> Value {
    let entries: Vec<Value> = resources
        .into_iter()
        .map(|r| json!({"resource": r, "search": {"mode": "match"}}))
        .collect();
    json!({"resourceType": "Bundle", "type": "searchset", "total": entries.len(), "entry": entries})
}

/// The screened patient: plantar fasciitis, a normal temperature today,
/// a complete screening response.
pub fn screened() -> Vec<Value> {
    vec![
        patient(),
        plantar_fasciitis(),
        normal_temperature(),
        screening_response(),
    ]
}

/// The composed inputs shipped in `tests/fixtures/bundles/`, by file name.
pub fn composed() -> Vec<(&'static str, Value)> {
    let with = |extra: Value| {
        let mut r = screened();
        r.push(extra);
        collection(r)
    };
    vec![
        ("plantar-fasciitis-screened.json", collection(screened())),
        ("plantar-fasciitis-fever-f202.json", with(fever_f202())),
        ("plantar-fasciitis-warfarin.json", with(warfarin())),
        (
            "plantar-fasciitis-no-observations.json",
            collection(vec![patient(), plantar_fasciitis()]),
        ),
        (
            "prefetch-warfarin.json",
            json!({
                "patient": patient(),
                "conditions": searchset(vec![plantar_fasciitis()]),
                "observations": searchset(vec![normal_temperature()]),
                "medications": searchset(vec![warfarin()]),
                "screening": searchset(vec![screening_response()]),
                "allergies": null
            }),
        ),
    ]
}

/// A composed input as shipped, by file name.
pub fn shipped(name: &str) -> String {
    let path = fixtures().join("bundles").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// An example binary of this crate, beside the test binary (`cargo test`
/// builds the examples).
pub fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin = dir.join("examples").join(name);
    assert!(
        bin.exists(),
        "{} is missing: run `cargo test -p prolo-triage-fhir` (which builds the examples)",
        bin.display()
    );
    bin
}
