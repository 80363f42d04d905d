//! Signing keys fetched from the issuer's JWK Set URL, against a JWKS
//! server on loopback that rotates its keys, goes down, stalls and serves
//! garbage: cached keys work until their TTL, then 401 — never a hang — and
//! a flood of unknown `kid`s cannot make the service hammer the issuer.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::*;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use prolo_triage_cds::auth::{Issuer, KeyCache};
use prolo_triage_cds::config::JwksSettings;
use serde_json::Value;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Serve,
    Garbage,
    Error,
    Stall,
}

#[derive(Clone)]
struct Jwks {
    /// Set name → JWK Set text.
    sets: Arc<Mutex<Vec<(String, String)>>>,
    mode: Arc<Mutex<Mode>>,
    hits: Arc<AtomicUsize>,
}

struct JwksServer {
    base: String,
    state: Jwks,
    task: tokio::task::JoinHandle<()>,
}

async fn serve_set(State(s): State<Jwks>, Path(name): Path<String>) -> axum::response::Response {
    s.hits.fetch_add(1, Ordering::SeqCst);
    let mode = *s.mode.lock().unwrap();
    match mode {
        Mode::Serve => {
            let sets = s.sets.lock().unwrap().clone();
            match sets.into_iter().find(|(n, _)| *n == name) {
                Some((_, text)) => ([("content-type", "application/json")], text).into_response(),
                None => axum::http::StatusCode::NOT_FOUND.into_response(),
            }
        }
        Mode::Garbage => {
            "{\"keys\": [{\"kty\": \"EC\", \"crv\": \"P-384\", \"x\": \"%%%\"}".into_response()
        }
        Mode::Error => axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        Mode::Stall => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            "{}".into_response()
        }
    }
}

impl JwksServer {
    async fn start(sets: Vec<(&str, String)>) -> JwksServer {
        let state = Jwks {
            sets: Arc::new(Mutex::new(
                sets.into_iter().map(|(n, t)| (n.to_owned(), t)).collect(),
            )),
            mode: Arc::new(Mutex::new(Mode::Serve)),
            hits: Arc::new(AtomicUsize::new(0)),
        };
        let app = axum::Router::new()
            .route("/{name}", axum::routing::get(serve_set))
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let task = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        JwksServer { base, state, task }
    }

    fn url(&self, name: &str) -> String {
        format!("{}/{name}", self.base)
    }

    fn set(&self, name: &str, text: String) {
        let mut sets = self.state.sets.lock().unwrap();
        sets.retain(|(n, _)| n != name);
        sets.push((name.to_owned(), text));
    }

    fn mode(&self, mode: Mode) {
        *self.state.mode.lock().unwrap() = mode;
    }

    fn hits(&self) -> usize {
        self.state.hits.load(Ordering::SeqCst)
    }
}

fn set_of(keys: &[(&EncodingKey, &str)]) -> String {
    let keys = keys
        .iter()
        .map(|(key, kid)| {
            let mut jwk = Jwk::from_encoding_key(key, Algorithm::ES384).unwrap();
            jwk.common.key_id = Some((*kid).into());
            jwk
        })
        .collect();
    serde_json::to_string(&JwkSet { keys }).unwrap()
}

fn settings(ttl_ms: u64, min_refresh_ms: u64) -> JwksSettings {
    JwksSettings {
        ttl: Duration::from_millis(ttl_ms),
        min_refresh: Duration::from_millis(min_refresh_ms),
        timeout: Duration::from_millis(500),
    }
}

async fn service(url: &str, jku: Vec<String>, settings: JwksSettings) -> Service {
    let url = reqwest::Url::parse(url).unwrap();
    let jku = jku
        .iter()
        .map(|u| reqwest::Url::parse(u).unwrap())
        .collect();
    let issuer = Issuer::from_url(ISSUER, KeyCache::new(url, jku, settings));
    start(move |c| c.with_issuers(vec![issuer], 300)).await
}

static JTI: AtomicUsize = AtomicUsize::new(0);

