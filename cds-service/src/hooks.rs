//! A hook call: the request read and checked, the record gathered (prefetch,
//! else the FHIR server), mapped, assessed, and answered with cards.

use prolo_triage::assess;
use prolo_triage_fhir::{map_prefetch_value, AsOf, CodeTables, Meaning};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::cards::{card, CardContext, Response};
use crate::discovery::{fill, prefetch_templates, Hook};
use crate::error::ApiError;
use crate::fetch::Fetcher;
use crate::AppState;

/// A CDS Hooks 2.0 request, as read.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HookRequest {
    /// The hook that fired.
    pub hook: String,
    /// A UUID for this firing.
    pub hook_instance: String,
    /// The FHIR server's base URL.
    #[serde(default)]
    pub fhir_server: Option<String>,
    /// A token to read the FHIR server with.
    #[serde(default)]
    pub fhir_authorization: Option<FhirAuthorization>,
    /// The hook's context.
    pub context: Map<String, Value>,
    /// The prefetched resources: a key is absent when the client did not
    /// fill it, `null` when it has no data.
    #[serde(default)]
    pub prefetch: Option<Map<String, Value>>,
}

/// `fhirAuthorization`.
#[derive(Debug, Deserialize)]
pub struct FhirAuthorization {
    /// The bearer token.
    pub access_token: String,
    /// Must be `Bearer`.
    pub token_type: String,
}

/// The checked parts of a request.
#[derive(Debug)]
pub struct Checked {
    /// The patient's FHIR id.
    pub patient_id: String,
    /// Where to read what was not prefetched, and with which token.
    pub fhir: Option<(reqwest::Url, Option<String>)>,
}

/// Checks a request for `hook`, naming the first field that is wrong.
///
/// # Errors
///
/// [`ApiError::Invalid`] with the field's path.
pub fn check(request: &HookRequest, hook: Hook) -> Result<Checked, ApiError> {
    if request.hook != hook.as_str() {
        return Err(ApiError::invalid(
            "hook",
            format!(
                "is {:?}; this service serves {:?}",
                request.hook,
                hook.as_str()
            ),
        ));
    }
    if uuid::Uuid::parse_str(&request.hook_instance).is_err() {
        return Err(ApiError::invalid("hookInstance", "expected a UUID"));
    }
    let patient_id = match request.context.get("patientId") {
        Some(Value::String(id)) if is_fhir_id(id) => id.clone(),
        Some(_) => {
            return Err(ApiError::invalid(
                "context.patientId",
                "expected a FHIR id ([A-Za-z0-9-.], 1 to 64 characters)",
            ))
        }
        None => return Err(ApiError::invalid("context.patientId", "missing")),
    };
    match request.context.get("userId") {
        Some(Value::String(id)) if !id.is_empty() => {}
        Some(_) => {
            return Err(ApiError::invalid(
                "context.userId",
                "expected a reference such as Practitioner/123",
            ))
        }
        None => return Err(ApiError::invalid("context.userId", "missing")),
    }
    if hook == Hook::OrderSelect {
        match request.context.get("selections") {
            Some(Value::Array(items))
                if !items.is_empty() && items.iter().all(Value::is_string) => {}
            _ => {
                return Err(ApiError::invalid(
                    "context.selections",
                    "expected a non-empty list of references such as ServiceRequest/123",
                ))
            }
        }
        match request.context.get("draftOrders") {
            Some(Value::Object(bundle)) if bundle.get("resourceType") == Some(&json!("Bundle")) => {
            }
            _ => {
                return Err(ApiError::invalid(
                    "context.draftOrders",
                    "expected a Bundle",
                ))
            }
        }
    }
    let token = match &request.fhir_authorization {
        Some(auth) => {
            if !auth.token_type.eq_ignore_ascii_case("bearer") {
                return Err(ApiError::invalid(
                    "fhirAuthorization.token_type",
                    "expected \"Bearer\"",
                ));
            }
            if auth.access_token.is_empty() {
                return Err(ApiError::invalid(
                    "fhirAuthorization.access_token",
                    "is empty",
                ));
            }
            Some(auth.access_token.clone())
        }
        None => None,
    };
    let fhir = match (&request.fhir_server, token) {
        (None, Some(_)) => {
            return Err(ApiError::invalid(
                "fhirServer",
                "required with fhirAuthorization",
            ))
        }
        (None, None) => None,
        (Some(server), token) => {
            let url = reqwest::Url::parse(server.trim_end_matches('/'))
                .ok()
                .filter(|u| {
                    matches!(u.scheme(), "http" | "https")
                        && u.host().is_some()
                        && u.query().is_none()
                        && u.fragment().is_none()
                        && u.username().is_empty()
                        && u.password().is_none()
                })
                .ok_or_else(|| {
                    ApiError::invalid(
                        "fhirServer",
                        "expected an http(s) base URL without query, fragment or user",
                    )
                })?;
            Some((url, token))
        }
    };
    Ok(Checked { patient_id, fhir })
}

