//! The REST API beside CDS Hooks, for integrators that do not speak CDS
//! Hooks: the library's own wire format over plain HTTP, under the same
//! authentication and the same body, size and time limits as the hook
//! routes. Errors are `application/problem+json` ([`Problem`]).
//!
//! | endpoint | what |
//! | --- | --- |
//! | `POST /v1/assess[?policy=NAME]` | a presentation → the assessment, exactly as `assess_json` writes it |
//! | `POST /v1/assess/fhir[?policy=NAME]` | a Bundle or a prefetch, as of a date → the mapped record with provenance and the assessment |
//! | `GET /v1/questionnaire` | the screening Questionnaire (FHIR) |
//! | `GET /v1/intake-questionnaire` | the patient intake Questionnaire (FHIR) |
//! | `POST /v1/handout[?policy=NAME]` | an assessment → the patient handout, HTML or Markdown by `Accept`, with the policy's clinic details and the date of issue |
//! | `GET /v1/policies` | the policies loaded: names, versions, fingerprints |
//! | `GET /v1/source-attributes[?policy=NAME]` | the intervention's source attributes (ONC HTI-1, 45 CFR 170.315(b)(11)(iv)(A)) under a policy |
//! | `GET /v1/feedback[?format=jsonl\|csv]` | the card feedback kept (bounded), as JSON Lines or CSV |
//!
//! A bearer token for the REST API carries `aud` = `<public_url>/v1` (or
//! the URL called). The questionnaires, the policies and the source
//! attributes hold no patient data and are open, as CDS Hooks discovery
//! is; the feedback export names users and needs a token.

use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use prolo_triage::{assess, Assessment, Handout, Policy};
use prolo_triage_fhir::{map_bundle, map_prefetch_value, AsOf};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::{IntoParams, ToSchema};

use crate::config::DEFAULT_POLICY;
use crate::error::{self, ApiError, Problem};
use crate::openapi::{AssessmentBody, FhirAssessment, PresentationBody};
use crate::AppState;

/// The refusals every authenticated route with a body may answer, each a
/// problem document.
#[derive(Debug, utoipa::IntoResponses)]
pub enum Refusals {
    /// The body or the query was refused; `path` names the field.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// No acceptable bearer token.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// The body is over the limit.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// No answer within the time limit.
    #[response(status = 503, content_type = "application/problem+json")]
    Timeout(Problem),
}

/// `?policy=NAME`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PolicyQuery {
    /// The policy to assess under, by the name `GET /v1/policies` lists;
    /// the default policy when absent.
    #[param(pattern = "^[A-Za-z0-9._-]{1,64}$", example = "default")]
    pub policy: Option<String>,
}

fn policy<'a>(
    state: &'a AppState,
    query: &'a Result<Query<PolicyQuery>, QueryRejection>,
) -> Result<&'a Policy, ApiError> {
    let name = match query {
        Ok(Query(q)) => q.policy.as_deref().unwrap_or(DEFAULT_POLICY),
        Err(e) => return Err(ApiError::invalid("query", e.body_text())),
    };
    state.config().policy_named(name).ok_or_else(|| {
        let known: Vec<&str> = std::iter::once(DEFAULT_POLICY)
            .chain(state.config().policies.keys().map(String::as_str))
            .collect();
        ApiError::invalid(
            "policy",
            format!(
                "no policy named {name:?}; expected one of {}",
                known.join(", ")
            ),
        )
    })
}

/// What every assessing route does first: the token, the policy named,
/// the body within its limit.
async fn admit<'a>(
    state: &'a AppState,
    path: &str,
    headers: &HeaderMap,
    query: &'a Result<Query<PolicyQuery>, QueryRejection>,
    body: Body,
) -> Result<(&'a Policy, axum::body::Bytes), ApiError> {
    crate::authenticate(state, headers, &rest_audiences(state, path)).await?;
    let policy = policy(state, query)?;
    Ok((policy, crate::body_bytes(state, body).await?))
}

