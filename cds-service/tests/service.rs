//! The service over real HTTP on loopback: discovery, the FHIR fixture
//! cases end to end, the FHIR server path, 412, bad input, size and time
//! limits, JWTs, feedback, CORS and order-select.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{self, *};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use prolo_triage::{assess, Policy, Verdict};
use prolo_triage_fhir::{map_prefetch, MappingOptions};
use serde_json::{json, Map, Value};

/// What the mock FHIR server was asked, with the Authorization header.
type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

async fn post(service: &Service, path: &str, body: &Value) -> (u16, Value) {
    post_with(service, path, body.to_string(), None).await
}

async fn post_with(
    service: &Service,
    path: &str,
    body: String,
    token: Option<&str>,
) -> (u16, Value) {
    let mut r = service
        .client
        .post(service.url(path))
        .header("Content-Type", "application/json")
        .body(body);
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    let response = r.send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    };
    (status, value)
}

fn error_path(value: &Value) -> &str {
    value["error"]["path"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn discovery_lists_both_services_with_every_prefetch_template() {
    let s = start(|c| c).await;
    let response = s.client.get(s.url("/cds-services")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let d: Value = response.json().await.unwrap();
    assert_no_null_or_empty(&d);
    let services = d["services"].as_array().unwrap();
    let ids: Vec<_> = services
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["hook"].as_str().unwrap()))
        .collect();
    assert_eq!(
        ids,
        [
            ("prolo-triage", "patient-view"),
            ("prolo-triage-order-select", "order-select")
        ]
    );
    for service in services {
        for key in ["title", "description", "usageRequirements"] {
            assert!(service[key].as_str().unwrap().len() > 10, "{key}");
        }
        let prefetch = service["prefetch"].as_object().unwrap();
        let keys: Vec<_> = prefetch.keys().map(String::as_str).collect();
        for key in [
            "patient",
            "conditions",
            "temperature",
            "platelets",
            "medication_statements",
            "medication_requests",
            "allergies",
            "screening",
        ] {
            assert!(keys.contains(&key), "{key} missing");
        }
        assert_eq!(prefetch["patient"], "Patient/{{context.patientId}}");
        assert!(prefetch["temperature"]
            .as_str()
            .unwrap()
            .contains("http://loinc.org|8310-5"));
        assert!(prefetch["screening"]
            .as_str()
            .unwrap()
            .contains("QuestionnaireResponse?"));
    }
    s.stop().await;
}

/// The verdict the library gives for the same prefetch, for comparison.
fn library_verdict(prefetch: &Map<String, Value>, complete: bool) -> (Verdict, String) {
    let options = MappingOptions::new(AS_OF.parse().unwrap())
        .medication_list_complete(complete)
        .allergy_list_complete(complete);
    let mapped = map_prefetch(&Value::Object(prefetch.clone()).to_string(), &options).unwrap();
    let a = assess(mapped.presentation(), &Policy::default());
    (a.verdict, a.summary)
}

#[tokio::test]
async fn the_fhir_fixture_cases_end_to_end() {
    let s = start(|c| c).await;
    let cases = [
        (
            "plantar-fasciitis-fever-f202.json",
            Verdict::ReferUrgently,
            "critical",
        ),
        (
            "plantar-fasciitis-screened.json",
            Verdict::DiscussWithPrecautions,
            "warning",
        ),
        (
            "plantar-fasciitis-warfarin.json",
            Verdict::DiscussWithPrecautions,
            "warning",
        ),
        (
            "plantar-fasciitis-no-observations.json",
            Verdict::NeedsInformation,
            "warning",
        ),
    ];
    for (file, verdict, indicator) in cases {
        let prefetch = prefetch_of_bundle(file);
        let (want, summary) = library_verdict(&prefetch, false);
        assert_eq!(want, verdict, "{file}");
        let cards = common::cards(&s, &request(Some(prefetch))).await;
        assert_eq!(cards.len(), 1, "{file}");
        let card = &cards[0];
        assert_eq!(card["indicator"], indicator, "{file}");
        assert_eq!(card["summary"], summary.as_str(), "{file}");
        assert!(card["summary"].as_str().unwrap().chars().count() < 140);
        uuid::Uuid::parse_str(card["uuid"].as_str().unwrap()).unwrap();
        let label = card["source"]["label"].as_str().unwrap();
        assert!(
            label.starts_with("prolo-triage-cds 0.1.0 (policy literature-defaults"),
            "{label}"
        );
        assert!(label.contains("sha256:"), "{label}");
        let detail = card["detail"].as_str().unwrap();
        assert!(
            detail.starts_with(&format!("**{}.**", verdict.headline())),
            "{detail}"
        );
        assert!(detail.contains(Policy::default().fingerprint()), "{detail}");
        assert!(detail.contains("*Source: "), "{detail}");
        // Override reasons on yes-family cards only.
        let yes = verdict == Verdict::DiscussWithPrecautions;
        assert_eq!(card.get("overrideReasons").is_some(), yes, "{file}");
        if yes {
            for coding in card["overrideReasons"].as_array().unwrap() {
                assert!(coding["display"].as_str().is_some_and(|d| !d.is_empty()));
                assert!(coding["code"].as_str().is_some());
            }
        }
    }
    s.stop().await;
}

#[tokio::test]
async fn details_name_the_record_behind_each_reason_and_the_blocking_questions() {
    let s = start(|c| c).await;
    let fever = cards(
        &s,
        &request(Some(prefetch_of_bundle(
            "plantar-fasciitis-fever-f202.json",
        ))),
    )
    .await;
    let detail = fever[0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("Record: `Observation/f202` `39 Cel at 2026-11-26T09:15:00Z`"),
        "{detail}"
    );
    let unknown = cards(
        &s,
        &request(Some(prefetch_of_bundle(
            "plantar-fasciitis-no-observations.json",
        ))),
    )
    .await;
    let detail = unknown[0]["detail"].as_str().unwrap();
    assert!(detail.contains("**To ask before deciding**"), "{detail}");
    assert!(detail.contains("(`fever`)"), "{detail}");
    s.stop().await;
}

#[tokio::test]
async fn complete_lists_from_the_config_make_the_screened_case_discuss() {
    let s = start(|mut c| {
        c.medication_list_complete = true;
        c.allergy_list_complete = true;
        c
    })
    .await;
    let prefetch = prefetch_of_bundle("plantar-fasciitis-screened.json");
    assert_eq!(library_verdict(&prefetch, true).0, Verdict::Discuss);
    let cards = common::cards(&s, &request(Some(prefetch))).await;
    assert_eq!(cards[0]["indicator"], "info");
    assert!(cards[0]["overrideReasons"].as_array().unwrap().len() == 3);
    s.stop().await;
}

#[tokio::test]
async fn a_key_not_prefetched_voids_a_complete_list_and_is_named() {
    let s = start(|mut c| {
        c.medication_list_complete = true;
        c.allergy_list_complete = true;
        c
    })
    .await;
    let mut prefetch = prefetch_of_bundle("plantar-fasciitis-screened.json");
    prefetch.remove("medication_requests");
    let cards = common::cards(&s, &request(Some(prefetch))).await;
    // The list can no longer be trusted to be complete: precautions open.
    assert_eq!(cards[0]["indicator"], "warning");
    let detail = cards[0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("**Not available from the EHR**"),
        "{detail}"
    );
    assert!(
        detail.contains("- `medication_requests`: `not prefetched"),
        "{detail}"
    );
    s.stop().await;
}

#[tokio::test]
async fn no_foot_condition_no_card() {
    let s = start(|c| c).await;
    let mut prefetch = prefetch_of_bundle("plantar-fasciitis-fever-f202.json");
    prefetch.insert("conditions".into(), Value::Null);
    let (status, value) = post(&s, SERVICE, &request(Some(prefetch))).await;
    assert_eq!(status, 200);
    assert_eq!(value, json!({"cards": []}));
    assert_no_null_or_empty(&value);
    s.stop().await;
}

/// The prefetch of a patient who answered the intake (pain under the
/// heel, first-step pain, numbness in the sole), with `conditions` as
/// given.
fn intake_prefetch(conditions: Vec<Value>) -> Map<String, Value> {
    let code = |c: &str| json!([{"valueCoding": {"code": c}}]);
    let intake = json!({
        "resourceType": "QuestionnaireResponse", "id": "intake1",
        "questionnaire": prolo_triage_fhir::INTAKE_QUESTIONNAIRE_URL,
        "status": "completed", "authored": "2026-11-26T08:00:00Z",
        "subject": {"reference": "Patient/example"},
        "item": [
            {"linkId": "fever", "answer": code("N")},
            {"linkId": "where_it_hurts", "answer": code("pain_under_heel")},
            {"linkId": "first_step_pain", "answer": code("Y")},
            {"linkId": "numbness_heel_or_sole", "answer": code("Y")}
        ]
    });
    let patient = json!({"resourceType": "Patient", "id": "example", "birthDate": "1975-05-02"});
    prefetch_of_resources([patient, intake].into_iter().chain(conditions))
}

#[tokio::test]
async fn intake_answers_without_a_diagnosis_give_a_card_with_the_candidates() {
    let s = start(|c| c).await;
    let (status, value) = post(&s, SERVICE, &request(Some(intake_prefetch(Vec::new())))).await;
    assert_eq!(status, 200);
    assert_no_null_or_empty(&value);
    let cards = value["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 1, "{value}");
    let detail = cards[0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("**Candidate conditions** (from the patient's intake answers"),
        "{detail}"
    );
    assert!(detail.contains("- plantar fasciitis: likely"), "{detail}");
    assert!(
        detail.contains("(key, patient, reported by the patient; "),
        "{detail}"
    );
    assert!(
        detail.contains("**Mimics to exclude before any injection**"),
        "{detail}"
    );
    assert!(detail.to_lowercase().contains("tarsal tunnel"), "{detail}");
    // Bands in words, never a chance.
    for line in detail
        .lines()
        .filter(|l| l.starts_with("- ") && l.contains(": likely"))
    {
        assert!(!line.contains('%'), "{line}");
    }
    s.stop().await;
}

#[tokio::test]
async fn a_recorded_diagnosis_leaves_the_candidates_out() {
    let s = start(|c| c).await;
    let condition = json!({"resourceType": "Condition", "id": "pf",
        "subject": {"reference": "Patient/example"},
        "clinicalStatus": {"coding": [{"code": "active"}]},
        "code": {"coding": [{"system": "http://snomed.info/sct", "code": "202882003"}]}});
    let (status, value) = post(
        &s,
        SERVICE,
        &request(Some(intake_prefetch(vec![condition]))),
    )
    .await;
    assert_eq!(status, 200);
    let cards = value["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 1, "{value}");
    let detail = cards[0]["detail"].as_str().unwrap();
    assert!(!detail.contains("Candidate conditions"), "{detail}");
    s.stop().await;
}

#[tokio::test]
async fn data_that_cannot_be_had_is_412() {
    let s = start(|c| c).await;
    // No prefetch and no FHIR server.
    let (status, value) = post(&s, SERVICE, &request(None)).await;
    assert_eq!(status, 412, "{value}");
    assert_eq!(value["error"]["kind"], "precondition_failed");
    assert!(
        value["error"]["message"]
            .as_str()
            .unwrap()
            .contains("prefetch.patient"),
        "{value}"
    );
    // The Patient is null.
    let mut prefetch = prefetch_of_bundle("plantar-fasciitis-screened.json");
    prefetch.insert("patient".into(), Value::Null);
    assert_eq!(post(&s, SERVICE, &request(Some(prefetch))).await.0, 412);
    // Conditions not prefetched.
    let mut prefetch = prefetch_of_bundle("plantar-fasciitis-screened.json");
    prefetch.remove("conditions");
    let (status, value) = post(&s, SERVICE, &request(Some(prefetch))).await;
    assert_eq!(status, 412);
    assert!(
        value["error"]["message"]
            .as_str()
            .unwrap()
            .contains("prefetch.conditions"),
        "{value}"
    );
    s.stop().await;
}

#[tokio::test]
async fn bad_requests_are_400_naming_the_field() {
    let s = start(|c| c).await;
    let (status, value) = post_with(&s, SERVICE, "{\"hook\": ".into(), None).await;
    assert_eq!(
        (status, value["error"]["kind"].as_str()),
        (400, Some("syntax")),
        "{value}"
    );
    assert_eq!(error_path(&value), "document");

    let mut body = request(None);
    body["context"]["patientId"] = json!(42);
    let (status, value) = post(&s, SERVICE, &body).await;
    assert_eq!(
        (status, error_path(&value)),
        (400, "context.patientId"),
        "{value}"
    );

    let mut body = request(None);
    body.as_object_mut().unwrap().remove("hookInstance");
    let (status, value) = post(&s, SERVICE, &body).await;
    assert_eq!(
        (status, error_path(&value)),
        (400, "hookInstance"),
        "{value}"
    );
    assert!(
        value["error"]["message"]
            .as_str()
            .unwrap()
            .contains("hookInstance"),
        "{value}"
    );

    let mut body = request(None);
    body["context"] = json!("patient");
    let (status, value) = post(&s, SERVICE, &body).await;
    assert_eq!((status, error_path(&value)), (400, "context"), "{value}");

    let mut body = request(Some(prefetch_of_bundle("plantar-fasciitis-screened.json")));
    body["prefetch"]["patient"]["id"] = json!("someone-else");
    let (status, value) = post(&s, SERVICE, &body).await;
    assert_eq!(
        (status, error_path(&value)),
        (400, "prefetch.patient.id"),
        "{value}"
    );

    let mut body = request(Some(prefetch_of_bundle("plantar-fasciitis-screened.json")));
    body["prefetch"]["conditions"] = json!("Condition/1");
    let (status, value) = post(&s, SERVICE, &body).await;
    assert_eq!(
        status, 200,
        "a malformed optional key is reported, not fatal: {value}"
    );

    let response = s.client.get(s.url(SERVICE)).send().await.unwrap();
    assert_eq!(response.status(), 405);
    let value: Value = response.json().await.unwrap();
    assert_eq!(value["error"]["kind"], "method_not_allowed");

    let (status, value) = post(&s, "/cds-services/nope", &request(None)).await;
    assert_eq!(
        (status, value["error"]["kind"].as_str()),
        (404, Some("not_found"))
    );
    s.stop().await;
}

#[tokio::test]
async fn oversize_bodies_are_413_with_json() {
    let s = start(|mut c| {
        c.body_limit = 4096;
        c
    })
    .await;
    let mut body = request(Some(prefetch_of_bundle("plantar-fasciitis-screened.json")));
    body["padding"] = json!("x".repeat(5000));
    let (status, value) = post(&s, SERVICE, &body).await;
    assert_eq!(status, 413, "{value}");
    assert_eq!(value["error"]["kind"], "too_large");
    s.stop().await;
}

#[tokio::test]
async fn health_answers() {
    let s = start(|c| c).await;
    let v: Value = s
        .client
        .get(s.url("/health"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["status"], "ok");
    s.stop().await;
}

// --- JWT -------------------------------------------------------------------

async fn call_with_token(s: &Service, token: &str) -> (u16, Value) {
    let body = request(Some(prefetch_of_bundle("plantar-fasciitis-screened.json")));
    post_with(s, SERVICE, body.to_string(), Some(token)).await
}

#[tokio::test]
async fn jwt_valid_expired_wrong_audience_unknown_issuer_and_replayed() {
    let s = start(with_jwt).await;
    let aud = s.url(SERVICE);

    let es = token(Algorithm::ES384, "es", &es384(), &claims(&aud, "jti-1"));
    assert_eq!(call_with_token(&s, &es).await.0, 200);
    let rs = token(Algorithm::RS384, "rs", &rs384(), &claims(&aud, "jti-2"));
    assert_eq!(call_with_token(&s, &rs).await.0, 200);

    let refused = |(status, value): (u16, Value), why: &str| {
        assert_eq!(status, 401, "{value}");
        let message = value["error"]["message"].as_str().unwrap().to_owned();
        assert!(message.contains(why), "{message} should say {why}");
    };
    // Replayed.
    refused(call_with_token(&s, &es).await, "already used");
    // Expired.
    let mut c = claims(&aud, "jti-3");
    c["exp"] = json!(now() - 120);
    c["iat"] = json!(now() - 300);
    refused(
        call_with_token(&s, &token(Algorithm::ES384, "es", &es384(), &c)).await,
        "expired",
    );
    // Wrong audience.
    let c = claims(
        "https://elsewhere.example.org/cds-services/prolo-triage",
        "jti-4",
    );
    refused(
        call_with_token(&s, &token(Algorithm::ES384, "es", &es384(), &c)).await,
        "aud",
    );
    // Unknown issuer.
    let mut c = claims(&aud, "jti-5");
    c["iss"] = json!("https://stranger.example.org");
    refused(
        call_with_token(&s, &token(Algorithm::ES384, "es", &es384(), &c)).await,
        "not trusted",
    );
    // Signed with a key the issuer does not hold.
    refused(
        call_with_token(
            &s,
            &token(
                Algorithm::ES384,
                "es",
                &other_es384(),
                &claims(&aud, "jti-6"),
            ),
        )
        .await,
        "signature",
    );
    // An algorithm CDS Hooks does not allow.
    let hs = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims(&aud, "jti-7"),
        &EncodingKey::from_secret(b"s"),
    )
    .unwrap();
    refused(call_with_token(&s, &hs).await, "HS256");
    // Living longer than the replay window.
    let mut c = claims(&aud, "jti-8");
    c["exp"] = json!(now() + 3600);
    refused(
        call_with_token(&s, &token(Algorithm::ES384, "es", &es384(), &c)).await,
        "longer than",
    );
    // No jti, no iat.
    for claim in ["jti", "iat"] {
        let mut c = claims(&aud, &format!("no-{claim}"));
        c.as_object_mut().unwrap().remove(claim);
        refused(
            call_with_token(&s, &token(Algorithm::ES384, "es", &es384(), &c)).await,
            &format!("missing field `{claim}`"),
        );
    }
    // Issued in the future.
    let mut c = claims(&aud, "jti-10");
    c["iat"] = json!(now() + 600);
    c["exp"] = json!(now() + 700);
    refused(
        call_with_token(&s, &token(Algorithm::ES384, "es", &es384(), &c)).await,
        "future",
    );
    // A kid the issuer does not have; an RS384 header naming the EC key.
    refused(
        call_with_token(
            &s,
            &token(Algorithm::ES384, "nope", &es384(), &claims(&aud, "jti-11")),
        )
        .await,
        "no key",
    );
    refused(
        call_with_token(
            &s,
            &token(Algorithm::RS384, "es", &rs384(), &claims(&aud, "jti-12")),
        )
        .await,
        "no key",
    );
    // The audience with a trailing slash is the same service.
    let slash = token(
        Algorithm::ES384,
        "es",
        &es384(),
        &claims(&format!("{aud}/"), "jti-13"),
    );
    assert_eq!(call_with_token(&s, &slash).await.0, 200);
    // No token at all, and the header says how to authenticate.
    let response = s
        .client
        .post(s.url(SERVICE))
        .body(request(None).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert!(response.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .starts_with("Bearer"));
    // The token for one service does not open the other.
    let other = token(Algorithm::ES384, "es", &es384(), &claims(&aud, "jti-9"));
    let (status, _) = post_with(
        &s,
        "/cds-services/prolo-triage-order-select",
        order_select(vec![], "ServiceRequest/x").to_string(),
        Some(&other),
    )
    .await;
    assert_eq!(status, 401);
    // Discovery stays open: it holds no patient data.
    assert_eq!(
        s.client
            .get(s.url("/cds-services"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    s.stop().await;
}

// --- Feedback -----------------------------------------------------------------

#[tokio::test]
async fn feedback_is_checked_and_accepted() {
    let s = start(with_jwt).await;
    let path = "/cds-services/prolo-triage/feedback";
    let aud = s.url(SERVICE);
    let body = json!({"feedback": [{
        "card": "ec5c4d5a-9a6c-4d5b-8f0e-1d8f64b5c2a1", "outcome": "overridden",
        "overrideReason": {"reason": {"system": "urn:prolo-triage:cds:override-reason", "code": "patient-declines",
                                      "display": "Patient does not want to discuss prolotherapy"},
                           "userComment": "wants to wait"},
        "outcomeTimestamp": "2026-11-26T10:00:00Z"}]});
    let t = token(Algorithm::ES384, "es", &es384(), &claims(&aud, "fb-1"));
    let (status, value) = post_with(&s, path, body.to_string(), Some(&t)).await;
    assert_eq!(status, 200, "{value}");
    // Without a token: refused.
    assert_eq!(post_with(&s, path, body.to_string(), None).await.0, 401);
    // A bad field is named.
    let mut bad = body.clone();
    bad["feedback"][0]["outcome"] = json!("ignored");
    // A token whose aud is the feedback URL itself is accepted too.
    let t = token(
        Algorithm::ES384,
        "es",
        &es384(),
        &claims(&s.url(path), "fb-3"),
    );
    assert_eq!(post_with(&s, path, body.to_string(), Some(&t)).await.0, 200);
    let t = token(Algorithm::ES384, "es", &es384(), &claims(&aud, "fb-2"));
    let (status, value) = post_with(&s, path, bad.to_string(), Some(&t)).await;
    assert_eq!(
        (status, error_path(&value)),
        (400, "feedback[0].outcome"),
        "{value}"
    );
    s.stop().await;
}

// --- CORS ---------------------------------------------------------------------

#[tokio::test]
async fn cors_answers_configured_origins_only() {
    let s = start(|mut c| {
        c.allowed_origins = vec!["https://ehr.example.org".into()];
        c
    })
    .await;
    let preflight = |origin: &'static str| {
        s.client
            .request(reqwest::Method::OPTIONS, s.url(SERVICE))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "authorization,content-type",
            )
            .send()
    };
    let ok = preflight("https://ehr.example.org").await.unwrap();
    assert_eq!(
        ok.headers()["access-control-allow-origin"],
        "https://ehr.example.org"
    );
    let other = preflight("https://evil.example.org").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
    s.stop().await;
}

// --- Time limit ---------------------------------------------------------------

#[tokio::test]
async fn a_slow_fhir_server_gives_412_in_bounded_time_and_a_slow_request_503() {
    let fhir = MockFhir::start(
        "plantar-fasciitis-fever-f202.json",
        Duration::from_secs(3),
        None,
    )
    .await;
    // FHIR reads time out first: the data cannot be had.
    let s = start(|mut c| {
        c.fhir_servers = vec![fhir.base.clone()];
        c.fhir_timeout = Duration::from_millis(300);
        c
    })
    .await;
    let started = Instant::now();
    let (status, value) = post(&s, SERVICE, &fhir.request(None)).await;
    assert_eq!(status, 412, "{value}");
    assert!(
        value["error"]["message"]
            .as_str()
            .unwrap()
            .contains("in time"),
        "{value}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    s.stop().await;
    // The whole request's limit is shorter than the FHIR reads'.
    let s = start(|mut c| {
        c.fhir_servers = vec![fhir.base.clone()];
        c.fhir_timeout = Duration::from_secs(10);
        c.request_timeout = Duration::from_millis(300);
        c
    })
    .await;
    let (status, value) = post(&s, SERVICE, &fhir.request(None)).await;
    assert_eq!(
        (status, value["error"]["kind"].as_str()),
        (503, Some("timeout")),
        "{value}"
    );
    s.stop().await;
}

// --- Reading from the FHIR server --------------------------------------------

/// A FHIR server serving one fixture Bundle's resources by type, checking
/// the bearer token, optionally slow or failing one resource type.
struct MockFhir {
    base: String,
    seen: Seen,
}

#[derive(Clone)]
struct MockState {
    resources: Arc<Vec<Value>>,
    delay: Duration,
    fail: Option<&'static str>,
    seen: Seen,
}

const FHIR_TOKEN: &str = "fhir-access-token";

impl MockFhir {
    async fn start(bundle: &str, delay: Duration, fail: Option<&'static str>) -> MockFhir {
        let path = fhir_fixtures().join("bundles").join(bundle);
        let b: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let resources = b["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["resource"].clone())
            .collect();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let state = MockState {
            resources: Arc::new(resources),
            delay,
            fail,
            seen: seen.clone(),
        };
        let app = axum::Router::new().fallback(mock_fhir).with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}/r4", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        MockFhir { base, seen }
    }

    fn request(&self, prefetch: Option<Map<String, Value>>) -> Value {
        let mut r = request(prefetch);
        r["fhirServer"] = json!(self.base);
        r["fhirAuthorization"] = json!({"access_token": FHIR_TOKEN, "token_type": "Bearer",
            "expires_in": 300, "scope": "patient/*.read", "subject": "cds-service"});
        r
    }
}

async fn mock_fhir(State(state): State<MockState>, request: Request) -> axum::response::Response {
    let auth = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let uri = request.uri().clone();
    state
        .seen
        .lock()
        .unwrap()
        .push((uri.to_string(), auth.clone()));
    tokio::time::sleep(state.delay).await;
    if auth.as_deref() != Some(&format!("Bearer {FHIR_TOKEN}")) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let path = uri.path().trim_start_matches("/r4/");
    let query = uri.query().unwrap_or_default().replace("%7C", "|");
    let kind = path.split('/').next().unwrap_or_default();
    if state.fail == Some(kind) {
        return (StatusCode::INTERNAL_SERVER_ERROR, "boom").into_response();
    }
    if let Some(id) = path.strip_prefix("Patient/") {
        return match state
            .resources
            .iter()
            .find(|r| r["resourceType"] == "Patient" && r["id"] == id)
        {
            Some(p) => axum::Json(p.clone()).into_response(),
            None => StatusCode::NOT_FOUND.into_response(),
        };
    }
    let matching: Vec<Value> = state
        .resources
        .iter()
        .filter(|r| r["resourceType"] == kind)
        .filter(|r| {
            kind != "Observation"
                || r["code"]["coding"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| query.contains(&format!("|{}", c["code"].as_str().unwrap_or("?"))))
        })
        .map(|r| json!({"resource": r}))
        .collect();
    axum::Json(json!({"resourceType": "Bundle", "type": "searchset", "total": matching.len(), "entry": matching})).into_response()
}

#[tokio::test]
async fn without_prefetch_the_record_is_read_from_the_fhir_server_with_the_token() {
    let fhir = MockFhir::start("plantar-fasciitis-fever-f202.json", Duration::ZERO, None).await;
    let s = start(|mut c| {
        c.fhir_servers = vec![format!("{}/", fhir.base)];
        c
    })
    .await;
    let cards = common::cards(&s, &fhir.request(None)).await;
    assert_eq!(
        cards[0]["indicator"],
        "critical",
        "{}\n{:?}",
        cards[0]["detail"],
        fhir.seen.lock().unwrap()
    );
    let seen = fhir.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 8, "{seen:?}");
    assert!(seen
        .iter()
        .all(|(_, auth)| auth.as_deref() == Some("Bearer fhir-access-token")));
    assert!(seen.iter().any(|(uri, _)| uri == "/r4/Patient/example"));
    assert!(seen.iter().any(|(uri, _)| uri
        .starts_with("/r4/Observation?patient=example&code=http://loinc.org")
        && uri.contains("8310-5")));

    // Only what is missing is read.
    let mut prefetch = prefetch_of_bundle("plantar-fasciitis-fever-f202.json");
    prefetch.remove("temperature");
    fhir.seen.lock().unwrap().clear();
    let cards = common::cards(&s, &fhir.request(Some(prefetch))).await;
    assert_eq!(cards[0]["indicator"], "critical");
    let seen = fhir.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1, "{seen:?}");
    s.stop().await;
}

#[tokio::test]
async fn a_failing_fhir_server_is_412_for_what_is_needed_and_unknown_for_the_rest() {
    let conditions_fail = MockFhir::start(
        "plantar-fasciitis-fever-f202.json",
        Duration::ZERO,
        Some("Condition"),
    )
    .await;
    let observations_fail = MockFhir::start(
        "plantar-fasciitis-fever-f202.json",
        Duration::ZERO,
        Some("Observation"),
    )
    .await;
    let s = start(|mut c| {
        c.fhir_servers = vec![conditions_fail.base.clone(), observations_fail.base.clone()];
        c
    })
    .await;
    let fhir = conditions_fail;
    let (status, value) = post(&s, SERVICE, &fhir.request(None)).await;
    assert_eq!(status, 412, "{value}");
    assert!(
        value["error"]["message"].as_str().unwrap().contains("500"),
        "{value}"
    );

    let cards = common::cards(&s, &observations_fail.request(None)).await;
    // The fever reading could not be read: unknown, so the red flags are
    // not screened and the card asks.
    assert_eq!(cards[0]["indicator"], "warning");
    let detail = cards[0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("- `temperature`: `the FHIR server answered 500"),
        "{detail}"
    );
    s.stop().await;
}

// --- order-select -------------------------------------------------------------

fn order_select(orders: Vec<Value>, selected: &str) -> Value {
    let mut r = request(Some(prefetch_of_bundle("plantar-fasciitis-screened.json")));
    r["hook"] = json!("order-select");
    r["context"]["selections"] = json!([selected]);
    r["context"]["draftOrders"] = json!({"resourceType": "Bundle", "type": "collection",
        "entry": orders.into_iter().map(|o| json!({"resource": o})).collect::<Vec<_>>()});
    r
}

#[tokio::test]
async fn order_select_cards_only_for_a_selected_foot_order() {
    let s = start(|c| c).await;
    let path = "/cds-services/prolo-triage-order-select";
    let referral = json!({"resourceType": "ServiceRequest", "id": "ref-1", "status": "draft", "intent": "proposal",
        "subject": {"reference": "Patient/example"},
        "reasonReference": [{"reference": "Condition/plantar-fasciitis"}]});
    let lab = json!({"resourceType": "ServiceRequest", "id": "lab-1", "status": "draft", "intent": "order",
        "subject": {"reference": "Patient/example"},
        "reasonCode": [{"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "E11.9"}]}]});
    let (status, value) = post(
        &s,
        path,
        &order_select(vec![referral.clone(), lab.clone()], "ServiceRequest/ref-1"),
    )
    .await;
    assert_eq!(status, 200, "{value}");
    assert_no_null_or_empty(&value);
    assert_eq!(value["cards"].as_array().unwrap().len(), 1);
    assert_eq!(value["cards"][0]["indicator"], "warning");
    let (_, value) = post(
        &s,
        path,
        &order_select(vec![referral, lab], "ServiceRequest/lab-1"),
    )
    .await;
    assert_eq!(value, json!({"cards": []}));
    // A patient-view request sent to the order-select service is refused.
    let (status, value) = post(&s, path, &request(None)).await;
    assert_eq!((status, error_path(&value)), (400, "hook"));
    s.stop().await;
}

// --- Shipped files --------------------------------------------------------------

/// The example config's JWKS holds the test issuer's public keys (the
/// private halves are in `tests/fixtures/keys`). Regenerate with
/// `PROLO_REGENERATE=1 cargo test -p prolo-triage-cds --test integration
/// service::the_example_jwks`.
#[test]
fn the_example_jwks_is_the_test_issuers() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/test-issuer-jwks.json");
    let want: Value = serde_json::from_str(&jwks()).unwrap();
    if std::env::var_os("PROLO_REGENERATE").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&want).unwrap() + "\n").unwrap();
    }
    let got: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(got, want, "regenerate with PROLO_REGENERATE=1");
}

#[test]
fn the_example_config_reads_and_its_issuer_loads() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let file = prolo_triage_cds::config::read_config(&dir.join("config.toml")).unwrap();
    let (issuers, skipped) = prolo_triage_cds::config::load_issuers(
        &file.issuers,
        &dir,
        prolo_triage_cds::config::JwksSettings::default(),
    )
    .unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(issuers.len(), 1);
    assert_eq!(issuers[0].iss(), ISSUER);
}

#[tokio::test]
async fn the_service_reads_only_configured_fhir_servers_and_only_with_a_token() {
    let fhir = MockFhir::start("plantar-fasciitis-fever-f202.json", Duration::ZERO, None).await;
    // Not configured: not contacted, so the data cannot be had.
    let s = start(|c| c).await;
    let (status, value) = post(&s, SERVICE, &fhir.request(None)).await;
    assert_eq!(status, 412, "{value}");
    assert!(
        value["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not one this service is configured to read"),
        "{value}"
    );
    assert!(fhir.seen.lock().unwrap().is_empty());
    s.stop().await;
    // Configured, but no fhirAuthorization: not contacted either.
    let s = start(|mut c| {
        c.fhir_servers = vec![fhir.base.clone()];
        c
    })
    .await;
    let mut body = fhir.request(None);
    body.as_object_mut().unwrap().remove("fhirAuthorization");
    let (status, value) = post(&s, SERVICE, &body).await;
    assert_eq!(status, 412, "{value}");
    assert!(fhir.seen.lock().unwrap().is_empty());
    // A base URL with a query or a user is refused outright.
    for bad in [
        format!("{}?x=1", fhir.base),
        fhir.base.replace("http://", "http://user@"),
    ] {
        let mut body = fhir.request(None);
        body["fhirServer"] = json!(bad);
        let (status, value) = post(&s, SERVICE, &body).await;
        assert_eq!((status, error_path(&value)), (400, "fhirServer"), "{value}");
    }
    s.stop().await;
}

#[tokio::test]
async fn redirects_from_the_fhir_server_are_not_followed() {
    // The other host, which must never see the token.
    let elsewhere =
        MockFhir::start("plantar-fasciitis-fever-f202.json", Duration::ZERO, None).await;
    let target = elsewhere.base.clone();
    let app = axum::Router::new().fallback(move |request: Request| {
        let target = target.clone();
        async move {
            let location = format!("{target}{}", request.uri().path().trim_start_matches("/r4"));
            (StatusCode::FOUND, [("location", location)]).into_response()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/r4", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let s = start(|mut c| {
        c.fhir_servers = vec![base.clone()];
        c
    })
    .await;
    let mut body = elsewhere.request(None);
    body["fhirServer"] = json!(base);
    let (status, value) = post(&s, SERVICE, &body).await;
    assert_eq!(status, 412, "{value}");
    assert!(
        value["error"]["message"].as_str().unwrap().contains("302"),
        "{value}"
    );
    assert!(
        elsewhere.seen.lock().unwrap().is_empty(),
        "the redirect was followed"
    );
    s.stop().await;
}

#[tokio::test]
async fn cards_carry_the_configured_documentation_url_and_the_topic() {
    let prefetch = prefetch_of_bundle("plantar-fasciitis-fever-f202.json");
    let s = start(|mut c| {
        c.docs_url = Some("https://clinic.example.org/prolotherapy".into());
        c
    })
    .await;
    let cards = common::cards(&s, &request(Some(prefetch.clone()))).await;
    let source = &cards[0]["source"];
    assert_eq!(source["url"], "https://clinic.example.org/prolotherapy");
    assert_eq!(
        source["topic"],
        json!({"system": "urn:prolo-triage:cds:topic", "code": "prolotherapy-triage",
               "display": "Prolotherapy triage for foot problems"})
    );
    s.stop().await;
    // Without a documentation URL the source links to the intervention's
    // source attributes (HTI-1), which the service serves.
    let s = start(|c| c).await;
    let cards = common::cards(&s, &request(Some(prefetch))).await;
    let url = cards[0]["source"]["url"].as_str().unwrap().to_owned();
    assert_eq!(url, s.url("/v1/source-attributes"));
    assert_eq!(cards[0]["source"]["topic"]["code"], "prolotherapy-triage");
    let attributes: Value =
        serde_json::from_str(&s.get_text("/v1/source-attributes").await).unwrap();
    assert_eq!(attributes["regulation"], "45 CFR 170.315(b)(11)(iv)(A)");
    s.stop().await;
}
