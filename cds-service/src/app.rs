//! The clinician app at `/app/`: the static files `web/build.sh` writes
//! into `web/dist/`, served from the configured folder
//! ([`Config::app_dir`](crate::Config::app_dir)), and the service's
//! default policy as `/app/policy.json`, which the app loads before it is
//! ready — so the page and the card give the same verdict for the same
//! facts. A card with open questions links here (see [`crate::cards`]),
//! the presentation in the URL's fragment, which a browser never sends to
//! a server.
//!
//! The files are read from the folder on each request (tower-http's
//! `ServeDir`: content types by extension, `Last-Modified` and `304`
//! revalidation, no path outside the folder, no directory listings); the
//! binary stays independent of npm and an operator can update the app
//! without a restart. Every answer says `Cache-Control: no-cache` (the
//! file names carry no content hash, and the policy changes with a
//! restart): a browser may keep a copy but asks first. Like discovery, the
//! app holds no patient data and is open.

use std::convert::Infallible;
use std::path::Path;

use axum::extract::{OriginalUri, Request, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::middleware::map_response;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower::{service_fn, ServiceBuilder};
use tower_http::services::ServeDir;

use crate::{ApiError, AppState};

/// The routes of the app served from `dir`: `/app` (a redirect to
/// `/app/`), `/app/policy.json` (the default policy) and the folder's files
/// under `/app/`, `index.html` for `/app/`.
pub fn routes(dir: &Path) -> Router<AppState> {
    let files = ServiceBuilder::new()
        .map_request(below_app)
        .map_response(relative_redirect)
        .service(
            ServeDir::new(dir)
                .append_index_html_on_directories(true)
                .fallback(service_fn(|request: Request| async move {
                    Ok::<_, Infallible>(not_found(&request))
                })),
        );
    // Routes, not a nested service, so the metrics name them by template
    // (`/app/{*path}`).
    Router::new()
        .route("/app", get(to_folder))
        .route("/app/policy.json", get(policy))
        .route_service("/app/", files.clone())
        .route_service("/app/{*path}", files)
        .layer(map_response(headers))
}

/// `/app` → `/app/`: the page's relative URLs (`app.js`, `policy.json`)
/// resolve under the folder. The location is relative (`app/`), so it
/// holds behind a proxy that mounts the service under a path; a browser
/// keeps the fragment across the redirect.
async fn to_folder() -> Response {
    (
        StatusCode::PERMANENT_REDIRECT,
        [(header::LOCATION, HeaderValue::from_static("app/"))],
    )
        .into_response()
}

/// The request as the folder sees it: the path below `/app`.
fn below_app(mut request: Request) -> Request {
    let whole = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let below = whole.strip_prefix("/app").unwrap_or(&whole);
    if let Ok(uri) = below.parse::<Uri>() {
        *request.uri_mut() = uri;
    }
    request
}

/// `ServeDir` redirects a folder asked for without its slash to the
/// folder's path as it saw it (below `/app`): the location is made
/// relative (`sub/` for `/app/sub`), as for `/app` itself.
fn relative_redirect<B>(mut response: axum::http::Response<B>) -> axum::http::Response<B> {
    if !response.status().is_redirection() {
        return response;
    }
    let Some(location) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
    else {
        return response;
    };
    let (path, query) = location.split_once('?').unwrap_or((location, ""));
    let folder = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let relative = if query.is_empty() {
        format!("{folder}/")
    } else {
        format!("{folder}/?{query}")
    };
    if let Ok(value) = HeaderValue::from_str(&relative) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// The policy the cards are assessed with, in the core's policy format.
async fn policy(State(state): State<AppState>) -> Response {
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        state.config().policy.to_json(),
    )
        .into_response()
}

/// A file the folder does not hold: the service's JSON 404, naming the
/// path asked for.
fn not_found(request: &Request) -> Response {
    let path = request
        .extensions()
        .get::<OriginalUri>()
        .map_or_else(|| request.uri().path(), |u| u.path())
        .to_owned();
    ApiError::NotFound(format!("{} {path}", request.method())).into_response_for(&path)
}

async fn headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}