/// FHIR's `id` type: `[A-Za-z0-9\-\.]{1,64}`.
fn is_fhir_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// Answers a checked request.
///
/// # Errors
///
/// [`ApiError::PreconditionFailed`] when the patient or the conditions
/// cannot be had; [`ApiError::Invalid`] for a prefetch that contradicts the
/// context or cannot be mapped.
pub async fn answer(
    state: &AppState,
    hook: Hook,
    request: HookRequest,
    checked: Checked,
    as_of: AsOf,
    card_uuid: &str,
) -> Result<Response, ApiError> {
    let mut prefetch = request.prefetch.unwrap_or_default();
    let templates = prefetch_templates(state.config.prefetch_include);
    let missing: Vec<_> = templates
        .iter()
        .filter(|p| !prefetch.contains_key(p.key))
        .collect();
    let mut unavailable: Vec<(String, String)> = Vec::new();
    if !missing.is_empty() {
        let mut from_server = false;
        let fetched = match readable(state, checked.fhir.as_ref()) {
            Ok((server, token)) => {
                from_server = true;
                let fetcher = Fetcher::new(&state.http, server, Some(token));
                let queries: Vec<_> = missing
                    .iter()
                    .map(|p| (p.key, fill(p.template, &request.context)))
                    .collect();
                fetcher.fetch_all(queries).await
            }
            Err(why) => missing.iter().map(|p| (p.key, Err(why.clone()))).collect(),
        };
        for (key, result) in fetched {
            match result {
                Ok(value) => {
                    prefetch.insert(key.to_owned(), value);
                }
                Err(why) => {
                    if from_server {
                        state.metrics.fhir_read_failed(key);
                    }
                    if prefetch_templates(state.config.prefetch_include)
                        .iter()
                        .any(|p| p.key == key && p.required)
                    {
                        return Err(ApiError::PreconditionFailed(format!(
                            "prefetch.{key} is needed and could not be had: {why}"
                        )));
                    }
                    // A stand-in the mapping reads as a failed fetch, so a
                    // list declared complete is not trusted.
                    prefetch.insert(key.to_owned(), operation_outcome(&why));
                    unavailable.push((key.to_owned(), why));
                }
            }
        }
    }
    check_patient(&prefetch, &checked.patient_id)?;

    let options = state.mapping.clone().at(as_of);
    // order-select reads the Conditions again after the mapping has
    // taken the prefetch.
    let conditions = match hook {
        Hook::OrderSelect => prefetch.get("conditions").cloned(),
        Hook::PatientView => None,
    };
    // The request is bounded by the body limit and the FHIR reads by their
    // budget, so the map is read as it is, not written out and parsed again.
    let mapped = map_prefetch_value(prefetch, &options)
        .map_err(|e| ApiError::invalid("prefetch", e.to_string()))?;

    // Never spam a clinician: no foot condition, no card — unless the
    // patient answered the intake and no diagnosis is recorded yet: then
    // the card lists the candidates for the clinician to confirm
    // (docs/decision-model.md §9).
    let recorded = mapped.presentation().conditions();
    let has_condition = recorded.is_some_and(|c| !c.is_empty());
    let intake_before_diagnosis = recorded.is_none() && mapped.has_intake_answers();
    if !has_condition && !intake_before_diagnosis {
        return Ok(Response { cards: Vec::new() });
    }
    if hook == Hook::OrderSelect
        && !selects_foot_order(&request.context, conditions.as_ref(), &state.config.codes)
    {
        return Ok(Response { cards: Vec::new() });
    }
    let assessment = assess(mapped.presentation(), &state.config.policy);
    state.metrics.verdict(assessment.verdict, "hook");
    let app_url = state.config.app_url();
    // The card's source links to the operator's documentation page, or
    // else to the intervention's source attributes (HTI-1).
    let attributes_url = crate::rest::source_attributes_url(&state.config.public_url);
    let context = CardContext {
        mapped: &mapped,
        unavailable: &unavailable,
        uuid: card_uuid,
        docs_url: state
            .config
            .docs_url
            .as_deref()
            .filter(|u| !u.is_empty())
            .or(Some(attributes_url.as_str())),
        app_url: app_url.as_deref(),
    };
    state.feedback.issued(
        card_uuid,
        crate::feedback::Issued::of_request(&request.context, request.fhir_server.as_deref()),
    );
    Ok(Response {
        cards: vec![card(&assessment, context)],
    })
}

