//! The OpenAPI 3.1 document of the REST API, generated from the handlers'
//! `#[utoipa::path]` attributes and the Rust types of their bodies, served
//! at `GET /openapi.json` and checked in as `docs/openapi.json` (a test
//! fails when the two drift apart).
//!
//! The presentation, the assessment and the mapped record are the core's
//! and the FHIR crate's types; their JSON Schemas are theirs to publish
//! (`prolo_triage::schema`, also in `docs/schema/`). They appear here as
//! the components `Presentation`, `Assessment` and `MappedRecord`, filled
//! by [`schemas`], their `$defs` hoisted into components of their own.

use std::borrow::Cow;

use serde_json::{json, Map, Value};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ObjectBuilder, RefOr, Schema};
use utoipa::{Modify, OpenApi, PartialSchema, ToSchema};

use crate::error::Problem;
use crate::rest;

macro_rules! named_schema {
    ($(#[$doc:meta])* $ty:ident, $name:literal) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $ty;

        impl PartialSchema for $ty {
            fn schema() -> RefOr<Schema> {
                // Replaced by the crate's schema in `document()`.
                ObjectBuilder::new().into()
            }
        }

        impl ToSchema for $ty {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
        }
    };
}

named_schema!(
    /// The component `Presentation`: the core's input wire format.
    PresentationBody,
    "Presentation"
);
named_schema!(
    /// The component `Assessment`: the core's output wire format.
    AssessmentBody,
    "Assessment"
);
named_schema!(
    /// The component `MappedRecord`: the FHIR crate's mapped record.
    MappedBody,
    "MappedRecord"
);

/// `POST /v1/assess/fhir`'s answer.
#[derive(Debug, ToSchema)]
pub struct FhirAssessment {
    /// The presentation the record maps to, with the provenance of every
    /// fact and what was seen but not used.
    pub mapped: MappedBody,
    /// The assessment of that presentation.
    pub assessment: AssessmentBody,
}

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "A JWT (ES384 or RS384) from a configured issuer, aud = <public_url>/v1 \
                         or the URL called; not needed when the service runs with \
                         --dangerously-disable-auth",
                    ))
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "prolo-triage REST API",
        description = "Prolotherapy triage for foot problems over plain HTTP: the same \
assessment the CDS Hooks service shows as a card, in the library's own wire format. Decision \
support for a clinician, not a diagnosis.",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0"),
    ),
    paths(
        rest::assess_presentation,
        rest::assess_fhir,
        rest::questionnaire,
        rest::intake_questionnaire,
        rest::handout,
        rest::policies,
        rest::source_attributes,
        rest::feedback_export,
        crate::health,
    ),
    components(schemas(Problem, PresentationBody, AssessmentBody, MappedBody)),
    modifiers(&Security),
    tags(
        (name = "assessment", description = "Assess a presentation or a FHIR record"),
        (name = "reference", description = "What the service offers"),
        (name = "operations", description = "Liveness"),
    )
)]
struct ApiDoc;

