//! Shared test material: a service on a loopback port, the FHIR fixture
//! Bundles as prefetch objects, and signed tokens.

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use prolo_triage_cds::auth::Issuer;
use prolo_triage_cds::{router, AppState, Config};
use serde_json::{json, Map, Value};

/// The as-of date of the FHIR fixtures.
pub const AS_OF: &str = "2026-11-26";
pub const HOOK_INSTANCE: &str = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea";
pub const ISSUER: &str = "https://ehr.example.org";
/// The hook service's path.
pub const SERVICE: &str = "/cds-services/prolo-triage";

/// A running service.
pub struct Service {
    pub base: String,
    pub client: reqwest::Client,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    handle: Option<tokio::task::JoinHandle<()>>,
}

impl Service {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The text of a GET (e.g. `/metrics`).
    pub async fn get_text(&self, path: &str) -> String {
        self.client
            .get(self.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// Stops the service gracefully and waits for it.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(handle) = self.handle.take() {
            handle.await.unwrap();
        }
    }
}

/// Starts a service on an ephemeral loopback port; `configure` sees the
/// config after its public URL is known.
pub async fn start(configure: impl FnOnce(Config) -> Config) -> Service {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut config = Config::new(&base);
    config.as_of = Some(AS_OF.parse().unwrap());
    let config = configure(config);
    let limits = prolo_triage_cds::serve::Limits::of(&config);
    let app = router(AppState::new(config).unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let handle = tokio::spawn(async move {
        prolo_triage_cds::serve::serve(listener, app, limits, async {
            let _ = stopped.await;
        })
        .await;
    });
    Service {
        base,
        client: reqwest::Client::new(),
        stop: Some(stop),
        handle: Some(handle),
    }
}

pub fn fhir_fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fhir/tests/fixtures")
}

/// A FHIR fixture Bundle split into this service's prefetch keys: the
/// shape an EHR would send. Keys with nothing to hold are `null`.
pub fn prefetch_of_bundle(name: &str) -> Map<String, Value> {
    let path = fhir_fixtures().join("bundles").join(name);
    let bundle: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    prefetch_of_resources(
        bundle["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["resource"].clone()),
    )
}

pub fn prefetch_of_resources(resources: impl Iterator<Item = Value>) -> Map<String, Value> {
    let keys = [
        "conditions",
        "temperature",
        "platelets",
        "medication_statements",
        "medication_requests",
        "allergies",
        "screening",
    ];
    let mut groups: Map<String, Value> =
        keys.iter().map(|k| ((*k).to_owned(), json!([]))).collect();
    let mut out = Map::new();
    out.insert("patient".into(), Value::Null);
    for r in resources {
        let key = match r["resourceType"].as_str().unwrap() {
            "Patient" => {
                out.insert("patient".into(), r);
                continue;
            }
            "Condition" => "conditions",
            "Observation" => match r["code"]["coding"][0]["code"].as_str() {
                Some("8310-5") => "temperature",
                _ => "platelets",
            },
            "MedicationStatement" => "medication_statements",
            "MedicationRequest" => "medication_requests",
            "AllergyIntolerance" => "allergies",
            "QuestionnaireResponse" => "screening",
            other => panic!("no key for {other}"),
        };
        groups[key]
            .as_array_mut()
            .unwrap()
            .push(json!({"resource": r}));
    }
    for (key, entries) in groups {
        let value = if entries.as_array().unwrap().is_empty() {
            Value::Null
        } else {
            json!({"resourceType": "Bundle", "type": "searchset", "entry": entries})
        };
        out.insert(key, value);
    }
    out
}

/// A patient-view request for the HL7 example patient.
pub fn request(prefetch: Option<Map<String, Value>>) -> Value {
    let mut r = json!({
        "hook": "patient-view",
        "hookInstance": HOOK_INSTANCE,
        "context": {"patientId": "example", "userId": "Practitioner/example"}
    });
    if let Some(p) = prefetch {
        r["prefetch"] = Value::Object(p);
    }
    r
}

fn key_file(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/keys")
            .join(name),
    )
    .unwrap()
}

pub fn es384() -> EncodingKey {
    EncodingKey::from_ec_pem(&key_file("es384-private.pem")).unwrap()
}

pub fn other_es384() -> EncodingKey {
    EncodingKey::from_ec_pem(&key_file("other-es384-private.pem")).unwrap()
}

pub fn rs384() -> EncodingKey {
    EncodingKey::from_rsa_pem(&key_file("rs384-private.pem")).unwrap()
}

/// The JWK Set the test issuer publishes: its ES384 and RS384 public keys.
pub fn jwks() -> String {
    let mut es = Jwk::from_encoding_key(&es384(), Algorithm::ES384).unwrap();
    es.common.key_id = Some("es".into());
    let mut rs = Jwk::from_encoding_key(&rs384(), Algorithm::RS384).unwrap();
    rs.common.key_id = Some("rs".into());
    serde_json::to_string(&JwkSet { keys: vec![es, rs] }).unwrap()
}

/// The config with the test issuer trusted.
pub fn with_jwt(config: Config) -> Config {
    let (issuer, skipped) = Issuer::from_jwks(ISSUER, &jwks()).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    config.with_issuers(vec![issuer], 300)
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A signed token with these claims.
pub fn token(alg: Algorithm, kid: &str, key: &EncodingKey, claims: &Value) -> String {
    let mut header = Header::new(alg);
    header.kid = Some(kid.into());
    jsonwebtoken::encode(&header, claims, key).unwrap()
}

/// Good claims for a call to `aud`, with a fresh jti.
pub fn claims(aud: &str, jti: &str) -> Value {
    let now = now();
    json!({"iss": ISSUER, "aud": aud, "exp": now + 240, "iat": now, "jti": jti, "sub": "client-1"})
}

/// Asserts the CDS Hooks null/empty rule over a whole response: no
/// `null`, `""`, `[]` or `{}` anywhere, except a top-level `"cards": []`.
pub fn assert_no_null_or_empty(value: &Value) {
    fn walk(v: &Value, path: &str, top: bool) {
        match v {
            Value::Null => panic!("null at {path}"),
            Value::String(s) if s.is_empty() => panic!("empty string at {path}"),
            Value::Array(a) => {
                if a.is_empty() && !(top && path == "cards") {
                    panic!("empty array at {path}");
                }
                for (i, item) in a.iter().enumerate() {
                    walk(item, &format!("{path}[{i}]"), false);
                }
            }
            Value::Object(o) => {
                assert!(!o.is_empty(), "empty object at {path}");
                for (k, item) in o {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(item, &p, path.is_empty());
                }
            }
            _ => {}
        }
    }
    walk(value, "", true);
}

/// Posts a hook call and checks the answer is a 200 obeying the
/// null/empty rule; returns the cards.
pub async fn cards(service: &Service, body: &Value) -> Vec<Value> {
    let response = service
        .client
        .post(service.url(SERVICE))
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let value: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "{value}");
    assert_no_null_or_empty(&value);
    value["cards"].as_array().unwrap().clone()
}