/// The FHIR server to read from, if this request may: only with a token
/// (`fhirAuthorization`), and only a server the configuration lists — the
/// service must not be made to call arbitrary hosts, nor send a token to
/// one.
fn readable<'a>(
    state: &AppState,
    fhir: Option<&'a (reqwest::Url, Option<String>)>,
) -> Result<(&'a reqwest::Url, &'a str), String> {
    let Some((server, token)) = fhir else {
        return Err("not prefetched, and no fhirServer to read it from".to_owned());
    };
    let Some(token) = token else {
        return Err(
            "not prefetched, and no fhirAuthorization to read the fhirServer with".to_owned(),
        );
    };
    let base = server.as_str().trim_end_matches('/');
    let listed = state
        .config
        .fhir_servers
        .iter()
        .any(|allowed| allowed.trim_end_matches('/') == base);
    if listed {
        Ok((server, token))
    } else {
        Err(
            "not prefetched, and the fhirServer is not one this service is configured to read"
                .to_owned(),
        )
    }
}

fn operation_outcome(why: &str) -> Value {
    json!({
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": "not-found", "diagnostics": why}]
    })
}

/// The prefetched Patient must be the context's patient: a card about
/// someone else is worse than none. `null` (no such patient) or a failed
/// read is a 412.
fn check_patient(prefetch: &Map<String, Value>, patient_id: &str) -> Result<(), ApiError> {
    match prefetch.get("patient") {
        Some(Value::Object(p)) if p.get("resourceType") == Some(&json!("Patient")) => {
            match p.get("id") {
                Some(Value::String(id)) if id == patient_id => Ok(()),
                Some(Value::String(id)) => Err(ApiError::invalid(
                    "prefetch.patient.id",
                    format!("is {id:?}, but context.patientId is {patient_id:?}"),
                )),
                _ => Err(ApiError::invalid("prefetch.patient.id", "missing")),
            }
        }
        Some(Value::Object(p)) if p.get("resourceType") == Some(&json!("OperationOutcome")) => {
            Err(ApiError::PreconditionFailed(
                "prefetch.patient: the client could not read the Patient".into(),
            ))
        }
        Some(Value::Null) | None => Err(ApiError::PreconditionFailed(
            "prefetch.patient is null: no Patient to assess".into(),
        )),
        Some(_) => Err(ApiError::invalid(
            "prefetch.patient",
            "expected a Patient resource",
        )),
    }
}