/// A hook call signed with `key` under `kid` (and `jku`): its status, the
/// answer, and how long it took.
async fn call(
    s: &Service,
    key: &EncodingKey,
    kid: &str,
    jku: Option<&str>,
) -> (u16, Value, Duration) {
    let mut header = Header::new(Algorithm::ES384);
    header.kid = Some(kid.into());
    header.jku = jku.map(str::to_owned);
    let jti = format!("jwks-{}", JTI.fetch_add(1, Ordering::SeqCst));
    let claims = claims(&s.url("/cds-services/prolo-triage"), &jti);
    let token = jsonwebtoken::encode(&header, &claims, key).unwrap();
    let body = request(Some(prefetch_of_bundle(
        "plantar-fasciitis-fever-f202.json",
    )));
    let started = Instant::now();
    let r = s
        .client
        .post(s.url("/cds-services/prolo-triage"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let value: Value = r.json().await.unwrap();
    (status, value, started.elapsed())
}

async fn metric(s: &Service, line: &str) -> bool {
    s.get_text("/metrics").await.contains(line)
}

#[tokio::test]
async fn keys_rotate_without_a_restart() {
    let jwks = JwksServer::start(vec![("keys", set_of(&[(&es384(), "k1")]))]).await;
    let s = service(&jwks.url("keys"), Vec::new(), settings(300_000, 0)).await;
    // Nothing is fetched before the first token.
    assert_eq!(jwks.hits(), 0);
    assert_eq!(call(&s, &es384(), "k1", None).await.0, 200);
    assert_eq!(call(&s, &es384(), "k1", None).await.0, 200);
    assert_eq!(jwks.hits(), 1, "cached within the TTL");
    // The issuer rotates: k2 replaces k1.
    jwks.set("keys", set_of(&[(&other_es384(), "k2")]));
    assert_eq!(call(&s, &other_es384(), "k2", None).await.0, 200);
    assert_eq!(jwks.hits(), 2, "an unknown kid fetched the set again");
    assert!(
        metric(
            &s,
            "jwks_refreshes_total{issuer=\"https://ehr.example.org\",outcome=\"fetched\"} 2"
        )
        .await
    );
    // The retired key no longer verifies.
    let (status, value, _) = call(&s, &es384(), "k1", None).await;
    assert_eq!(status, 401, "{value}");
    s.stop().await;
}

#[tokio::test]
async fn a_flood_of_unknown_kids_fetches_at_most_once_per_min_refresh() {
    let jwks = JwksServer::start(vec![("keys", set_of(&[(&es384(), "k1")]))]).await;
    let s = service(&jwks.url("keys"), Vec::new(), settings(300_000, 60_000)).await;
    assert_eq!(call(&s, &es384(), "k1", None).await.0, 200);
    for i in 0..50 {
        let (status, _, took) = call(&s, &other_es384(), &format!("bogus-{i}"), None).await;
        assert_eq!(status, 401);
        assert!(took < Duration::from_secs(2), "{took:?}");
    }
    assert_eq!(jwks.hits(), 1, "no fetch within min_refresh");
    // The good key still works throughout.
    assert_eq!(call(&s, &es384(), "k1", None).await.0, 200);
    s.stop().await;
}

#[tokio::test]
async fn a_server_that_is_down_keeps_cached_keys_until_the_ttl_then_401_quickly() {
    let jwks = JwksServer::start(vec![("keys", set_of(&[(&es384(), "k1")]))]).await;
    let s = service(&jwks.url("keys"), Vec::new(), settings(1_000, 0)).await;
    assert_eq!(call(&s, &es384(), "k1", None).await.0, 200);
    jwks.task.abort();
    let _ = jwks.task.await;
    // Down, but the keys are still fresh.
    assert_eq!(call(&s, &es384(), "k1", None).await.0, 200);
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let (status, value, took) = call(&s, &es384(), "k1", None).await;
    eprintln!("figure: JWKS down past the TTL: {status} in {took:?}");
    assert_eq!(status, 401, "{value}");
    assert!(
        value["error"]["message"]
            .as_str()
            .unwrap()
            .contains("could not be had"),
        "{value}"
    );
    assert!(took < Duration::from_secs(2), "{took:?}");
    assert!(metric(&s, "outcome=\"failed\"").await);
    s.stop().await;
}

#[tokio::test]
async fn a_stalling_server_is_bounded_by_the_fetch_timeout() {
    let jwks = JwksServer::start(vec![("keys", set_of(&[(&es384(), "k1")]))]).await;
    let s = service(&jwks.url("keys"), Vec::new(), settings(500, 0)).await;
    assert_eq!(call(&s, &es384(), "k1", None).await.0, 200);
    jwks.mode(Mode::Stall);
    tokio::time::sleep(Duration::from_millis(600)).await;
    let (status, _, took) = call(&s, &es384(), "k1", None).await;
    eprintln!("figure: JWKS stalling past the TTL (500 ms fetch timeout): {status} in {took:?}");
    assert_eq!(status, 401);
    // The fetch timeout (500 ms), not the server's 30 s.
    assert!(took < Duration::from_millis(2_000), "{took:?}");
    s.stop().await;
}

#[tokio::test]
async fn garbage_and_errors_keep_the_cached_keys_until_the_ttl() {
    let jwks = JwksServer::start(vec![("keys", set_of(&[(&es384(), "k1")]))]).await;
    let s = service(&jwks.url("keys"), Vec::new(), settings(1_500, 0)).await;
    assert_eq!(call(&s, &es384(), "k1", None).await.0, 200);
    for mode in [Mode::Garbage, Mode::Error] {
        jwks.mode(mode);
        // An unknown kid makes it fetch: the answer is refused, the cache kept.
        assert_eq!(call(&s, &other_es384(), "k2", None).await.0, 401);
        assert_eq!(call(&s, &es384(), "k1", None).await.0, 200, "{mode:?}");
    }
    assert_eq!(jwks.hits(), 3);
    assert!(
        metric(
            &s,
            "jwks_refreshes_total{issuer=\"https://ehr.example.org\",outcome=\"failed\"} 2"
        )
        .await
    );
    // Serving again: a later fetch succeeds.
    jwks.mode(Mode::Serve);
    tokio::time::sleep(Duration::from_millis(1_600)).await;
    assert_eq!(call(&s, &es384(), "k1", None).await.0, 200);
    s.stop().await;
}

#[tokio::test]
async fn jku_is_honoured_only_on_the_allow_list() {
    let jwks = JwksServer::start(vec![
        ("keys", set_of(&[(&es384(), "k1")])),
        ("jku-keys", set_of(&[(&other_es384(), "j1")])),
    ])
    .await;
    let elsewhere = JwksServer::start(vec![("evil", set_of(&[(&other_es384(), "j1")]))]).await;
    let s = service(
        &jwks.url("keys"),
        vec![jwks.url("jku-keys")],
        settings(300_000, 0),
    )
    .await;
    assert_eq!(
        call(&s, &other_es384(), "j1", Some(&jwks.url("jku-keys")))
            .await
            .0,
        200
    );
    let (status, value, _) = call(&s, &other_es384(), "j1", Some(&elsewhere.url("evil"))).await;
    assert_eq!(status, 401);
    assert!(
        value["error"]["message"]
            .as_str()
            .unwrap()
            .contains("allow-list"),
        "{value}"
    );
    assert_eq!(
        elsewhere.hits(),
        0,
        "a URL off the allow-list is never fetched"
    );
    // The jku set's key is not the default set's.
    assert_eq!(call(&s, &other_es384(), "j1", None).await.0, 401);
    assert_eq!(call(&s, &es384(), "k1", None).await.0, 200);
    s.stop().await;
}

#[tokio::test]
async fn tokens_the_cache_verifies_never_wait_for_a_fetch_in_progress() {
    let jwks = JwksServer::start(vec![("keys", set_of(&[(&es384(), "k1")]))]).await;
    let mut slow = settings(300_000, 0);
    slow.timeout = Duration::from_millis(3_000);
    let s = Arc::new(service(&jwks.url("keys"), Vec::new(), slow).await);
    assert_eq!(call(&s, &es384(), "k1", None).await.0, 200);
    jwks.mode(Mode::Stall);
    // An unknown kid starts a fetch that stalls for the whole timeout.
    let stalled = tokio::spawn({
        let s = Arc::clone(&s);
        async move { call(&s, &other_es384(), "k2", None).await }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (status, _, took) = call(&s, &es384(), "k1", None).await;
    eprintln!("figure: known kid during a stalled JWKS fetch: {status} in {took:?}");
    assert_eq!(status, 200);
    assert!(took < Duration::from_millis(2_000), "{took:?}");
    let (status, _, took) = stalled.await.unwrap();
    assert_eq!(status, 401);
    assert!(took >= Duration::from_millis(2_500), "{took:?}");
}
