//! Prometheus metrics, served at `GET /metrics` in the text exposition
//! format: requests by route and status, latency by route, verdicts given,
//! FHIR reads that failed, JWK Set refreshes. One registry per service (no
//! global recorder), so tests can run several services in one process.
//!
//! Labels are bounded: routes are the router's templates
//! (`/cds-services/{id}`, never the id), prefetch keys and verdicts are
//! this service's own vocabularies, issuers come from the configuration.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry};

use crate::AppState;

/// The service's metrics.
#[derive(Debug, Clone)]
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    verdicts: IntCounterVec,
    fhir_read_failures: IntCounterVec,
    key_refreshes: IntCounterVec,
}

/// Latency buckets in seconds: from well under a millisecond to the
/// longest a request may take.
const BUCKETS: [f64; 14] = [
    0.000_5, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0,
];

impl Metrics {
    /// A fresh registry with every metric at zero.
    ///
    /// # Errors
    ///
    /// When the registry refuses a metric (a bug: names are constants).
    pub fn new() -> Result<Metrics, prometheus::Error> {
        let registry = Registry::new_custom(Some("prolo_triage_cds".into()), None)?;
        let requests = IntCounterVec::new(
            Opts::new(
                "http_requests_total",
                "HTTP requests answered, by route and status",
            ),
            &["route", "method", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "Time from request to response head, by route",
            )
            .buckets(BUCKETS.to_vec()),
            &["route"],
        )?;
        let verdicts = IntCounterVec::new(
            Opts::new(
                "verdicts_total",
                "Assessments made, by verdict and entry point",
            ),
            &["verdict", "via"],
        )?;
        let fhir_read_failures = IntCounterVec::new(
            Opts::new(
                "fhir_read_failures_total",
                "Reads from a FHIR server that failed, by prefetch key",
            ),
            &["key"],
        )?;
        let key_refreshes = IntCounterVec::new(
            Opts::new(
                "jwks_refreshes_total",
                "JWK Set fetches, by issuer and outcome (fetched, failed)",
            ),
            &["issuer", "outcome"],
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(verdicts.clone()))?;
        registry.register(Box::new(fhir_read_failures.clone()))?;
        registry.register(Box::new(key_refreshes.clone()))?;
        Ok(Metrics {
            registry,
            requests,
            latency,
            verdicts,
            fhir_read_failures,
            key_refreshes,
        })
    }

    /// Counts an assessment's verdict; `via` is `hook`, `rest` or
    /// `rest_fhir`.
    pub fn verdict(&self, verdict: prolo_triage::Verdict, via: &'static str) {
        let name: &'static str = verdict.into();
        self.verdicts.with_label_values(&[name, via]).inc();
    }

    /// Counts a failed FHIR read of a prefetch key.
    pub fn fhir_read_failed(&self, key: &str) {
        self.fhir_read_failures.with_label_values(&[key]).inc();
    }

    /// Counts a JWK Set fetch of an issuer.
    pub fn key_refresh(&self, issuer: &str, outcome: crate::auth::Refresh) {
        self.key_refreshes
            .with_label_values(&[issuer, outcome.as_str()])
            .inc();
    }

    /// Every metric in the Prometheus text format.
    #[must_use]
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        // Encoding into a Vec cannot fail but for a bug; an empty page
        // is then the answer, not a panic.
        let _ = prometheus::TextEncoder::new().encode(&self.registry.gather(), &mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

/// Middleware: counts each request by its route template and status, and
/// times it.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |m| m.as_str())
        .to_owned();
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let m = state.metrics();
    m.latency
        .with_label_values(&[&route])
        .observe(started.elapsed().as_secs_f64());
    m.requests
        .with_label_values(&[&route, &method, response.status().as_str()])
        .inc();
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_is_rendered_with_the_prefix() {
        let m = Metrics::new().unwrap();
        m.verdict(prolo_triage::Verdict::Discuss, "rest");
        m.fhir_read_failed("temperature");
        m.key_refresh("https://ehr.example.org", crate::auth::Refresh::Failed);
        m.requests
            .with_label_values(&["/health", "GET", "200"])
            .inc();
        m.latency.with_label_values(&["/health"]).observe(0.001);
        let text = m.render();
        for line in [
            "prolo_triage_cds_verdicts_total{verdict=\"discuss\",via=\"rest\"} 1",
            "prolo_triage_cds_fhir_read_failures_total{key=\"temperature\"} 1",
            "prolo_triage_cds_jwks_refreshes_total{issuer=\"https://ehr.example.org\",outcome=\"failed\"} 1",
            "prolo_triage_cds_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"} 1",
            "prolo_triage_cds_http_request_duration_seconds_count{route=\"/health\"} 1",
        ] {
            assert!(text.contains(line), "{line} not in\n{text}");
        }
    }
}
