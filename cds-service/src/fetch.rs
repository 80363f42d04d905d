//! Reading what the client did not prefetch from its FHIR server: bounded
//! in time and size, with the bearer token the client gave, and never
//! following a redirect (a token must not travel to another host).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use prolo_triage_fhir::MAX_INPUT_BYTES;
use serde_json::Value;
use tokio::task::JoinSet;

/// The HTTP client for FHIR reads.
///
/// # Errors
///
/// When the TLS backend cannot start.
pub fn client(timeout: Duration) -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("prolo-triage-cds/", env!("CARGO_PKG_VERSION")))
        .build()
}

/// Reads from one FHIR server for one request.
pub struct Fetcher<'a> {
    http: &'a reqwest::Client,
    base: &'a reqwest::Url,
    token: Option<&'a str>,
}

impl<'a> Fetcher<'a> {
    /// A fetcher for `base` with an optional bearer token.
    #[must_use]
    pub fn new(http: &'a reqwest::Client, base: &'a reqwest::Url, token: Option<&'a str>) -> Self {
        Fetcher { http, base, token }
    }

    /// Reads every query at once; each answer is the resource or Bundle,
    /// or why it could not be had. A query that could not be filled (no
    /// value for a token) is `None`. All the answers together may hold at
    /// most [`MAX_INPUT_BYTES`], what one mapping reads.
    pub async fn fetch_all(
        &self,
        queries: Vec<(&'static str, Option<String>)>,
    ) -> Vec<(&'static str, Result<Value, String>)> {
        let mut set = JoinSet::new();
        let mut keys = HashMap::new();
        let mut out = Vec::new();
        let budget = Arc::new(AtomicUsize::new(MAX_INPUT_BYTES));
        for (key, query) in queries {
            let Some(query) = query else {
                out.push((
                    key,
                    Err("its query has a token the context does not fill".to_owned()),
                ));
                continue;
            };
            let url = format!("{}/{query}", self.base.as_str().trim_end_matches('/'));
            let mut request = self
                .http
                .get(url)
                .header("Accept", "application/fhir+json, application/json");
            if let Some(token) = self.token {
                request = request.bearer_auth(token);
            }
            let budget = Arc::clone(&budget);
            let task = set.spawn(async move { read(request, &budget).await });
            keys.insert(task.id(), key);
        }
        while let Some(joined) = set.join_next_with_id().await {
            let (id, result) = match joined {
                Ok((id, result)) => (id, result),
                // A read task cannot panic on data, but if one is lost its
                // key is still answered: as not had.
                Err(e) => (e.id(), Err(format!("the read failed: {e}"))),
            };
            if let Some(key) = keys.get(&id) {
                out.push((*key, result));
            }
        }
        out
    }
}

async fn read(request: reqwest::RequestBuilder, budget: &AtomicUsize) -> Result<Value, String> {
    let mut response = request.send().await.map_err(|e| describe(&e))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("the FHIR server answered {status}"));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| describe(&e))? {
        let taken = budget.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
            left.checked_sub(chunk.len())
        });
        if taken.is_err() {
            return Err(format!(
                "the FHIR server's answers are larger than {MAX_INPUT_BYTES} bytes in all"
            ));
        }
        body.extend_from_slice(&chunk);
    }
    let value: Value = serde_json::from_slice(&body)
        .map_err(|e| format!("the FHIR server's answer is not JSON: {e}"))?;
    match value.get("resourceType").and_then(Value::as_str) {
        Some("OperationOutcome") => Err("the FHIR server answered with an OperationOutcome".into()),
        Some(_) => Ok(value),
        None => Err("the FHIR server's answer is not a FHIR resource".into()),
    }
}

fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "the FHIR server did not answer in time".into()
    } else if e.is_connect() {
        "the FHIR server could not be reached".into()
    } else {
        format!("reading the FHIR server failed: {e}")
    }
}
