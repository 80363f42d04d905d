//! # prolo-triage-cds
//!
//! A CDS Hooks 2.0 service that shows a prolo-triage assessment as a card
//! inside the EHR. All I/O of the project lives here: HTTP (axum, tokio,
//! tower-http), JWT verification, reads from the client's FHIR server, the
//! clock and logging. The decision itself is the pure `prolo-triage` crate,
//! fed by the pure `prolo-triage-fhir` mapping.
//!
//! | endpoint | what |
//! | --- | --- |
//! | `GET /cds-services` | discovery: `prolo-triage` (patient-view) and `prolo-triage-order-select` |
//! | `POST /cds-services/{id}` | a hook call: prefetch (or the FHIR server) → mapping → assessment → cards |
//! | `POST /cds-services/{id}/feedback` | feedback on a card, checked and logged |
//! | `GET /health` | liveness |
//! | `POST /v1/assess`, `POST /v1/assess/fhir`, `POST /v1/handout`, `GET /v1/questionnaire`, `GET /v1/intake-questionnaire`, `GET /v1/policies` | the REST API ([`rest`]) |
//! | `GET /openapi.json` | its OpenAPI 3.1 document ([`openapi`]) |
//! | `GET /metrics` | Prometheus metrics ([`metrics`]) |
//! | `GET /app/` | the clinician app, when its folder is configured ([`app`]) |
//!
//! ```no_run
//! use prolo_triage_cds::{router, AppState, Config};
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let state = AppState::new(Config::new("http://127.0.0.1:8080"))?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! let limits = prolo_triage_cds::serve::Limits::of(state.config());
//! prolo_triage_cds::serve::serve(listener, router(state), limits, shutdown_signal()).await;
//! # use prolo_triage_cds::shutdown_signal;
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::panic
    )
)]

pub mod app;
pub mod auth;
pub mod cards;
pub mod config;
pub mod discovery;
mod error;
pub mod feedback;
mod fetch;
pub mod hooks;
pub mod metrics;
pub mod openapi;
pub mod rest;
pub mod serve;

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use prolo_triage_fhir::{AsOf, MappingOptions};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::trace::TraceLayer;

pub use config::{Auth, Config, StartError};
pub use error::{ApiError, Problem};

use discovery::Hook;

/// What every request shares; cheap to clone (axum clones it per request).
#[derive(Debug, Clone)]
pub struct AppState {
    config: Arc<Config>,
    /// The mapping options, built once; each request moves them to its
    /// as-of moment.
    mapping: MappingOptions,
    http: reqwest::Client,
    metrics: metrics::Metrics,
    /// Card feedback, bounded, for export (`GET /v1/feedback`).
    feedback: Arc<feedback::Store>,
}

impl AppState {
    /// The state for a configuration.
    ///
    /// # Errors
    ///
    /// When the HTTP client for FHIR reads cannot start.
    pub fn new(config: Config) -> Result<AppState, StartError> {
        let http = fetch::client(config.fhir_timeout).map_err(StartError::HttpClient)?;
        // The as-of moment is replaced on every request (`MappingOptions::at`).
        let placeholder = AsOf::day(prolo_triage_fhir::Date::MIN);
        let mapping = MappingOptions::new(config.as_of.unwrap_or(placeholder))
            .with_codes(config.codes.clone())
            .medication_list_complete(config.medication_list_complete)
            .allergy_list_complete(config.allergy_list_complete);
        Ok(AppState {
            config: Arc::new(config),
            mapping,
            http,
            metrics: metrics::Metrics::new()?,
            feedback: Arc::default(),
        })
    }

    /// The configuration.
    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The metrics.
    #[must_use]
    pub fn metrics(&self) -> &metrics::Metrics {
        &self.metrics
    }

    /// The feedback store.
    #[must_use]
    pub fn feedback(&self) -> &feedback::Store {
        &self.feedback
    }

    /// The mapping options (as of a placeholder moment: move them with
    /// `MappingOptions::at`).
    #[must_use]
    pub fn mapping(&self) -> &MappingOptions {
        &self.mapping
    }
}