fn json_text(text: String, media_type: &'static str) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, HeaderValue::from_static(media_type))],
        text,
    )
        .into_response()
}

fn answer(result: Result<Response, ApiError>) -> Response {
    result.unwrap_or_else(ApiError::into_problem_response)
}

/// Assess a presentation.
///
/// The body is a presentation in the library's wire format; the answer is
/// the assessment exactly as the library's `assess_json` writes it.
#[utoipa::path(
    post,
    path = "/v1/assess",
    tag = "assessment",
    params(PolicyQuery),
    request_body(content = PresentationBody, content_type = "application/json"),
    responses(
        (status = 200, description = "The assessment", body = AssessmentBody),
        Refusals,
    ),
    security(("bearer" = []))
)]
pub async fn assess_presentation(
    State(state): State<AppState>,
    query: Result<Query<PolicyQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    answer(
        async {
            let (policy, bytes) = admit(&state, "/v1/assess", &headers, &query, body).await?;
            let text = std::str::from_utf8(&bytes)
                .map_err(|e| ApiError::invalid("document", format!("not UTF-8: {e}")))?;
            let presentation = prolo_triage::Presentation::from_json(text)?;
            let assessment = assess(&presentation, policy);
            state.metrics().verdict(assessment.verdict, "rest");
            Ok(json_text(assessment.to_json(), "application/json"))
        }
        .await,
    )
}

/// `POST /v1/assess/fhir`: a record to map and assess.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FhirRequest {
    /// A FHIR R4 Bundle (`searchset` or `collection`) holding one
    /// patient's record. Give this or `prefetch`.
    #[schema(value_type = Option<Object>)]
    pub bundle: Option<Value>,
    /// A CDS Hooks prefetch object (keys as `GET /cds-services` lists).
    /// Give this or `bundle`.
    #[schema(value_type = Option<Object>)]
    pub prefetch: Option<Map<String, Value>>,
    /// The moment to assess as of: `YYYY-MM-DD` or an instant with its
    /// offset. Default: the service's clock (or its fixed `--as-of`).
    #[schema(example = "2026-11-26")]
    pub as_of: Option<String>,
    /// The record's medication list is complete (default: the service's
    /// `medication_list_complete`).
    pub medication_list_complete: Option<bool>,
    /// The record's allergy list is complete (default: the service's
    /// `allergy_list_complete`).
    pub allergy_list_complete: Option<bool>,
}

/// Map a FHIR record and assess it.
///
/// The record (a Bundle, or a CDS Hooks prefetch object) is mapped as of
/// the date given; the answer holds the mapped record with the provenance
/// of every fact and what was seen but not used, and the assessment.
#[utoipa::path(
    post,
    path = "/v1/assess/fhir",
    tag = "assessment",
    params(PolicyQuery),
    request_body(content = FhirRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The mapped record and its assessment", body = FhirAssessment),
        Refusals,
    ),
    security(("bearer" = []))
)]
pub async fn assess_fhir(
    State(state): State<AppState>,
    query: Result<Query<PolicyQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    answer(
        async {
            let (policy, bytes) = admit(&state, "/v1/assess/fhir", &headers, &query, body).await?;
            let request: FhirRequest = error::from_json(&bytes)?;
            let as_of = match &request.as_of {
                Some(text) => text.parse::<AsOf>().map_err(ApiError::Fhir)?,
                None => crate::as_of(state.config())?,
            };
            let config = state.config();
            let options = state
                .mapping()
                .clone()
                .at(as_of)
                .medication_list_complete(
                    request
                        .medication_list_complete
                        .unwrap_or(config.medication_list_complete),
                )
                .allergy_list_complete(
                    request
                        .allergy_list_complete
                        .unwrap_or(config.allergy_list_complete),
                );
            let mapped = match (request.bundle, request.prefetch) {
                (Some(bundle), None) => map_bundle(&bundle.to_string(), &options),
                (None, Some(prefetch)) => map_prefetch_value(prefetch, &options),
                (Some(_), Some(_)) => {
                    return Err(ApiError::invalid(
                        "prefetch",
                        "give a bundle or a prefetch, not both",
                    ))
                }
                (None, None) => return Err(ApiError::invalid("bundle", "missing (or prefetch)")),
            }
            .map_err(ApiError::Fhir)?;
            let assessment = assess(mapped.presentation(), policy);
            state.metrics().verdict(assessment.verdict, "rest_fhir");
            Ok(json_text(
                format!(
                    "{{\"mapped\":{},\"assessment\":{}}}",
                    mapped.to_json(),
                    assessment.to_json()
                ),
                "application/json",
            ))
        }
        .await,
    )
}

