//! JSON Schemas of the wire format, generated from the Rust types (with
//! the `schema` feature): the presentation a caller sends and the
//! assessment it gets back, for OpenAPI documents, TypeScript types and
//! validators. The output types derive [`schemars::JsonSchema`]; the
//! presentation, whose parser is hand-written for speed, builds its schema
//! from the same vocabularies and unit ranges the parser checks against.
//!
//! # Example
//!
//! ```
//! let presentation = prolo_triage::schema::presentation();
//! assert_eq!(presentation["type"], "object");
//! let findings = &presentation["properties"]["findings"]["anyOf"][0];
//! assert!(findings["properties"]["fever"].is_object());
//! let assessment = prolo_triage::schema::assessment();
//! assert!(assessment["required"].as_array().is_some_and(|r| r.iter().any(|f| f == "verdict")));
//! ```

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value};

use crate::assessment::Assessment;
use crate::input::{FactName, Presentation};
use crate::rules::{Fact, Subject};
use crate::units::{AgeYears, PainScore, Weeks};
use crate::vocabulary::{
    Allergy, Condition, ConservativeCare, Finding, MedicationClass, Reporter, Sex, Side, Symptom,
};
use crate::Truth;

/// The JSON Schema (draft 2020-12) of a presentation.
///
/// # Example
///
/// ```
/// let schema = prolo_triage::schema::presentation();
/// assert_eq!(schema["properties"]["age_years"]["anyOf"][0]["maximum"], 130);
/// ```
#[must_use]
pub fn presentation() -> Value {
    tidy(schemars::schema_for!(Presentation).to_value())
}

/// The JSON Schema (draft 2020-12) of an assessment.
///
/// # Example
///
/// ```
/// let schema = prolo_triage::schema::assessment();
/// assert_eq!(schema["title"], "Assessment");
/// ```
#[must_use]
pub fn assessment() -> Value {
    tidy(schemars::schema_for!(Assessment).to_value())
}

/// The JSON Schema (draft 2020-12) of an interview's next step
/// ([`Step`](crate::Step)).
///
/// # Example
///
/// ```
/// let schema = prolo_triage::schema::step();
/// assert_eq!(schema["title"], "Step");
/// assert!(schema["properties"]["places"].is_object());
/// ```
#[must_use]
pub fn step() -> Value {
    tidy(schemars::schema_for!(crate::Step).to_value())
}