/// The service's routes and layers: timeout, CORS (for the configured
/// origins), request tracing.
pub fn router(state: AppState) -> Router {
    let mut app = Router::new()
        .route("/cds-services", get(discovery_handler))
        .route("/cds-services/{id}", post(hook_handler))
        .route("/cds-services/{id}/feedback", post(feedback_handler))
        .route("/health", get(health))
        .route("/v1/assess", post(rest::assess_presentation))
        .route("/v1/assess/fhir", post(rest::assess_fhir))
        .route("/v1/questionnaire", get(rest::questionnaire))
        .route("/v1/intake-questionnaire", get(rest::intake_questionnaire))
        .route("/v1/handout", post(rest::handout))
        .route("/v1/policies", get(rest::policies))
        .route("/v1/source-attributes", get(rest::source_attributes))
        .route("/v1/feedback", get(rest::feedback_export))
        .route("/openapi.json", get(openapi_handler))
        .route("/metrics", get(metrics_handler));
    if let Some(dir) = &state.config().app_dir {
        app = app.merge(app::routes(dir));
    }
    let mut app = app
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), time_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ));
    if matches!(state.config().auth, Auth::Disabled) {
        tracing::warn!("authentication is disabled: every caller gets patient assessments");
    }
    // `*` would make the CORS layer panic, and is no origin list anyway;
    // the binary refuses it at start, a library caller gets it skipped.
    let origins: Vec<HeaderValue> = state
        .config()
        .allowed_origins
        .iter()
        .filter(|o| o.as_str() != "*")
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    if !origins.is_empty() {
        app = app.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT]),
        );
    }
    app.layer(TraceLayer::new_for_http()).with_state(state)
}

/// Every request gets an answer within the configured time: a JSON 503
/// rather than a hung EHR screen.
async fn time_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limit = state.config().request_timeout;
    let path = request.uri().path().to_owned();
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::Timeout {
            millis: u64::try_from(limit.as_millis()).unwrap_or(u64::MAX),
        }
        .into_response_for(&path),
    }
}

pub(crate) fn json_response<T: serde::Serialize>(value: &T) -> Response {
    match serde_json::to_string(value) {
        Ok(text) => (
            StatusCode::OK,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            text,
        )
            .into_response(),
        Err(e) => ApiError::Internal(e.to_string()).into_response(),
    }
}

async fn discovery_handler(State(state): State<AppState>) -> Response {
    json_response(&discovery::discovery(
        state.config().prefetch_include,
        &state.config().public_url,
    ))
}

/// `GET /health`.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `ok` when the service answers.
    #[schema(example = "ok")]
    pub status: &'static str,
    /// The service's version.
    #[schema(example = "0.1.0")]
    pub version: &'static str,
}

/// Liveness.
///
/// Answers as long as the service runs; holds no patient data.
#[utoipa::path(
    get,
    path = "/health",
    tag = "operations",
    responses((status = 200, description = "The service runs", body = Health))
)]
pub(crate) async fn health() -> Response {
    json_response(&Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}

async fn openapi_handler() -> Response {
    json_response(&openapi::document())
}

async fn metrics_handler(State(state): State<AppState>) -> Response {
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        state.metrics().render(),
    )
        .into_response()
}

async fn method_not_allowed(request: Request) -> Response {
    let path = request.uri().path().to_owned();
    ApiError::MethodNotAllowed(format!("{} {path}", request.method())).into_response_for(&path)
}

async fn not_found(request: Request) -> Response {
    let path = request.uri().path().to_owned();
    ApiError::NotFound(format!("{} {path}", request.method())).into_response_for(&path)
}

fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Now, UTC, RFC 3339 (when a feedback record was received).
fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The as-of moment: the configured one, else now (UTC, to the second).
pub(crate) fn as_of(config: &Config) -> Result<AsOf, ApiError> {
    if let Some(fixed) = config.as_of {
        return Ok(fixed);
    }
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time::OffsetDateTime::now_utc()
        .format(&format)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| ApiError::Internal("the clock gave no usable time".into()))
}