/// The screening Questionnaire.
///
/// The FHIR R4 Questionnaire whose QuestionnaireResponse answers the
/// red-flag questions a record cannot.
#[utoipa::path(
    get,
    path = "/v1/questionnaire",
    tag = "reference",
    responses(
        (status = 200, description = "A FHIR R4 Questionnaire", body = Object, content_type = "application/fhir+json"),
    )
)]
pub async fn questionnaire() -> Response {
    json_text(
        prolo_triage_fhir::screening_questionnaire(),
        "application/fhir+json",
    )
}

/// The patient intake Questionnaire.
///
/// The FHIR R4 Questionnaire a patient answers before a diagnosis is
/// recorded: every fact a patient can answer, in plain words, Yes / No /
/// Not sure. Its QuestionnaireResponse, in the record or the prefetch,
/// gives the symptoms the candidate conditions read.
#[utoipa::path(
    get,
    path = "/v1/intake-questionnaire",
    tag = "reference",
    responses(
        (status = 200, description = "A FHIR R4 Questionnaire", body = Object, content_type = "application/fhir+json"),
    )
)]
pub async fn intake_questionnaire() -> Response {
    json_text(
        prolo_triage_fhir::patient_intake_questionnaire(),
        "application/fhir+json",
    )
}

/// The patient handout of an assessment.
///
/// The body is an assessment as `/v1/assess` answers it; the answer is the
/// patient handout, HTML (`Accept: text/html`, the default) or Markdown
/// (`Accept: text/markdown`). The clinic's details printed on it (name,
/// phone, out-of-hours route, urgent care, emergency number) are those of
/// the policy `?policy` names (the default policy when absent); its date
/// of issue is the service's as-of date (`--as-of`), or today's UTC date.
#[utoipa::path(
    post,
    path = "/v1/handout",
    tag = "assessment",
    params(PolicyQuery),
    request_body(content = AssessmentBody, content_type = "application/json"),
    responses(
        (status = 200, description = "The handout", content(
            (String = "text/html"),
            (String = "text/markdown"),
        )),
        (status = 406, description = "Neither HTML nor Markdown is acceptable", body = Problem, content_type = "application/problem+json"),
        Refusals,
    ),
    security(("bearer" = []))
)]
pub async fn handout(
    State(state): State<AppState>,
    query: Result<Query<PolicyQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    answer(
        async {
            crate::authenticate(&state, &headers, &rest_audiences(&state, "/v1/handout")).await?;
            let policy = policy(&state, &query)?;
            let format = handout_format(&headers)?;
            let bytes = crate::body_bytes(&state, body).await?;
            let assessment: Assessment = error::from_json(&bytes)?;
            let issued = crate::as_of(state.config())?.date();
            let handout = Handout::issued(&assessment, policy.clinic(), Some(issued));
            Ok(match format {
                HandoutFormat::Html => json_text(handout.to_html(), "text/html; charset=utf-8"),
                HandoutFormat::Markdown => {
                    json_text(handout.to_markdown(), "text/markdown; charset=utf-8")
                }
            })
        }
        .await,
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HandoutFormat {
    Html,
    Markdown,
}

/// The format an `Accept` header asks for: the first of its media ranges
/// (by quality, then order) that is HTML or Markdown; HTML for none or
/// `*/*`.
fn handout_format(headers: &HeaderMap) -> Result<HandoutFormat, ApiError> {
    let Some(accept) = headers.get(header::ACCEPT) else {
        return Ok(HandoutFormat::Html);
    };
    let accept = accept
        .to_str()
        .map_err(|_| ApiError::NotAcceptable("the Accept header is not text".into()))?;
    let mut ranges: Vec<(u16, usize, &str)> = Vec::new();
    for (i, range) in accept.split(',').enumerate() {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or_default().trim();
        let mut quality = 1000u16;
        for p in parts {
            if let Some(q) = p.trim().strip_prefix("q=") {
                quality = q
                    .trim()
                    .parse::<f32>()
                    .ok()
                    .filter(|q| (0.0..=1.0).contains(q))
                    // In 0..=1000 by the filter: the cast cannot truncate.
                    .map_or(0, |q| (q * 1000.0).round() as u16);
            }
        }
        if quality > 0 {
            ranges.push((quality, i, media));
        }
    }
    ranges.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, _, media) in ranges {
        match media.to_ascii_lowercase().as_str() {
            "text/html" | "text/*" | "*/*" => return Ok(HandoutFormat::Html),
            "text/markdown" => return Ok(HandoutFormat::Markdown),
            _ => {}
        }
    }
    Err(ApiError::NotAcceptable(
        "the handout is text/html or text/markdown".into(),
    ))
}

/// One policy the service has loaded.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PolicyInfo {
    /// The name to pass as `?policy=`.
    #[schema(example = "default")]
    pub name: String,
    /// The name the policy file gives itself.
    #[schema(example = "literature-defaults")]
    pub policy_name: String,
    /// The policy's version.
    #[schema(example = "0.1.0")]
    pub version: String,
    /// The fingerprint every assessment under it carries.
    #[schema(example = "sha256:067a27e1e63b…")]
    pub fingerprint: String,
    /// Whether this is the policy used without `?policy=`.
    pub default: bool,
}