/// order-select: is a selected draft order a ServiceRequest (a procedure or
/// referral) whose reason is a foot condition, by code or by reference to
/// one of the patient's Conditions?
fn selects_foot_order(
    context: &Map<String, Value>,
    conditions: Option<&Value>,
    codes: &CodeTables,
) -> bool {
    let selections: Vec<&str> = context
        .get("selections")
        .and_then(Value::as_array)
        .map(|s| s.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let draft = entries(context.get("draftOrders"));
    let known_conditions: Vec<&Value> = entries(conditions)
        .into_iter()
        .chain(draft.iter().copied())
        .filter(|r| r.get("resourceType") == Some(&json!("Condition")))
        .collect();
    draft.iter().any(|order| {
        let kind = order.get("resourceType").and_then(Value::as_str);
        let id = order.get("id").and_then(Value::as_str);
        let (Some("ServiceRequest"), Some(id)) = (kind, id) else {
            return false;
        };
        if !selections.contains(&format!("ServiceRequest/{id}").as_str()) {
            return false;
        }
        let by_code = list(order.get("reasonCode"))
            .iter()
            .any(|concept| names_foot_condition(concept, codes));
        let by_reference = list(order.get("reasonReference")).iter().any(|r| {
            let target = r
                .get("reference")
                .and_then(Value::as_str)
                .unwrap_or_default();
            known_conditions.iter().any(|c| {
                c.get("id").and_then(Value::as_str).is_some_and(|cid| {
                    target == format!("Condition/{cid}")
                        || target.ends_with(&format!("/Condition/{cid}"))
                }) && c
                    .get("code")
                    .is_some_and(|code| names_foot_condition(code, codes))
            })
        });
        by_code || by_reference
    })
}

fn list(value: Option<&Value>) -> Vec<&Value> {
    value
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

/// The resources of a Bundle, or the value itself if it is one resource.
fn entries(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(v) if v.get("resourceType") == Some(&json!("Bundle")) => list(v.get("entry"))
            .into_iter()
            .filter_map(|e| e.get("resource"))
            .collect(),
        Some(v) if v.get("resourceType").is_some() => vec![v],
        _ => Vec::new(),
    }
}

fn names_foot_condition(concept: &Value, codes: &CodeTables) -> bool {
    list(concept.get("coding")).iter().any(|coding| {
        let system = coding
            .get("system")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let code = coding
            .get("code")
            .and_then(Value::as_str)
            .unwrap_or_default();
        codes
            .lookup(system, code)
            .iter()
            .any(|e| matches!(e.means(), Meaning::Condition(_)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(value: Value) -> HookRequest {
        serde_json::from_value(value).unwrap()
    }

    fn good() -> Value {
        json!({
            "hook": "patient-view",
            "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
            "context": {"patientId": "example", "userId": "Practitioner/1"}
        })
    }

    fn path_of(e: ApiError) -> String {
        match e {
            ApiError::Invalid { path, .. } => path,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_good_request_passes() {
        let c = check(&request(good()), Hook::PatientView).unwrap();
        assert_eq!(c.patient_id, "example");
        assert!(c.fhir.is_none());
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases: Vec<(&str, Value, &str)> = vec![
            ("/hook", json!("order-select"), "hook"),
            ("/hookInstance", json!("not-a-uuid"), "hookInstance"),
            ("/context/patientId", json!("a/b"), "context.patientId"),
            ("/context/userId", json!(""), "context.userId"),
            ("/fhirServer", json!("ftp://x"), "fhirServer"),
        ];
        for (pointer, value, path) in cases {
            let mut v = good();
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            v.pointer_mut(if parent.is_empty() { "" } else { parent })
                .unwrap()
                .as_object_mut()
                .unwrap()
                .insert(key.to_owned(), value);
            assert_eq!(
                path_of(check(&request(v), Hook::PatientView).unwrap_err()),
                path
            );
        }
        let mut v = good();
        v["fhirAuthorization"] = json!({"access_token": "t", "token_type": "Bearer"});
        assert_eq!(
            path_of(check(&request(v.clone()), Hook::PatientView).unwrap_err()),
            "fhirServer"
        );
        v["fhirServer"] = json!("https://fhir.example.org/r4/");
        v["fhirAuthorization"]["token_type"] = json!("MAC");
        assert_eq!(
            path_of(check(&request(v), Hook::PatientView).unwrap_err()),
            "fhirAuthorization.token_type"
        );
        assert_eq!(
            path_of(check(&request(good()), Hook::OrderSelect).unwrap_err()),
            "hook"
        );
    }

    #[test]
    fn the_patient_must_be_the_context_patient() {
        let p = |v: Value| v.as_object().unwrap().clone();
        assert!(check_patient(
            &p(json!({"patient": {"resourceType": "Patient", "id": "a"}})),
            "a"
        )
        .is_ok());
        assert_eq!(
            path_of(
                check_patient(
                    &p(json!({"patient": {"resourceType": "Patient", "id": "b"}})),
                    "a"
                )
                .unwrap_err()
            ),
            "prefetch.patient.id"
        );
        for v in [
            json!({"patient": null}),
            json!({}),
            json!({"patient": {"resourceType": "OperationOutcome"}}),
        ] {
            assert_eq!(
                check_patient(&p(v), "a").unwrap_err().status().as_u16(),
                412
            );
        }
    }

    #[test]
    fn order_select_needs_a_selected_service_request_for_a_foot_condition() {
        let codes = CodeTables::default();
        let order = |id: &str, reason: Value| {
            json!({"resourceType": "ServiceRequest", "id": id, "status": "draft", "intent": "order",
                   "reasonCode": [{"coding": [reason]}]})
        };
        let pf = json!({"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M72.2"});
        let other = json!({"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "J45"});
        let context = |selected: &str, orders: Vec<Value>| {
            json!({"selections": [selected], "draftOrders": {"resourceType": "Bundle", "type": "collection",
                "entry": orders.into_iter().map(|r| json!({"resource": r})).collect::<Vec<_>>()}})
            .as_object()
            .unwrap()
            .clone()
        };
        assert!(selects_foot_order(
            &context("ServiceRequest/a", vec![order("a", pf.clone())]),
            None,
            &codes
        ));
        assert!(!selects_foot_order(
            &context("ServiceRequest/b", vec![order("a", pf.clone())]),
            None,
            &codes
        ));
        assert!(!selects_foot_order(
            &context("ServiceRequest/a", vec![order("a", other)]),
            None,
            &codes
        ));
        // By reference to the patient's Condition.
        let by_ref = json!({"resourceType": "ServiceRequest", "id": "r", "reasonReference": [{"reference": "Condition/pf"}]});
        let conditions = json!({"resourceType": "Bundle", "type": "searchset", "entry": [
            {"resource": {"resourceType": "Condition", "id": "pf", "code": {"coding": [pf]}}}]});
        assert!(selects_foot_order(
            &context("ServiceRequest/r", vec![by_ref.clone()]),
            Some(&conditions),
            &codes
        ));
        assert!(!selects_foot_order(
            &context("ServiceRequest/r", vec![by_ref]),
            None,
            &codes
        ));
    }
}
