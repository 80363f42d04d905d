//! The REST API over real HTTP on loopback: the assessment exactly as the
//! library writes it, named policies, the FHIR route against the library's
//! own mapping, the Questionnaire, the handout by `Accept`, the policies,
//! problem documents naming the field, limits, JWTs, metrics and the
//! OpenAPI document.

use std::path::PathBuf;
use std::time::Duration;

use crate::common::*;
use jsonwebtoken::Algorithm;
use prolo_triage::{assess, assess_json, Policy};
use prolo_triage_fhir::{map_bundle, map_prefetch, MappingOptions};
use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A policy with the clinic's details, as `examples/policies/` ships it.
fn riverside() -> Policy {
    Policy::from_json(
        &std::fs::read_to_string(root().join("examples/policies/riverside-podiatry.json")).unwrap(),
    )
    .unwrap()
}

fn strict() -> Policy {
    Policy::from_json(
        r#"{"name": "strict", "version": "1", "classification": {"medications.anticoagulant": "absolute"}}"#,
    )
    .unwrap()
}

struct Answer {
    status: u16,
    content_type: String,
    text: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("{e}: {}", self.text))
    }

    /// Asserts an RFC 9457 problem document of this status naming `path`.
    fn problem(&self, status: u16, path: &str) -> Value {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(
            self.content_type, "application/problem+json",
            "{}",
            self.text
        );
        let p = self.json();
        assert_eq!(p["status"], status);
        assert_eq!(p["path"], path, "{p}");
        assert!(p["type"]
            .as_str()
            .unwrap()
            .starts_with("urn:prolo-triage:problem:"));
        for key in ["title", "detail", "kind"] {
            assert!(!p[key].as_str().unwrap().is_empty(), "{key}");
        }
        p
    }
}

async fn send(request: reqwest::RequestBuilder) -> Answer {
    let r = request.send().await.unwrap();
    let status = r.status().as_u16();
    let content_type = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    Answer {
        status,
        content_type,
        text: r.text().await.unwrap(),
    }
}

async fn post(s: &Service, path: &str, body: impl Into<String>) -> Answer {
    send(
        s.client
            .post(s.url(path))
            .header("Content-Type", "application/json")
            .body(body.into()),
    )
    .await
}

#[tokio::test]
async fn assess_answers_exactly_what_assess_json_writes_for_every_shipped_case() {
    let s = start(|mut c| {
        c.policies.insert("strict".into(), strict());
        c
    })
    .await;
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join("examples/data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    let shared = root().join("../shared/examples");
    if let Ok(dir) = std::fs::read_dir(&shared) {
        cases.extend(
            dir.map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "json")),
        );
    }
    cases.sort();
    assert!(cases.len() >= 15, "{cases:?}");
    for case in cases {
        let text = std::fs::read_to_string(&case).unwrap();
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        for (query, policy) in [("", Policy::default()), ("?policy=strict", strict())] {
            let got = post(&s, &format!("/v1/assess{query}"), text.clone()).await;
            match assess_json(&text, &policy) {
                Ok(want) => {
                    assert_eq!(got.status, 200, "{name}: {}", got.text);
                    assert_eq!(got.content_type, "application/json");
                    assert_eq!(got.text, want, "{name}{query}");
                }
                Err(e) => {
                    let status = if e.path() == "document" && e.kind().to_string() == "too_large" {
                        413
                    } else {
                        400
                    };
                    let p = got.problem(status, e.path());
                    assert_eq!(p["kind"], e.kind().to_string(), "{name}");
                    assert_eq!(p["detail"], e.to_string(), "{name}");
                }
            }
        }
    }
    // A policy changes the verdict: apixaban is absolute under "strict".
    let apixaban =
        std::fs::read_to_string(root().join("examples/data/02-ankle-instability-apixaban.json"))
            .unwrap();
    let default_text = post(&s, "/v1/assess", apixaban.clone()).await.text;
    let default: Value = serde_json::from_str(&default_text).unwrap();
    let strict = post(&s, "/v1/assess?policy=strict", apixaban.clone())
        .await
        .json();
    assert_ne!(default["verdict"], strict["verdict"]);
    assert_eq!(strict["verdict"], "contraindicated");
    assert_eq!(
        post(&s, "/v1/assess?policy=default", apixaban.clone())
            .await
            .text,
        default_text
    );
    let p = post(&s, "/v1/assess?policy=lenient", apixaban)
        .await
        .problem(400, "policy");
    assert!(
        p["detail"].as_str().unwrap().contains("default, strict"),
        "{p}"
    );
    s.stop().await;
}