/// `GET /v1/policies`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Policies {
    /// Every policy loaded, the default first.
    pub policies: Vec<PolicyInfo>,
}

/// The policies loaded.
///
/// Their names (for `?policy=`), versions and fingerprints.
#[utoipa::path(
    get,
    path = "/v1/policies",
    tag = "reference",
    responses((status = 200, description = "The policies", body = Policies))
)]
pub async fn policies(State(state): State<AppState>) -> Response {
    let config = state.config();
    let info = |name: &str, p: &Policy, default: bool| PolicyInfo {
        name: name.to_owned(),
        policy_name: p.name().to_owned(),
        version: p.version().to_owned(),
        fingerprint: p.fingerprint().to_owned(),
        default,
    };
    let policies = std::iter::once(info(DEFAULT_POLICY, &config.policy, true))
        .chain(config.policies.iter().map(|(n, p)| info(n, p, false)))
        .collect();
    crate::json_response(&Policies { policies })
}

/// The URL of the source attributes under the default policy.
#[must_use]
pub fn source_attributes_url(public_url: &str) -> String {
    format!("{}/v1/source-attributes", public_url.trim_end_matches('/'))
}

/// The intervention's source attributes.
///
/// What ONC's HTI-1 rule asks an evidence-based decision support
/// intervention to show (45 CFR 170.315(b)(11)(iv)(A)): the rules'
/// bibliographic citations, the developer, funding, release and revision
/// dates (the library's, and the clinic's own from the policy's
/// `attribution`), and whether and how the rules use race, ethnicity,
/// language, sexual orientation, gender identity, sex, date of birth,
/// social determinants of health and health status assessments, derived
/// from the rule tables.
#[utoipa::path(
    get,
    path = "/v1/source-attributes",
    tag = "reference",
    params(PolicyQuery),
    responses(
        (status = 200, description = "The source attributes (docs/regulatory/source-attributes.json is the default policy's)", body = Object),
        (status = 400, description = "No such policy", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn source_attributes(
    State(state): State<AppState>,
    query: Result<Query<PolicyQuery>, QueryRejection>,
) -> Response {
    answer(policy(&state, &query).map(|policy| {
        json_text(
            prolo_triage::source_attributes(policy).to_json(),
            "application/json",
        )
    }))
}

/// `?format=jsonl|csv`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedbackQuery {
    /// `jsonl` (JSON Lines, the default) or `csv`.
    #[param(pattern = "^(jsonl|csv)$", example = "csv")]
    pub format: Option<String>,
}

/// Export the card feedback.
///
/// Every feedback entry kept (the newest 10 000; the header
/// `X-Feedback-Dropped` counts those dropped since the service started),
/// oldest first: the intervention (service id), the card, the outcome, the
/// override reason and comment as given, the user and the location
/// (encounter, FHIR server) the issuing hook request named, the outcome's
/// time and when it was received. As JSON Lines (`?format=jsonl`, the
/// default) or CSV with a header row (`?format=csv`). Kept in memory: a
/// restart empties it.
#[utoipa::path(
    get,
    path = "/v1/feedback",
    tag = "reference",
    params(FeedbackQuery),
    responses(
        (status = 200, description = "The feedback records", content(
            (String = "application/jsonl"),
            (String = "text/csv"),
        )),
        Refusals,
    ),
    security(("bearer" = []))
)]
pub async fn feedback_export(
    State(state): State<AppState>,
    query: Result<Query<FeedbackQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    answer(
        async {
            crate::authenticate(&state, &headers, &rest_audiences(&state, "/v1/feedback")).await?;
            let format = match &query {
                Ok(Query(q)) => q.format.as_deref().unwrap_or("jsonl"),
                Err(e) => return Err(ApiError::invalid("query", e.body_text())),
            };
            let export = state.feedback().export();
            let (text, media_type) = match format {
                "jsonl" => (export.to_json_lines(), "application/jsonl"),
                "csv" => (export.to_csv()?, "text/csv; charset=utf-8"),
                other => {
                    return Err(ApiError::invalid(
                        "format",
                        format!("{other:?}: expected jsonl or csv"),
                    ))
                }
            };
            let mut response = json_text(text, media_type);
            response
                .headers_mut()
                .insert("x-feedback-dropped", HeaderValue::from(export.dropped));
            Ok(response)
        }
        .await,
    )
}

