//! JWT bearer verification as CDS Hooks 2.0 asks of a service: the client
//! signs a short-lived token (ES384 or RS384) whose `iss` the service
//! trusts, whose `aud` is the URL of the service called, with `exp`, `iat`
//! and a `jti` that may be used once.
//!
//! An issuer's keys come from a file read at start, or from its JWK Set
//! URL ([`KeyCache`]): fetched with the service's HTTP client, trusted for
//! a TTL, fetched again when a token names a `kid` the cache does not hold
//! (at most once per `min_refresh`, so a flood of bad tokens cannot make
//! the service hammer the issuer), so keys rotate without a restart. A
//! token's `jku` header is honoured only for a URL on the issuer's
//! allow-list.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, JwkSet, KeyAlgorithm};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;

use crate::error::ApiError;

/// The algorithms CDS Hooks allows.
pub const ALGORITHMS: [Algorithm; 2] = [Algorithm::ES384, Algorithm::RS384];

/// Seconds of clock difference tolerated on `exp` and `iat`.
pub const LEEWAY_SECONDS: u64 = 30;

/// The most `jti`s remembered at once (about 100 bytes each); past it,
/// tokens are refused until old ones expire, so a flood cannot grow memory
/// without bound. With 300-second tokens that is 3 300 calls a second, per
/// process: each replica of the service remembers only its own calls.
pub const MAX_REMEMBERED_TOKENS: usize = 1_000_000;

/// One verification key of an issuer.
#[derive(Clone)]
struct Key {
    kid: Option<String>,
    algorithm: Algorithm,
    key: DecodingKey,
}

/// The most bytes of a fetched JWK Set.
pub const MAX_JWKS_BYTES: usize = 256 * 1024;

/// Why a JWK Set was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JwksError {
    /// The document is not a JWK Set.
    #[error("not a JWK Set: {0}")]
    NotAJwkSet(String),
    /// The set holds no ES384 (P-384) or RS384 key.
    #[error("no ES384 (P-384) or RS384 key in its JWK Set")]
    NoUsableKey,
    /// The set could not be fetched.
    #[error("its JWK Set could not be fetched: {0}")]
    Fetch(String),
    /// The fetched set is larger than [`MAX_JWKS_BYTES`].
    #[error("its JWK Set is larger than {MAX_JWKS_BYTES} bytes")]
    TooLarge,
}

/// A trusted issuer and where its keys come from.
#[derive(Clone)]
pub struct Issuer {
    iss: String,
    keys: Keys,
}

#[derive(Clone)]
enum Keys {
    /// Read once from a file.
    Fixed(Arc<Vec<Key>>),
    /// Fetched from the issuer's JWK Set URL and cached.
    Fetched(Arc<KeyCache>),
}

impl std::fmt::Debug for Issuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Issuer");
        d.field("iss", &self.iss);
        match &self.keys {
            Keys::Fixed(keys) => {
                let kids: Vec<_> = keys.iter().map(|k| (&k.kid, k.algorithm)).collect();
                d.field("keys", &kids)
            }
            Keys::Fetched(cache) => d.field("jwks_url", &cache.url.as_str()),
        };
        d.finish()
    }
}

/// The keys of one JWK Set URL, cached.
#[derive(Default)]
struct Cached {
    /// The keys and when they were last fetched successfully: read by
    /// every token, written after a fetch.
    keys: std::sync::RwLock<(Arc<Vec<Key>>, Option<Instant>)>,
    /// When a fetch was last tried. Held across a fetch, so concurrent
    /// requests that need one wait for it (bounded by the fetch timeout)
    /// instead of starting many; tokens the cached keys verify never wait.
    tried: tokio::sync::Mutex<Option<Instant>>,
}

