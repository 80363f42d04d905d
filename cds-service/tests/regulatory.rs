//! The regulatory routes over real HTTP on loopback: the source attributes
//! (ONC HTI-1) under each policy and their links from discovery and the
//! cards, and the feedback export as JSON Lines and CSV.

use crate::common::*;
use jsonwebtoken::Algorithm;
use prolo_triage::{source_attributes, Attribution, Date, Policy};
use serde_json::{json, Value};

/// A clinic's policy with its own source attributes.
fn attributed() -> Policy {
    let attribution = Attribution::default()
        .with_developer("Riverside Podiatry clinical governance")
        .unwrap()
        .with_dates(Date::new(2026, 12, 1), Date::new(2026, 12, 7))
        .unwrap();
    Policy::builder("riverside", "2026-12")
        .attribution(attribution)
        .build()
        .unwrap()
}

async fn get(s: &Service, path: &str, token: Option<&str>) -> (u16, String, String) {
    let mut request = s.client.get(s.url(path));
    if let Some(t) = token {
        request = request.bearer_auth(t);
    }
    let r = request.send().await.unwrap();
    let status = r.status().as_u16();
    let content_type = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, content_type, r.text().await.unwrap())
}

#[tokio::test]
async fn source_attributes_are_served_per_policy_and_linked_from_discovery() {
    let s = start(|mut c| {
        c.policies.insert("riverside".into(), attributed());
        with_jwt(c)
    })
    .await;
    // Open, as discovery is: they hold no patient data.
    let (status, content_type, text) = get(&s, "/v1/source-attributes", None).await;
    assert_eq!((status, content_type.as_str()), (200, "application/json"));
    assert_eq!(text, source_attributes(&Policy::default()).to_json());

    let (status, _, text) = get(&s, "/v1/source-attributes?policy=riverside", None).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(text, source_attributes(&attributed()).to_json());
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["policy_attribution"],
        json!({"developer": "Riverside Podiatry clinical governance",
               "release_date": "2026-12-01", "revision_date": "2026-12-07"})
    );
    assert_eq!(v["policy_fingerprint"], attributed().fingerprint());
    let sex = v["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["attribute"] == "sex")
        .unwrap();
    assert_eq!(sex["used"], true);
    assert_eq!(sex["rules"], json!(["precaution.pregnancy"]));

    let (status, content_type, text) = get(&s, "/v1/source-attributes?policy=nope", None).await;
    assert_eq!(
        (status, content_type.as_str()),
        (400, "application/problem+json")
    );
    assert!(text.contains("nope"), "{text}");

    let discovery: Value = serde_json::from_str(&get(&s, "/cds-services", None).await.2).unwrap();
    for service in discovery["services"].as_array().unwrap() {
        assert_eq!(
            service["extension"]["source-attributes"],
            s.url("/v1/source-attributes"),
            "{service}"
        );
    }
    s.stop().await;
}

/// A hook request whose context names the user and the encounter.
fn hook_request() -> Value {
    let mut r = request(Some(prefetch_of_bundle(
        "plantar-fasciitis-fever-f202.json",
    )));
    r["context"]["encounterId"] = json!("Encounter/e-42");
    r["fhirServer"] = json!("https://ehr.example.org/fhir");
    r
}

async fn post_feedback(s: &Service, body: &Value, token: Option<&str>) -> u16 {
    let mut request = s
        .client
        .post(s.url("/cds-services/prolo-triage/feedback"))
        .json(body);
    if let Some(t) = token {
        request = request.bearer_auth(t);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn feedback_is_exported_as_json_lines_and_csv_with_user_and_place() {
    let s = start(|c| c).await;
    let cards = cards(&s, &hook_request()).await;
    let card = cards[0]["uuid"].as_str().unwrap().to_owned();
    let body = json!({"feedback": [
        {"card": card, "outcome": "overridden",
         "overrideReason": {"reason": {"system": "urn:prolo-triage:cds:override-reason",
                                       "code": "patient-declines",
                                       "display": "Patient does not want to discuss prolotherapy"},
                            "userComment": "wants to wait, \"after the holidays\""},
         "outcomeTimestamp": "2026-11-26T10:00:00Z"},
        {"card": "4a3ef1c0-5b7e-4f8e-9d41-0c2b8f2d7a11", "outcome": "accepted",
         "acceptedSuggestions": [], "outcomeTimestamp": "2026-11-26T10:05:00Z"}
    ]});
    assert_eq!(post_feedback(&s, &body, None).await, 200);

    let (status, content_type, jsonl) = get(&s, "/v1/feedback", None).await;
    assert_eq!((status, content_type.as_str()), (200, "application/jsonl"));
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{jsonl}");
    let first = &lines[0];
    assert_eq!(first["intervention"], "prolo-triage");
    assert_eq!(first["card"], card);
    assert_eq!(first["outcome"], "overridden");
    assert_eq!(first["override_reason_code"], "patient-declines");
    assert_eq!(
        first["user_comment"],
        "wants to wait, \"after the holidays\""
    );
    assert_eq!(first["user"], "Practitioner/example");
    assert_eq!(first["encounter"], "Encounter/e-42");
    assert_eq!(first["fhir_server"], "https://ehr.example.org/fhir");
    assert_eq!(first["outcome_timestamp"], "2026-11-26T10:00:00Z");
    // A card the service does not remember has no user or place.
    assert_eq!(lines[1]["outcome"], "accepted");
    assert_eq!(lines[1]["user"], Value::Null);

    let (status, content_type, text) = get(&s, "/v1/feedback?format=csv", None).await;
    assert_eq!(
        (status, content_type.as_str()),
        (200, "text/csv; charset=utf-8")
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, prolo_triage_cds::feedback::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    // Each CSV row says what the JSON line says, quoting undone.
    for (row, line) in rows.iter().zip(&lines) {
        for (column, cell) in header.iter().zip(row.iter()) {
            let expected = match &line[column] {
                Value::Null => String::new(),
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            assert_eq!(cell, expected, "{column}");
        }
    }

    let (status, content_type, text) = get(&s, "/v1/feedback?format=xml", None).await;
    assert_eq!(
        (status, content_type.as_str()),
        (400, "application/problem+json")
    );
    assert!(text.contains("\"format\""), "{text}");
    s.stop().await;
}

#[tokio::test]
async fn the_feedback_export_needs_a_token() {
    let s = start(with_jwt).await;
    assert_eq!(get(&s, "/v1/feedback", None).await.0, 401);
    let t = token(
        Algorithm::ES384,
        "es",
        &es384(),
        &claims(&format!("{}/v1", s.base), "fx-1"),
    );
    let (status, _, text) = get(&s, "/v1/feedback", Some(&t)).await;
    assert_eq!((status, text.as_str()), (200, ""));
    s.stop().await;
}