/// The audiences a REST token may carry: the API's base or the URL called.
fn rest_audiences(state: &AppState, path: &str) -> Vec<String> {
    let base = format!("{}/v1", state.config().public_url);
    let called = format!("{}{path}", state.config().public_url);
    vec![
        base.clone(),
        format!("{base}/"),
        called.clone(),
        format!("{called}/"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> Result<HandoutFormat, ApiError> {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT, HeaderValue::from_str(value).unwrap());
        handout_format(&h)
    }

    #[test]
    fn accept_picks_html_or_markdown() {
        assert_eq!(
            handout_format(&HeaderMap::new()).unwrap(),
            HandoutFormat::Html
        );
        assert_eq!(accept("text/markdown").unwrap(), HandoutFormat::Markdown);
        assert_eq!(accept("*/*").unwrap(), HandoutFormat::Html);
        assert_eq!(
            accept("text/html;q=0.5, text/markdown").unwrap(),
            HandoutFormat::Markdown
        );
        assert_eq!(
            accept("text/markdown;q=0, text/*").unwrap(),
            HandoutFormat::Html
        );
        assert_eq!(
            accept("application/pdf").unwrap_err().status().as_u16(),
            406
        );
        assert_eq!(accept("text/html;q=0").unwrap_err().status().as_u16(), 406);
    }
}
