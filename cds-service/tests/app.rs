//! The clinician app at `/app/` and the cards' links to it, over loopback:
//! the folder's files with their content types and cache headers, the
//! redirect, no way out of the folder, the JSON 404; `/app/policy.json` is
//! the active policy; a card with open questions links to the app with the
//! presentation (and nothing else) in the fragment; under a non-default
//! policy the presentation in the link, assessed with the policy the app
//! loads, gives the card's verdict.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::common::{cards, prefetch_of_bundle, request, start, Service, AS_OF};
use base64::Engine as _;
use prolo_triage::{assess, Policy, Presentation, Verdict};
use prolo_triage_cds::cards::{Indicator, ANSWER_LABEL};
use prolo_triage_fhir::{map_prefetch, MappingOptions};
use serde_json::{Map, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const INDEX: &str = "<!DOCTYPE html><title>app</title><script type=module src=app.js></script>";
const SECRET: &str = "secret outside the app folder";

/// A scratch app folder (`<tmp>/…/app`) with a secret file beside it.
struct Folder(PathBuf);

impl Folder {
    fn new() -> Folder {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let root = std::env::temp_dir().join(format!(
            "prolo-cds-app-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let app = root.join("app");
        std::fs::create_dir_all(app.join("sub")).unwrap();
        std::fs::write(root.join("secret.txt"), SECRET).unwrap();
        std::fs::write(app.join("index.html"), INDEX).unwrap();
        std::fs::write(app.join("app.js"), "export {};\n").unwrap();
        std::fs::write(app.join("style.css"), "body{}\n").unwrap();
        std::fs::write(app.join("prolo_triage_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(app.join("sub/note.txt"), "a note\n").unwrap();
        // A policy.json in the folder is not what the service serves.
        std::fs::write(app.join("policy.json"), "{\"stale\": true}").unwrap();
        Folder(root)
    }

    fn app(&self) -> PathBuf {
        self.0.join("app")
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The strict policy: anticoagulants are an absolute contraindication.
fn strict() -> Policy {
    Policy::from_json(
        r#"{"name": "clinic strict", "version": "2",
            "classification": {"medications.anticoagulant": "absolute"}}"#,
    )
    .unwrap()
}

async fn with_app(folder: &Folder, policy: Option<Policy>) -> Service {
    let dir = folder.app();
    start(move |mut c| {
        c.app_dir = Some(dir);
        if let Some(p) = policy {
            c.policy = p;
        }
        c
    })
    .await
}

/// A raw GET, so the path reaches the service exactly as written (an
/// HTTP client would resolve `..` and `%2e%2e` first).
async fn raw_get(service: &Service, path: &str) -> (u16, String) {
    let addr = service.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await.unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn mapped_presentation(prefetch: &Map<String, Value>) -> Presentation {
    let options = MappingOptions::new(AS_OF.parse().unwrap());
    let mapped = map_prefetch(&Value::Object(prefetch.clone()).to_string(), &options).unwrap();
    *mapped.presentation()
}

/// The presentation's JSON text in a card link, after checking the link's
/// shape.
fn presentation_in(link: &Value, service: &Service) -> String {
    assert_eq!(link["type"], "absolute");
    assert_eq!(link["autoLaunchable"], false);
    assert_eq!(link["label"], ANSWER_LABEL);
    let url = link["url"].as_str().unwrap();
    let prefix = format!("{}/app/#p=", service.base);
    let encoded = url
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{url} does not start with {prefix}"));
    assert!(
        encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "not base64url without padding: {encoded}"
    );
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded)
        .unwrap();
    String::from_utf8(bytes).unwrap()
}

#[tokio::test]
async fn the_app_folder_is_served_at_app_with_its_content_types() {
    let folder = Folder::new();
    let s = with_app(&folder, None).await;
    let get = |path: &str| s.client.get(s.url(path)).send();
    for (path, content_type, body) in [
        ("/app/", "text/html", INDEX),
        ("/app/index.html", "text/html", INDEX),
        ("/app/app.js", "text/javascript", "export {};\n"),
        ("/app/style.css", "text/css", "body{}\n"),
        ("/app/sub/note.txt", "text/plain", "a note\n"),
    ] {
        let r = get(path).await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        let h = r.headers().clone();
        let ct = h["content-type"].to_str().unwrap();
        assert!(ct.starts_with(content_type), "{path}: {ct}");
        assert_eq!(h["cache-control"], "no-cache", "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("last-modified"), "{path}");
        assert_eq!(r.text().await.unwrap(), body, "{path}");
    }
    let wasm = get("/app/prolo_triage_bg.wasm").await.unwrap();
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    // Revalidation: an unchanged file is a 304.
    let last = get("/app/app.js").await.unwrap().headers()["last-modified"].clone();
    let again = s
        .client
        .get(s.url("/app/app.js"))
        .header("if-modified-since", last)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    // /app → /app/, relative, so it holds behind a proxy's path prefix.
    let no_redirect = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = no_redirect.get(s.url("/app")).send().await.unwrap();
    assert_eq!(r.status(), 308);
    assert_eq!(r.headers()["location"], "app/");
    // A folder without its slash: a relative redirect too.
    let r = no_redirect.get(s.url("/app/sub")).send().await.unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(r.headers()["location"], "sub/");
    // Counted by route template, not as unmatched.
    let metrics = s.get_text("/metrics").await;
    assert!(
        metrics.contains(r#"route="/app/{*path}",status="200""#),
        "{metrics}"
    );
    let followed = get("/app").await.unwrap();
    assert_eq!(followed.url().path(), "/app/");
    assert_eq!(followed.text().await.unwrap(), INDEX);
    // Missing files and folders: the service's JSON 404; no listing.
    for path in ["/app/missing.js", "/app/sub/", "/app/sub/missing"] {
        let r = get(path).await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["error"]["kind"], "not_found", "{path}");
    }
    // Only reading.
    let r = s.client.post(s.url("/app/")).send().await.unwrap();
    assert_eq!(r.status(), 405);
    let head = s.client.head(s.url("/app/app.js")).send().await.unwrap();
    assert_eq!(head.status(), 200);
    s.stop().await;
}

#[tokio::test]
async fn nothing_outside_the_app_folder_can_be_read() {
    let folder = Folder::new();
    let s = with_app(&folder, None).await;
    for path in [
        "/app/../secret.txt",
        "/app/%2e%2e/secret.txt",
        "/app/%2E%2E/secret.txt",
        "/app/..%2fsecret.txt",
        "/app/..%5csecret.txt",
        "/app/%2e%2e%2fsecret.txt",
        "/app/sub/../../secret.txt",
        "/app/sub/%2e%2e/%2e%2e/secret.txt",
        "/app//secret.txt",
        "/app/%2fetc%2fpasswd",
        "/app/..\\secret.txt",
        "/app/%00",
    ] {
        let (status, text) = raw_get(&s, path).await;
        assert!(!text.contains(SECRET), "{path} read the secret: {text}");
        assert!(
            matches!(status, 400 | 404),
            "{path}: status {status}\n{text}"
        );
    }
    s.stop().await;
}

#[tokio::test]
async fn app_policy_json_is_the_active_policy_not_a_file() {
    let folder = Folder::new();
    let s = with_app(&folder, Some(strict())).await;
    let r = s
        .client
        .get(s.url("/app/policy.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/json");
    assert_eq!(r.headers()["cache-control"], "no-cache");
    let served = Policy::from_json(&r.text().await.unwrap()).unwrap();
    assert_eq!(served, strict());
    assert_eq!(served.fingerprint(), strict().fingerprint());
    s.stop().await;
}

#[tokio::test]
async fn without_an_app_folder_there_is_no_app_and_no_link() {
    let s = start(|c| c).await;
    for path in ["/app", "/app/", "/app/policy.json"] {
        let r = s.client.get(s.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }
    let prefetch = prefetch_of_bundle("plantar-fasciitis-no-observations.json");
    let cards = cards(&s, &request(Some(prefetch))).await;
    assert_eq!(cards.len(), 1);
    assert!(cards[0].get("links").is_none(), "{}", cards[0]);
    s.stop().await;
}

#[tokio::test]
async fn cards_with_open_questions_link_to_the_app_with_the_presentation_only() {
    let folder = Folder::new();
    let s = with_app(&folder, None).await;
    let mut linked = 0;
    for file in [
        "plantar-fasciitis-fever-f202.json",
        "plantar-fasciitis-screened.json",
        "plantar-fasciitis-warfarin.json",
        "plantar-fasciitis-no-observations.json",
    ] {
        let prefetch = prefetch_of_bundle(file);
        let presentation = mapped_presentation(&prefetch);
        let assessment = assess(&presentation, &Policy::default());
        let cards = cards(&s, &request(Some(prefetch))).await;
        let card = &cards[0];
        if assessment.questions.is_empty() {
            assert!(card.get("links").is_none(), "{file}: {card}");
            continue;
        }
        linked += 1;
        let links = card["links"].as_array().unwrap();
        assert_eq!(links.len(), 1, "{file}");
        let text = presentation_in(&links[0], &s);
        assert_eq!(
            Presentation::from_json(&text).unwrap(),
            presentation,
            "{file}"
        );
        assert_eq!(text, presentation.to_json(), "{file}");
        // The wire format's keys only (those of a presentation with every
        // field set): no name, no identifier.
        let wire = keys_of(&every_field().to_json());
        for key in keys_of(&text) {
            assert!(wire.contains(&key), "{file}: {key}");
        }
        for identifying in ["Chalmers", "Peter", "Patient", "example", "Condition/"] {
            assert!(
                !text.contains(identifying),
                "{file}: {identifying} in {text}"
            );
        }
    }
    assert!(
        linked >= 2,
        "only {linked} fixture cards had open questions"
    );
    s.stop().await;
}

#[tokio::test]
async fn page_and_card_agree_under_a_non_default_policy() {
    let folder = Folder::new();
    let s = with_app(&folder, Some(strict())).await;
    // Screened, no medication list: by default the precautions of an
    // unknown list; under the strict policy an anticoagulant would be
    // absolute, so the medications are a blocking question.
    let prefetch = prefetch_of_bundle("plantar-fasciitis-screened.json");
    let cards = cards(&s, &request(Some(prefetch.clone()))).await;
    let card = &cards[0];
    // What the app does: read the presentation from the link and assess
    // it with the policy served beside the page.
    let text = presentation_in(&card["links"][0], &s);
    let served = s.get_text("/app/policy.json").await;
    let page = assess(
        &Presentation::from_json(&text).unwrap(),
        &Policy::from_json(&served).unwrap(),
    );
    assert_eq!(page.verdict, Verdict::NeedsInformation);
    assert_eq!(card["summary"], page.summary.as_str());
    assert_eq!(
        card["indicator"],
        serde_json::to_value(Indicator::of_assessment(&page)).unwrap()
    );
    assert!(card["source"]["label"]
        .as_str()
        .unwrap()
        .contains("policy clinic strict 2"));
    // The policy is what makes the difference: by default, another verdict.
    let default = assess(&mapped_presentation(&prefetch), &Policy::default());
    assert_ne!(default.verdict, page.verdict);
    s.stop().await;
}

fn keys_of(json: &str) -> Vec<String> {
    serde_json::from_str::<Map<String, Value>>(json)
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

/// Every field set (every condition, finding, care, class and allergy):
/// the longest fragment a presentation can give.
fn every_field() -> Presentation {
    use prolo_triage::{Allergy, Condition, ConservativeCare, Finding, MedicationClass};
    let findings: Map<String, Value> = Finding::all()
        .iter()
        .map(|f| (f.as_str().to_owned(), Value::from("absent")))
        .collect();
    let text = serde_json::json!({
        "age_years": 130, "sex": "female", "side": "both",
        "conditions": Condition::all().iter().copied().map(Condition::as_str).collect::<Vec<_>>(),
        "symptom_weeks": 520, "conservative_care_weeks": 520,
        "conservative_care": ConservativeCare::all().iter().copied().map(ConservativeCare::as_str).collect::<Vec<_>>(),
        "pain_score": 10,
        "findings": findings,
        "medications": MedicationClass::all().iter().copied().map(MedicationClass::as_str).collect::<Vec<_>>(),
        "allergies": Allergy::all().iter().copied().map(Allergy::as_str).collect::<Vec<_>>(),
    });
    Presentation::from_json(&text.to_string()).unwrap()
}

/// The fragment's length (characters of `#p=…`) over the shipped cases,
/// the worked cases beside the repository and the FHIR fixtures, printed for
/// docs/performance.md (`cargo test -p prolo-triage-cds --test integration
/// app::fragment -- --nocapture`); each decodes to its presentation.
#[test]
fn fragment_lengths_over_the_shipped_cases() {
    use prolo_triage_cds::cards::fragment;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut lengths = Vec::new();
    for dir in [root.join("examples/data"), root.join("../shared/examples")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".json") || name.starts_with("bad-") {
                continue;
            }
            let p = Presentation::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let f = fragment(&p);
            let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(f.strip_prefix("#p=").unwrap())
                .unwrap();
            assert_eq!(
                Presentation::from_json(std::str::from_utf8(&bytes).unwrap()).unwrap(),
                p
            );
            let folder = dir.file_name().unwrap().to_string_lossy();
            lengths.push((f.len(), format!("{folder}/{name}")));
        }
    }
    // What the cards carry: the FHIR fixtures' mapped presentations.
    for name in [
        "plantar-fasciitis-fever-f202.json",
        "plantar-fasciitis-screened.json",
        "plantar-fasciitis-warfarin.json",
        "plantar-fasciitis-no-observations.json",
    ] {
        let p = mapped_presentation(&prefetch_of_bundle(name));
        lengths.push((fragment(&p).len(), format!("fhir {name}")));
    }
    lengths.sort();
    let full = fragment(&every_field()).len();
    let median = lengths[lengths.len() / 2].0;
    println!(
        "fragment (#p=…) over {} cases: smallest {} ({}), median {median}, largest {} ({}); every field set {full}",
        lengths.len(),
        lengths[0].0,
        lengths[0].1,
        lengths[lengths.len() - 1].0,
        lengths[lengths.len() - 1].1,
    );
    // Far under what browsers and EHR link fields take; 4 KB keeps clear
    // of the smallest common limits (proxies, log lines).
    assert!(full < 4096, "{full}");
}