#[tokio::test]
async fn bad_bodies_are_problems_naming_the_field_and_limits_hold() {
    let s = start(|mut c| {
        c.body_limit = 100_000;
        c
    })
    .await;
    post(&s, "/v1/assess", r#"{"findings": {"fevr": "present"}}"#)
        .await
        .problem(400, "findings.fevr");
    post(&s, "/v1/assess", "{").await.problem(400, "document");
    // Over the core's 64 KiB document limit, under the service's.
    let big = format!(r#"{{"id": "{}"}}"#, "x".repeat(70_000));
    post(&s, "/v1/assess", big).await.problem(413, "document");
    // Over the service's body limit.
    let bigger = format!(r#"{{"id": "{}"}}"#, "x".repeat(200_000));
    post(&s, "/v1/assess", bigger)
        .await
        .problem(413, "document");
    post(&s, "/v1/assess/fhir", r#"{"bundle": {}, "prefetch": {}}"#)
        .await
        .problem(400, "prefetch");
    post(&s, "/v1/assess/fhir", r#"{"as_of": "2026-11-26"}"#)
        .await
        .problem(400, "bundle");
    post(
        &s,
        "/v1/assess/fhir",
        r#"{"bundle": {"resourceType": "Bundle", "type": "collection"}, "as_of": "26/11/2026"}"#,
    )
    .await
    .problem(400, "as_of");
    post(&s, "/v1/assess/fhir", r#"{"bundel": {}}"#)
        .await
        .problem(400, "bundel");
    post(
        &s,
        "/v1/assess/fhir",
        r#"{"bundle": {"resourceType": "Patient"}}"#,
    )
    .await
    .problem(400, "document");
    post(&s, "/v1/handout", r#"{"verdict": "maybe"}"#)
        .await
        .problem(400, "verdict");
    s.stop().await;
}

/// The FHIR route's refusals name the mapping's own field and kind, and
/// its own message, whole (the as-of date's was once prefixed twice and
/// called `invalid`).
#[tokio::test]
async fn fhir_refusals_name_the_mappings_field_and_kind() {
    let s = start(|c| c).await;
    let collection = json!({"resourceType": "Bundle", "type": "collection"});
    let as_of = "26/11/2026".parse::<prolo_triage_fhir::AsOf>().unwrap_err();
    let patient = |id: &str| json!({"resource": {"resourceType": "Patient", "id": id}});
    let two_patients = json!({"resourceType": "Bundle", "type": "collection",
        "entry": [patient("a"), patient("b")]});
    let cases = [
        (
            json!({"bundle": collection, "as_of": "26/11/2026"}),
            "as_of",
            "invalid_date",
            Some(as_of.to_string()),
        ),
        (
            json!({"bundle": {"resourceType": "Patient"}}),
            "document",
            "not_a_bundle",
            None,
        ),
        (
            json!({"bundle": {"resourceType": "Bundle", "type": "batch"}}),
            "document",
            "unsupported_bundle_type",
            None,
        ),
        (
            json!({"bundle": {"resourceType": "Bundle", "type": "collection", "entry": {}}}),
            "entry",
            "malformed",
            None,
        ),
        (
            json!({"bundle": two_patients}),
            "document",
            "several_patients",
            None,
        ),
    ];
    for (body, path, kind, detail) in cases {
        let p = post(&s, "/v1/assess/fhir", body.to_string())
            .await
            .problem(400, path);
        assert_eq!(p["kind"], kind, "{p}");
        assert_eq!(p["type"], format!("urn:prolo-triage:problem:{kind}"), "{p}");
        assert_eq!(p["title"], "The document was refused", "{p}");
        let text = p["detail"].as_str().unwrap();
        assert!(text.starts_with(&format!("{path}: ")), "{p}");
        assert!(!text.starts_with(&format!("{path}: {path}")), "{p}");
        if let Some(detail) = detail {
            assert_eq!(text, detail, "{p}");
        }
    }
    s.stop().await;
}

#[tokio::test]
async fn unknown_routes_and_methods_under_v1_are_problems() {
    let s = start(|c| c).await;
    for (answer, status) in [
        (send(s.client.get(s.url("/v1/nope"))).await, 404),
        (send(s.client.get(s.url("/v1/assess"))).await, 405),
    ] {
        assert_eq!(answer.status, status);
        assert_eq!(answer.content_type, "application/problem+json");
        let p = answer.json();
        assert_eq!(p["status"], status);
        assert!(p.get("path").is_none(), "{p}");
    }
    // The hook routes keep their own error object.
    let hook = send(s.client.get(s.url("/cds-services/nope"))).await;
    assert_eq!(hook.content_type, "application/json");
    assert_eq!(hook.json()["error"]["status"], 405);
    s.stop().await;
}

#[tokio::test]
async fn the_fhir_route_gives_the_librarys_mapping_and_assessment() {
    let s = start(|mut c| {
        c.policies.insert("strict".into(), strict());
        c
    })
    .await;
    let options = MappingOptions::new(AS_OF.parse().unwrap());
    for name in [
        "plantar-fasciitis-fever-f202.json",
        "plantar-fasciitis-warfarin.json",
        "plantar-fasciitis-screened.json",
        "plantar-fasciitis-no-observations.json",
    ] {
        let text = std::fs::read_to_string(fhir_fixtures().join("bundles").join(name)).unwrap();
        let bundle: Value = serde_json::from_str(&text).unwrap();
        let mapped = map_bundle(&text, &options).unwrap();
        for (query, policy) in [("", Policy::default()), ("?policy=strict", strict())] {
            let want = format!(
                "{{\"mapped\":{},\"assessment\":{}}}",
                mapped.to_json(),
                assess(mapped.presentation(), &policy).to_json()
            );
            let got = post(
                &s,
                &format!("/v1/assess/fhir{query}"),
                json!({"bundle": bundle, "as_of": AS_OF}).to_string(),
            )
            .await;
            assert_eq!(got.status, 200, "{name}: {}", got.text);
            let (got, want): (Value, Value) = (got.json(), serde_json::from_str(&want).unwrap());
            assert_eq!(got, want, "{name}{query}");
        }
        // The same record as a prefetch object.
        let prefetch = prefetch_of_bundle(name);
        let want = map_prefetch(&Value::Object(prefetch.clone()).to_string(), &options).unwrap();
        let got = post(
            &s,
            "/v1/assess/fhir",
            json!({"prefetch": prefetch, "as_of": AS_OF}).to_string(),
        )
        .await
        .json();
        assert_eq!(
            got["assessment"],
            serde_json::from_str::<Value>(
                &assess(want.presentation(), &Policy::default()).to_json()
            )
            .unwrap(),
            "{name}"
        );
        assert!(!got["mapped"]["provenance"].as_array().unwrap().is_empty());
    }
    // Without as_of: the service's (fixed) clock.
    let text = std::fs::read_to_string(
        fhir_fixtures()
            .join("bundles")
            .join("plantar-fasciitis-fever-f202.json"),
    )
    .unwrap();
    let bundle: Value = serde_json::from_str(&text).unwrap();
    let got = post(&s, "/v1/assess/fhir", json!({"bundle": bundle}).to_string())
        .await
        .json();
    assert_eq!(got["assessment"]["verdict"], "refer_urgently");
    s.stop().await;
}

#[tokio::test]
async fn questionnaire_handout_and_policies() {
    let s = start(|mut c| {
        c.policies.insert("strict".into(), strict());
        c.policies.insert("riverside".into(), riverside());
        c
    })
    .await;
    let q = send(s.client.get(s.url("/v1/questionnaire"))).await;
    assert_eq!(
        (q.status, q.content_type.as_str()),
        (200, "application/fhir+json")
    );
    assert_eq!(q.text, prolo_triage_fhir::screening_questionnaire());
    let q = send(s.client.get(s.url("/v1/intake-questionnaire"))).await;
    assert_eq!(
        (q.status, q.content_type.as_str()),
        (200, "application/fhir+json")
    );
    assert_eq!(q.text, prolo_triage_fhir::patient_intake_questionnaire());

    let case =
        std::fs::read_to_string(root().join("examples/data/01-runner-heel-pain-discuss.json"))
            .unwrap();
    let assessment_text = assess_json(&case, &Policy::default()).unwrap();
    let assessment: prolo_triage::Assessment = serde_json::from_str(&assessment_text).unwrap();
    let issued: prolo_triage::Date = AS_OF.parse().unwrap();
    let handout =
        prolo_triage::Handout::issued(&assessment, Policy::default().clinic(), Some(issued));
    for (accept, want, media) in [
        (None, handout.to_html(), "text/html; charset=utf-8"),
        (
            Some("text/html"),
            handout.to_html(),
            "text/html; charset=utf-8",
        ),
        (
            Some("text/markdown, text/html;q=0.5"),
            handout.to_markdown(),
            "text/markdown; charset=utf-8",
        ),
    ] {
        let mut r = s
            .client
            .post(s.url("/v1/handout"))
            .header("Content-Type", "application/json")
            .body(assessment_text.clone());
        if let Some(a) = accept {
            r = r.header("Accept", a);
        }
        let got = send(r).await;
        assert_eq!((got.status, got.content_type.as_str()), (200, media));
        assert_eq!(got.text, want);
    }
    // The clinic's details come from the policy named.
    let riverside_handout =
        prolo_triage::Handout::issued(&assessment, riverside().clinic(), Some(issued));
    let got = send(
        s.client
            .post(s.url("/v1/handout?policy=riverside"))
            .header("Accept", "text/markdown")
            .body(assessment_text.clone()),
    )
    .await;
    assert_eq!(
        (got.status, got.text),
        (200, riverside_handout.to_markdown())
    );
    let unknown = send(
        s.client
            .post(s.url("/v1/handout?policy=nowhere"))
            .body(assessment_text.clone()),
    )
    .await;
    assert_eq!(unknown.status, 400);
    assert_eq!(unknown.json()["path"], "policy");

    let refused = send(
        s.client
            .post(s.url("/v1/handout"))
            .header("Accept", "application/pdf")
            .body(assessment_text),
    )
    .await;
    assert_eq!(refused.status, 406);
    assert_eq!(refused.content_type, "application/problem+json");

    let p = send(s.client.get(s.url("/v1/policies"))).await.json();
    let names: Vec<_> = p["policies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["name"].as_str().unwrap(), x["default"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        names,
        [("default", true), ("riverside", false), ("strict", false)]
    );
    assert_eq!(
        p["policies"][0]["fingerprint"],
        Policy::default().fingerprint()
    );
    // The clinic's details are outside the fingerprint.
    assert_eq!(
        p["policies"][1]["fingerprint"],
        Policy::default().fingerprint()
    );
    assert_eq!(p["policies"][2]["fingerprint"], strict().fingerprint());
    assert_eq!(p["policies"][2]["policy_name"], "strict");
    s.stop().await;
}

#[tokio::test]
async fn rest_calls_need_a_token_for_the_api_and_reads_are_open() {
    let s = start(with_jwt).await;
    let body = r#"{"findings": {"fever": "present"}}"#;
    let call = |token: Option<String>, path: &'static str| {
        let mut r = s
            .client
            .post(s.url(path))
            .header("Content-Type", "application/json")
            .body(body);
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        send(r)
    };
    let denied = call(None, "/v1/assess").await;
    assert_eq!(denied.status, 401);
    assert_eq!(denied.content_type, "application/problem+json");
    for (aud, jti) in [
        (format!("{}/v1", s.base), "r1"),
        (format!("{}/v1/assess", s.base), "r2"),
    ] {
        let t = token(Algorithm::ES384, "es", &es384(), &claims(&aud, jti));
        let ok = call(Some(t.clone()), "/v1/assess").await;
        assert_eq!(ok.status, 200, "{aud}: {}", ok.text);
        // A token is used once.
        assert_eq!(call(Some(t), "/v1/assess").await.status, 401);
    }
    // A token for a CDS service is not one for the REST API.
    let hook = token(
        Algorithm::ES384,
        "es",
        &es384(),
        &claims(&format!("{}/cds-services/prolo-triage", s.base), "r3"),
    );
    assert_eq!(call(Some(hook), "/v1/assess").await.status, 401);
    // Reference routes hold no patient data.
    for path in [
        "/v1/questionnaire",
        "/v1/intake-questionnaire",
        "/v1/policies",
        "/openapi.json",
        "/metrics",
    ] {
        assert_eq!(send(s.client.get(s.url(path))).await.status, 200, "{path}");
    }
    s.stop().await;
}

#[tokio::test]
async fn the_served_document_is_the_generated_one() {
    let s = start(|c| c).await;
    let got = send(s.client.get(s.url("/openapi.json"))).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.json(), prolo_triage_cds::openapi::document());
    s.stop().await;
}

#[tokio::test]
async fn metrics_count_requests_verdicts_and_fhir_read_failures() {
    let s = start(|c| c).await;
    for _ in 0..3 {
        post(&s, "/v1/assess", r#"{"findings": {"fever": "present"}}"#).await;
    }
    post(&s, "/v1/assess", "{").await;
    // A hook call whose optional keys cannot be had from a FHIR server
    // that is not configured: not a read failure (nothing was read).
    let prefetch = prefetch_of_bundle("plantar-fasciitis-fever-f202.json");
    post(
        &s,
        "/cds-services/prolo-triage",
        request(Some(prefetch)).to_string(),
    )
    .await;
    let text = send(s.client.get(s.url("/metrics"))).await;
    assert!(text.content_type.starts_with("text/plain; version=0.0.4"));
    for line in [
        "prolo_triage_cds_http_requests_total{method=\"POST\",route=\"/v1/assess\",status=\"200\"} 3",
        "prolo_triage_cds_http_requests_total{method=\"POST\",route=\"/v1/assess\",status=\"400\"} 1",
        "prolo_triage_cds_http_requests_total{method=\"POST\",route=\"/cds-services/{id}\",status=\"200\"} 1",
        "prolo_triage_cds_verdicts_total{verdict=\"refer_urgently\",via=\"rest\"} 3",
        "prolo_triage_cds_verdicts_total{verdict=\"refer_urgently\",via=\"hook\"} 1",
        "prolo_triage_cds_http_request_duration_seconds_count{route=\"/v1/assess\"} 4",
    ] {
        assert!(text.text.contains(line), "{line} not in\n{}", text.text);
    }
    assert!(
        !text.text.contains("fhir_read_failures_total{"),
        "{}",
        text.text
    );
    tokio::time::sleep(Duration::from_millis(1)).await;
    s.stop().await;
}