/// Descriptions come from the doc comments: keep their prose for the
/// schema's readers and drop the Rust sections (`# Example`, `# Errors`).
fn tidy(mut value: Value) -> Value {
    fn walk(value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter_mut() {
                    match child {
                        Value::String(text) if key == "description" => {
                            if let Some(cut) = text.find("\n\n# ") {
                                text.truncate(cut);
                            }
                        }
                        other => walk(other),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut value);
    value
}

/// `schema`, or `null`: the wire format reads `null` as a missing field.
fn nullable(schema: Schema) -> Value {
    json_schema!({ "anyOf": [schema, { "type": "null" }] }).to_value()
}

fn integer(max: u16, description: &str) -> Value {
    nullable(json_schema!({
        "type": "integer",
        "minimum": 0,
        "maximum": max,
        "description": description,
    }))
}

/// A medication or allergy list (contract v2): a closed list of names, or
/// an open list, an object of names to truth values.
fn open_list<T: JsonSchema>(
    generator: &mut SchemaGenerator,
    names: &[&str],
    description: &str,
) -> Value {
    let truth = generator.subschema_for::<Truth>();
    let entries: Map<String, Value> = names
        .iter()
        .map(|n| ((*n).to_owned(), truth.clone().to_value()))
        .collect();
    nullable(json_schema!({
        "oneOf": [
            {
                "type": "array",
                "items": generator.subschema_for::<T>(),
                "uniqueItems": true,
                "description": "A closed list: exactly these, none other; [] means none.",
            },
            {
                "type": "object",
                "properties": entries,
                "additionalProperties": false,
                "description": "An open list: each class named with present, absent or unknown; a class left out is unknown.",
            },
        ],
        "description": description,
    }))
}

fn list<T: JsonSchema>(generator: &mut SchemaGenerator, description: &str) -> Value {
    nullable(json_schema!({
        "type": "array",
        "items": generator.subschema_for::<T>(),
        "uniqueItems": true,
        "description": description,
    }))
}

impl JsonSchema for Presentation {
    fn schema_name() -> Cow<'static, str> {
        "Presentation".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let truth = generator.subschema_for::<Truth>();
        let findings: Map<String, Value> = Finding::all()
            .iter()
            .map(|f| (f.as_str().to_owned(), nullable(truth.clone())))
            .collect();
        let symptoms: Map<String, Value> = Symptom::all()
            .iter()
            .map(|s| (s.as_str().to_owned(), nullable(truth.clone())))
            .collect();
        let reporter = generator.subschema_for::<Reporter>();
        let answered_by: Map<String, Value> = FactName::every()
            .map(|n| (n.as_str().to_owned(), nullable(reporter.clone())))
            .collect();
        let properties = serde_json::json!({
            "age_years": integer(AgeYears::MAX, "Age in years."),
            "sex": nullable(generator.subschema_for::<Sex>()),
            "conditions": list::<Condition>(generator, "The diagnosed foot conditions; [] means none."),
            "side": nullable(generator.subschema_for::<Side>()),
            "symptom_weeks": integer(Weeks::MAX, "How long the symptoms have lasted, in weeks."),
            "conservative_care_weeks": integer(Weeks::MAX, "Weeks of guideline-based conservative care; at most symptom_weeks."),
            "conservative_care": list::<ConservativeCare>(generator, "The conservative care tried."),
            "pain_score": integer(PainScore::MAX, "Pain, 0 to 10."),
            "findings": nullable(json_schema!({
                "type": "object",
                "properties": findings,
                "additionalProperties": false,
                "description": "Finding name to present, absent or unknown; a finding left out is unknown.",
            })),
            "symptoms": nullable(json_schema!({
                "type": "object",
                "properties": symptoms,
                "additionalProperties": false,
                "description": "Symptom name (contract v3) to present, absent or unknown; a symptom left out is unknown. Symptoms never change the verdict.",
            })),
            "answered_by": nullable(json_schema!({
                "type": "object",
                "properties": answered_by,
                "additionalProperties": false,
                "description": "Who answered each fact (contract v3): fact path to patient or clinician. Informational: shown beside the fact, never read by the rules.",
            })),
            "medications": open_list::<MedicationClass>(
                generator,
                &MedicationClass::all().iter().map(|m| m.as_str()).collect::<Vec<_>>(),
                "Medication classes: a list ([] means none) or an open list of classes to truth values; a missing list is unknown.",
            ),
            "allergies": open_list::<Allergy>(
                generator,
                &Allergy::all().iter().map(|a| a.as_str()).collect::<Vec<_>>(),
                "Allergies: a list ([] means none) or an open list of allergies to truth values; a missing list is unknown.",
            ),
        });
        json_schema!({
            "type": "object",
            "description": "One patient's foot problem as the clinic system holds it. A field left out (or null) is unknown.",
            "properties": properties,
            "additionalProperties": false,
        })
    }
}

/// Every wire name of a fact: each finding, each medication class and
/// allergy and condition with its list's prefix, and the threshold fields.
fn fact_names() -> Vec<String> {
    let mut names: Vec<String> = Finding::all()
        .iter()
        .map(|f| Fact::Finding(*f).to_string())
        .collect();
    names.extend(
        MedicationClass::all()
            .iter()
            .map(|m| Fact::Medication(*m).to_string()),
    );
    names.extend(Allergy::all().iter().map(|a| Fact::Allergy(*a).to_string()));
    names.extend(
        Condition::all()
            .iter()
            .map(|c| Fact::Condition(*c).to_string()),
    );
    names.extend(
        [
            Fact::AgeBelowMinimum,
            Fact::NoTreatableCondition,
            Fact::SymptomsBelowMinimum,
            Fact::CareBelowMinimum,
        ]
        .iter()
        .map(Fact::to_string),
    );
    names
}

impl JsonSchema for Fact {
    fn schema_name() -> Cow<'static, str> {
        "Fact".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "enum": fact_names(),
            "description": "A fact a rule rests on: a finding, medications.<class>, allergies.<allergy>, conditions.<condition>, or a threshold field.",
        })
    }
}

impl JsonSchema for Subject {
    fn schema_name() -> Cow<'static, str> {
        "Subject".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let names: Vec<&str> = Subject::every()
            .chain(Symptom::all().iter().map(|s| Subject::Symptom(*s)))
            .chain([Subject::WhereItHurts])
            .map(Subject::as_str)
            .collect();
        json_schema!({
            "type": "string",
            "enum": names,
            "description": "What a question asks about: a finding, a field of the presentation, one class of an open list (medications.<class>, allergies.<allergy>), a symptom (symptoms.<name>), or where_it_hurts (the map of the foot).",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fact_name_parses_back() {
        for name in fact_names() {
            assert_eq!(name.parse::<Fact>().map(|f| f.to_string()), Ok(name));
        }
    }

    #[test]
    fn every_subject_name_parses_back() {
        for subject in Subject::every() {
            assert_eq!(subject.as_str().parse::<Subject>(), Ok(subject));
        }
    }
}