impl Cached {
    /// The cached keys, if fetched within `ttl`, and whether they hold
    /// `kid` (no `kid`: any key may do).
    fn fresh(&self, ttl: std::time::Duration, kid: Option<&str>) -> Option<(Arc<Vec<Key>>, bool)> {
        // A poisoned lock only means a panic elsewhere; the keys are sound.
        let guard = self
            .keys
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (keys, fetched) = &*guard;
        if !fetched.is_some_and(|t| t.elapsed() < ttl) {
            return None;
        }
        let known = kid.is_none_or(|kid| keys.iter().any(|k| k.kid.as_deref() == Some(kid)));
        Some((Arc::clone(keys), known))
    }
}

/// An issuer's JWK Set URL and the `jku` URLs it may name, each with its
/// cached keys.
pub struct KeyCache {
    url: reqwest::Url,
    /// The default set first, then the allow-listed `jku` sets. A fetch
    /// holds the set's lock, so concurrent requests wait for one fetch
    /// (bounded by the fetch timeout) instead of starting many.
    sets: Vec<(reqwest::Url, Cached)>,
    settings: crate::config::JwksSettings,
}

impl std::fmt::Debug for KeyCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyCache")
            .field("url", &self.url.as_str())
            .field("sets", &self.sets.len())
            .finish()
    }
}

/// What a key fetch did, for the metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refresh {
    /// New keys were fetched.
    Fetched,
    /// The fetch failed (down, garbage, no usable key); the cached keys
    /// stay until their TTL.
    Failed,
}

impl Refresh {
    /// The metric label.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Refresh::Fetched => "fetched",
            Refresh::Failed => "failed",
        }
    }
}

/// What verification needs from the service: its HTTP client, and where to
/// count key refreshes.
pub struct Fetching<'a> {
    /// The HTTP client (no redirects).
    pub http: &'a reqwest::Client,
    /// Called once per fetch with the issuer and what happened.
    pub on_refresh: &'a (dyn Fn(&str, Refresh) + Send + Sync),
}

impl KeyCache {
    /// The cache of the JWK Set at `url`, which also honours tokens whose
    /// `jku` is one of `jku` (the set at `url` is always honoured).
    #[must_use]
    pub fn new(
        url: reqwest::Url,
        jku: Vec<reqwest::Url>,
        settings: crate::config::JwksSettings,
    ) -> KeyCache {
        let mut sets = vec![(url.clone(), Cached::default())];
        for u in jku {
            if !sets.iter().any(|(s, _)| *s == u) {
                sets.push((u, Cached::default()));
            }
        }
        KeyCache {
            url,
            sets,
            settings,
        }
    }

    /// The keys for a token with this `jku` and `kid`: fetched when the
    /// cache is older than the TTL or lacks the `kid`, if no fetch was
    /// tried within `min_refresh`.
    async fn keys(
        &self,
        iss: &str,
        jku: Option<&str>,
        kid: Option<&str>,
        fetching: &Fetching<'_>,
    ) -> Result<Arc<Vec<Key>>, ApiError> {
        let deny = |why: String| ApiError::Unauthorized(why);
        let set = match jku {
            None => self.sets.first(),
            Some(jku) => self.sets.iter().find(|(u, _)| u.as_str() == jku),
        };
        let Some((url, cached)) = set else {
            return Err(deny(format!(
                "the token's jku is not on issuer {iss:?}'s allow-list"
            )));
        };
        let s = self.settings;
        // The common case: fresh keys holding the kid, without waiting.
        if let Some((keys, true)) = cached.fresh(s.ttl, kid) {
            return Ok(keys);
        }
        let mut tried = cached.tried.lock().await;
        // Another request may have fetched while this one waited.
        if let Some((keys, true)) = cached.fresh(s.ttl, kid) {
            return Ok(keys);
        }
        if tried.is_none_or(|t| t.elapsed() >= s.min_refresh) {
            *tried = Some(Instant::now());
            match fetch_jwks(fetching.http, url, s.timeout).await {
                Ok((keys, skipped)) => {
                    for why in skipped {
                        tracing::warn!(issuer = %iss, "JWKS key skipped: {why}");
                    }
                    *cached
                        .keys
                        .write()
                        .unwrap_or_else(std::sync::PoisonError::into_inner) =
                        (Arc::new(keys), Some(Instant::now()));
                    (fetching.on_refresh)(iss, Refresh::Fetched);
                    tracing::info!(issuer = %iss, url = %url, "JWK Set fetched");
                }
                Err(e) => {
                    (fetching.on_refresh)(iss, Refresh::Failed);
                    tracing::warn!(issuer = %iss, url = %url, "JWK Set fetch failed: {e}");
                }
            }
        }
        drop(tried);
        // Fresh keys without the kid still answer: the token then fails
        // verification with "no key matches".
        match cached.fresh(s.ttl, kid) {
            Some((keys, _)) => Ok(keys),
            None => Err(deny(format!(
                "the signing keys of issuer {iss:?} could not be had; try again later"
            ))),
        }
    }
}