/// The audiences of a call to service `id` (its feedback endpoint when
/// `feedback`): the service's URL or the URL called, each with or without
/// a trailing slash.
fn hook_audiences(state: &AppState, id: &str, feedback: bool) -> Vec<String> {
    let service = state.config().audience(id);
    let mut audiences = vec![service.clone(), format!("{service}/")];
    if feedback {
        audiences.push(format!("{service}/feedback"));
        audiences.push(format!("{service}/feedback/"));
    }
    audiences
}

/// Checks the bearer token of a call whose `aud` may be any of
/// `audiences`.
pub(crate) async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
    audiences: &[String],
) -> Result<(), ApiError> {
    match &state.config().auth {
        Auth::Disabled => Ok(()),
        Auth::Jwt(verifier) => {
            let header = headers
                .get(header::AUTHORIZATION)
                .map(|v| {
                    v.to_str().map_err(|_| {
                        ApiError::Unauthorized("the Authorization header is not text".into())
                    })
                })
                .transpose()?;
            let metrics = state.metrics().clone();
            let on_refresh = move |iss: &str, outcome| metrics.key_refresh(iss, outcome);
            let fetching = auth::Fetching {
                http: &state.http,
                on_refresh: &on_refresh,
            };
            verifier
                .verify(header, audiences, now_seconds(), &fetching)
                .await
                .map(|_| ())
        }
    }
}

pub(crate) async fn body_bytes(state: &AppState, body: Body) -> Result<Bytes, ApiError> {
    let limit = state.config().body_limit;
    to_bytes(body, limit).await.map_err(|e| {
        let too_large = std::error::Error::source(&e)
            .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
        if too_large {
            ApiError::TooLarge { limit }
        } else {
            ApiError::invalid("document", format!("the body could not be read: {e}"))
        }
    })
}

fn service(id: &str) -> Result<Hook, ApiError> {
    Hook::of_service(id).ok_or_else(|| ApiError::NotFound(format!("no CDS service {id:?}")))
}

async fn hook_handler(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match call(&state, &id, &headers, body).await {
        Ok(response) => json_response(&response),
        Err(e) => {
            tracing::info!(service = %id, status = e.status().as_u16(), error = %e, "hook call refused");
            e.into_response()
        }
    }
}

async fn call(
    state: &AppState,
    id: &str,
    headers: &HeaderMap,
    body: Body,
) -> Result<cards::Response, ApiError> {
    let hook = service(id)?;
    authenticate(state, headers, &hook_audiences(state, id, false)).await?;
    let bytes = body_bytes(state, body).await?;
    let request: hooks::HookRequest = error::from_json(&bytes)?;
    let checked = hooks::check(&request, hook)?;
    let as_of = as_of(state.config())?;
    let uuid = uuid::Uuid::new_v4().to_string();
    let hook_instance = request.hook_instance.clone();
    let response = hooks::answer(state, hook, request, checked, as_of, &uuid).await?;
    for card in &response.cards {
        tracing::info!(
            service = %id,
            hook_instance = %hook_instance,
            card = %card.uuid,
            indicator = ?card.indicator,
            "card given"
        );
    }
    Ok(response)
}

async fn feedback_handler(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let result = async {
        service(&id)?;
        authenticate(&state, &headers, &hook_audiences(&state, &id, true)).await?;
        let bytes = body_bytes(&state, body).await?;
        let feedback: feedback::Feedback = error::from_json(&bytes)?;
        feedback::check(&feedback)?;
        feedback::log(&id, &feedback);
        state.feedback.record(&id, &feedback, &now_rfc3339());
        Ok::<(), ApiError>(())
    }
    .await;
    match result {
        Ok(()) => StatusCode::OK.into_response(),
        Err(e) => e.into_response(),
    }
}

/// Resolves when the process is asked to stop (Ctrl-C or SIGTERM), for
/// [`serve::serve`].
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