/// The JSON Schemas of the crates' wire types, by component name: the
/// core's generated schemas (its `schema` feature) for the presentation
/// and the assessment, the FHIR crate's for its mapped record.
#[must_use]
pub fn schemas() -> [(&'static str, Value); 3] {
    [
        ("Presentation", prolo_triage::schema::presentation()),
        ("Assessment", prolo_triage::schema::assessment()),
        ("MappedRecord", prolo_triage_fhir::schema::mapped()),
    ]
}

/// Puts a JSON Schema document in the components as `name`: its `$defs`
/// become components of their own (a `$ref` to `#/$defs/X` inside a
/// component would point at the OpenAPI document's root), named as they
/// are unless another schema already uses the name for something else,
/// then prefixed with `name`; `$schema` goes (the document's dialect is
/// JSON Schema 2020-12 already).
fn hoist(components: &mut Map<String, Value>, name: &str, mut schema: Value) {
    let defs = schema
        .as_object_mut()
        .and_then(|o| {
            o.remove("$schema");
            o.remove("$defs")
        })
        .and_then(|d| match d {
            Value::Object(d) => Some(d),
            _ => None,
        })
        .unwrap_or_default();
    let renamed: Vec<(String, String)> = defs
        .iter()
        .map(|(def, body)| {
            let taken = components.get(def).is_some_and(|existing| existing != body);
            let target = if taken {
                format!("{name}{def}")
            } else {
                def.clone()
            };
            (def.clone(), target)
        })
        .collect();
    let retarget = |value: &mut Value| {
        rewrite_refs(value, &|r: &str| {
            let def = r.strip_prefix("#/$defs/")?;
            let target = renamed
                .iter()
                .find(|(d, _)| d == def)
                .map_or(def, |(_, t)| t);
            Some(format!("#/components/schemas/{target}"))
        });
    };
    for (def, mut body) in defs {
        retarget(&mut body);
        let target = renamed
            .iter()
            .find(|(d, _)| *d == def)
            .map_or(def.clone(), |(_, t)| t.clone());
        components.insert(target, body);
    }
    retarget(&mut schema);
    components.insert(name.to_owned(), schema);
}

fn rewrite_refs(value: &mut Value, to: &dyn Fn(&str) -> Option<String>) {
    match value {
        Value::Object(o) => {
            for (key, v) in o.iter_mut() {
                match v {
                    Value::String(r) if key == "$ref" => {
                        if let Some(new) = to(r) {
                            *r = new;
                        }
                    }
                    other => rewrite_refs(other, to),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|v| rewrite_refs(v, to)),
        _ => {}
    }
}

/// The OpenAPI document, as served at `/openapi.json`.
#[must_use]
pub fn document() -> Value {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let mut value = serde_json::to_value(&doc).unwrap_or_else(|_| json!({}));
    if let Some(components) = value
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for (name, schema) in schemas() {
            // The placeholder `named_schema!` put there.
            components.remove(name);
            hoist(components, name, schema);
        }
    }
    value
}

/// The document as the checked-in file holds it: pretty, with a final
/// newline.
#[must_use]
pub fn document_text() -> String {
    let mut text = serde_json::to_string_pretty(&document()).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_openapi_3_1_with_every_route_and_schema() {
        let d = document();
        assert!(
            d["openapi"].as_str().unwrap().starts_with("3.1"),
            "{}",
            d["openapi"]
        );
        for path in [
            "/v1/assess",
            "/v1/assess/fhir",
            "/v1/questionnaire",
            "/v1/intake-questionnaire",
            "/v1/handout",
            "/v1/policies",
            "/health",
        ] {
            assert!(d["paths"][path].is_object(), "{path}");
        }
        for name in [
            "Presentation",
            "Assessment",
            "MappedRecord",
            "Problem",
            "FhirRequest",
        ] {
            assert!(d["components"]["schemas"][name].is_object(), "{name}");
        }
        assert_eq!(
            d["paths"]["/v1/assess"]["post"]["requestBody"]["content"]["application/json"]
                ["schema"]["$ref"],
            "#/components/schemas/Presentation"
        );
        // The core's schemas, with every reference resolvable in the document.
        assert_eq!(
            d["components"]["schemas"]["Presentation"]["title"],
            prolo_triage::schema::presentation()["title"]
        );
        let text = d.to_string();
        assert!(!text.contains("#/$defs/"), "a $defs reference was left");
        let mut refs = Vec::new();
        collect_refs(&d, &mut refs);
        assert!(refs.len() > 20, "{refs:?}");
        for r in refs {
            let pointer = r.strip_prefix('#').unwrap();
            assert!(d.pointer(pointer).is_some(), "{r} does not resolve");
        }
    }

    fn collect_refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                for (k, v) in o {
                    match v {
                        Value::String(r) if k == "$ref" => out.push(r.clone()),
                        other => collect_refs(other, out),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|v| collect_refs(v, out)),
            _ => {}
        }
    }

    #[test]
    fn hoisting_renames_a_def_another_schema_uses_differently() {
        let mut c = Map::new();
        hoist(
            &mut c,
            "A",
            json!({"$schema": "x", "$ref": "#/$defs/T", "$defs": {"T": {"type": "string"}}}),
        );
        hoist(
            &mut c,
            "B",
            json!({"properties": {"t": {"$ref": "#/$defs/T"}, "u": {"$ref": "#/$defs/U"}},
                   "$defs": {"T": {"type": "integer"}, "U": {"$ref": "#/$defs/T"}}}),
        );
        assert_eq!(c["A"], json!({"$ref": "#/components/schemas/T"}));
        assert_eq!(c["T"], json!({"type": "string"}));
        assert_eq!(c["BT"], json!({"type": "integer"}));
        assert_eq!(c["B"]["properties"]["t"]["$ref"], "#/components/schemas/BT");
        assert_eq!(c["U"]["$ref"], "#/components/schemas/BT");
    }

    /// The checked-in document is the one the code generates: regenerate
    /// with `PROLO_REGENERATE=1 cargo test -p prolo-triage-cds openapi`.
    #[test]
    fn the_checked_in_document_has_not_drifted() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/openapi.json");
        if std::env::var_os("PROLO_REGENERATE").is_some() {
            std::fs::write(path, document_text()).unwrap_or_default();
        }
        let checked_in = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            checked_in == document_text(),
            "docs/openapi.json differs from the generated document; regenerate it with \
             `PROLO_REGENERATE=1 cargo test -p prolo-triage-cds openapi`"
        );
    }
}