async fn fetch_jwks(
    http: &reqwest::Client,
    url: &reqwest::Url,
    timeout: std::time::Duration,
) -> Result<(Vec<Key>, Vec<String>), JwksError> {
    let fail = |e: reqwest::Error| JwksError::Fetch(e.without_url().to_string());
    let mut response = http
        .get(url.clone())
        .header("Accept", "application/jwk-set+json, application/json")
        .timeout(timeout)
        .send()
        .await
        .map_err(fail)?;
    if !response.status().is_success() {
        return Err(JwksError::Fetch(format!("answered {}", response.status())));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(fail)? {
        if body.len().saturating_add(chunk.len()) > MAX_JWKS_BYTES {
            return Err(JwksError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    let text = String::from_utf8(body).map_err(|e| JwksError::NotAJwkSet(e.to_string()))?;
    keys_of_set(&text)
}

fn keys_of_set(jwks_json: &str) -> Result<(Vec<Key>, Vec<String>), JwksError> {
    let set: JwkSet =
        serde_json::from_str(jwks_json).map_err(|e| JwksError::NotAJwkSet(e.to_string()))?;
    let mut keys = Vec::new();
    let mut skipped = Vec::new();
    for (i, jwk) in set.keys.iter().enumerate() {
        let name = jwk.common.key_id.clone().unwrap_or_else(|| format!("#{i}"));
        match key_of(jwk) {
            Ok(key) => keys.push(key),
            Err(why) => skipped.push(format!("key {name}: {why}")),
        }
    }
    if keys.is_empty() {
        return Err(JwksError::NoUsableKey);
    }
    Ok((keys, skipped))
}

impl Issuer {
    /// An issuer with the ES384 and RS384 keys of a JWK Set (the issuer's
    /// JWKS document). Keys of other kinds or algorithms are skipped and
    /// named in the second value, so the operator can be told.
    ///
    /// # Errors
    ///
    /// When the document is not a JWK Set, or holds no usable key.
    pub fn from_jwks(
        iss: impl Into<String>,
        jwks_json: &str,
    ) -> Result<(Issuer, Vec<String>), JwksError> {
        let iss = iss.into();
        let (keys, skipped) = keys_of_set(jwks_json)?;
        let skipped = skipped
            .into_iter()
            .map(|why| format!("issuer {iss}, {why}"))
            .collect();
        Ok((
            Issuer {
                iss,
                keys: Keys::Fixed(Arc::new(keys)),
            },
            skipped,
        ))
    }

    /// An issuer whose keys are fetched from its JWK Set URL (nothing is
    /// fetched until the first token arrives).
    #[must_use]
    pub fn from_url(iss: impl Into<String>, cache: KeyCache) -> Issuer {
        Issuer {
            iss: iss.into(),
            keys: Keys::Fetched(Arc::new(cache)),
        }
    }

    /// The issuer's `iss`.
    #[must_use]
    pub fn iss(&self) -> &str {
        &self.iss
    }
}

fn key_of(jwk: &Jwk) -> Result<Key, String> {
    let inferred = match &jwk.algorithm {
        AlgorithmParameters::EllipticCurve(ec) if ec.curve == EllipticCurve::P384 => {
            Algorithm::ES384
        }
        AlgorithmParameters::RSA(_) => Algorithm::RS384,
        _ => return Err("not a P-384 EC or RSA key".into()),
    };
    let algorithm = match jwk.common.key_algorithm {
        None => inferred,
        Some(KeyAlgorithm::ES384) if inferred == Algorithm::ES384 => Algorithm::ES384,
        Some(KeyAlgorithm::RS384) if inferred == Algorithm::RS384 => Algorithm::RS384,
        Some(other) => return Err(format!("algorithm {other:?} is not ES384 or RS384")),
    };
    let key = DecodingKey::from_jwk(jwk).map_err(|e| format!("unreadable: {e}"))?;
    Ok(Key {
        kid: jwk.common.key_id.clone(),
        algorithm,
        key,
    })
}

/// The claims the service reads.
#[derive(Debug, Clone, Deserialize)]
pub struct Claims {
    /// The issuer.
    pub iss: String,
    /// When the token expires (seconds since 1970).
    pub exp: u64,
    /// When it was issued.
    pub iat: u64,
    /// Its one-time id.
    pub jti: String,
    /// The client's `sub`, if given.
    #[serde(default)]
    pub sub: Option<String>,
}

#[derive(Deserialize)]
struct Unverified {
    #[serde(default)]
    iss: Option<String>,
}

/// Verifies bearer tokens against the configured issuers and remembers
/// every `jti` until its token expires.
#[derive(Debug)]
pub struct Verifier {
    issuers: HashMap<String, Issuer>,
    max_lifetime: u64,
    seen: Mutex<Seen>,
}

impl Verifier {
    /// A verifier trusting these issuers. Tokens may live at most
    /// `max_lifetime_seconds` (from `iat` to `exp`): the replay window, so
    /// a `jti` is never forgotten while its token could still be used.
    #[must_use]
    pub fn new(issuers: Vec<Issuer>, max_lifetime_seconds: u64) -> Verifier {
        Verifier {
            issuers: issuers.into_iter().map(|i| (i.iss.clone(), i)).collect(),
            max_lifetime: max_lifetime_seconds,
            seen: Mutex::new(Seen::default()),
        }
    }

    /// The trusted issuers' `iss` values, sorted.
    #[must_use]
    pub fn issuers(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self.issuers.keys().map(String::as_str).collect();
        all.sort_unstable();
        all
    }

    /// Checks the `Authorization` header of a call at `now` (seconds since
    /// 1970). `audiences` are the URLs the token's `aud` may name: the
    /// service called, with or without a trailing slash.
    ///
    /// Keys fetched from an issuer's URL are read through `fetching`; a
    /// fetch is bounded by its timeout, so verification never hangs.
    ///
    /// # Errors
    ///
    /// [`ApiError::Unauthorized`] saying what was wrong.
    pub async fn verify(
        &self,
        authorization: Option<&str>,
        audiences: &[String],
        now: u64,
        fetching: &Fetching<'_>,
    ) -> Result<Claims, ApiError> {
        let deny = |why: &str| ApiError::Unauthorized(why.to_owned());
        let header = authorization
            .ok_or_else(|| deny("no Authorization header: a bearer JWT is required"))?;
        let token = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
            .ok_or_else(|| deny("the Authorization header is not a Bearer token"))?
            .trim();
        let head =
            jsonwebtoken::decode_header(token).map_err(|e| deny(&format!("not a JWT: {e}")))?;
        if !ALGORITHMS.contains(&head.alg) {
            return Err(deny(&format!(
                "algorithm {:?} is not ES384 or RS384",
                head.alg
            )));
        }
        let unverified: Unverified = jsonwebtoken::dangerous::insecure_decode_claims(token)
            .map_err(|e| deny(&format!("unreadable claims: {e}")))?;
        let iss = unverified.iss.ok_or_else(|| deny("the token has no iss"))?;
        let issuer = self
            .issuers
            .get(&iss)
            .ok_or_else(|| deny(&format!("issuer {iss:?} is not trusted")))?;
        let keys = match &issuer.keys {
            // Keys from a file are the operator's: a jku cannot change them.
            Keys::Fixed(keys) => Arc::clone(keys),
            Keys::Fetched(cache) => {
                cache
                    .keys(&iss, head.jku.as_deref(), head.kid.as_deref(), fetching)
                    .await?
            }
        };
        // A token naming a kid is checked with that key, or with the keys
        // that have no kid; without a kid, with every key of its algorithm.
        let named = keys.iter().any(|k| head.kid.is_some() && k.kid == head.kid);
        let candidates = keys.iter().filter(|k| {
            k.algorithm == head.alg
                && (head.kid.is_none() || k.kid == head.kid || (!named && k.kid.is_none()))
        });
        let mut validation = Validation::new(head.alg);
        validation.set_audience(audiences);
        validation.set_issuer(&[iss.as_str()]);
        validation.set_required_spec_claims(&["exp", "iss", "aud"]);
        validation.leeway = LEEWAY_SECONDS;
        let mut last = deny(&format!(
            "no key of issuer {iss:?} matches kid {:?} and {:?}",
            head.kid, head.alg
        ));
        let mut verified = None;
        for key in candidates {
            match jsonwebtoken::decode::<Claims>(token, &key.key, &validation) {
                Ok(data) => {
                    verified = Some(data.claims);
                    break;
                }
                Err(e) => last = deny(&why(&e, audiences)),
            }
        }
        let claims = verified.ok_or(last)?;
        if claims.iat > now.saturating_add(LEEWAY_SECONDS) {
            return Err(deny("the token was issued in the future (iat)"));
        }
        if claims.exp.saturating_sub(claims.iat) > self.max_lifetime {
            return Err(deny(&format!(
                "the token lives longer than {} s (exp - iat)",
                self.max_lifetime
            )));
        }
        if claims.jti.is_empty() {
            return Err(deny("the token's jti is empty"));
        }
        self.remember(&claims, now)?;
        Ok(claims)
    }

    fn remember(&self, claims: &Claims, now: u64) -> Result<(), ApiError> {
        let deny = |why: &str| ApiError::Unauthorized(why.to_owned());
        // A poisoned lock only means another request panicked while holding
        // it; the sets themselves are still sound.
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        seen.forget_expired(now);
        let key = (claims.iss.clone(), claims.jti.clone());
        if seen.ids.contains(&key) {
            return Err(deny("the token was already used (jti replayed)"));
        }
        if seen.ids.len() >= MAX_REMEMBERED_TOKENS {
            return Err(deny("too many live tokens; try again shortly"));
        }
        seen.by_expiry.insert((claims.exp, key.clone()));
        seen.ids.insert(key);
        Ok(())
    }
}

/// The `(iss, jti)` pairs of live tokens, and the same ordered by expiry
/// so the expired ones are dropped from the front on every call.
#[derive(Debug, Default)]
struct Seen {
    ids: HashSet<(String, String)>,
    by_expiry: BTreeSet<(u64, (String, String))>,
}

impl Seen {
    fn forget_expired(&mut self, now: u64) {
        while let Some(first) = self.by_expiry.first() {
            if first.0.saturating_add(LEEWAY_SECONDS) >= now {
                break;
            }
            if let Some((_, key)) = self.by_expiry.pop_first() {
                self.ids.remove(&key);
            }
        }
    }
}

fn why(e: &jsonwebtoken::errors::Error, audiences: &[String]) -> String {
    use jsonwebtoken::errors::ErrorKind as K;
    match e.kind() {
        K::ExpiredSignature => "the token has expired (exp)".into(),
        K::InvalidAudience => format!(
            "the token's aud is not {}",
            audiences.first().map_or("this service", String::as_str)
        ),
        K::InvalidIssuer => "the token's iss does not match".into(),
        K::InvalidSignature => "the signature does not verify".into(),
        K::ImmatureSignature => "the token is not valid yet (nbf)".into(),
        K::MissingRequiredClaim(c) => format!("the token has no {c}"),
        // serde's words name the claim: "missing field `jti`".
        K::Json(e) => format!("the token's claims are not acceptable: {e}"),
        other => format!("the token is not acceptable: {other:?}"),
    }
}
