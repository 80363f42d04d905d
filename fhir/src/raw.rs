//! The fields the mapping reads from FHIR R4 resources, as serde structs.
//!
//! Hand-written (`docs/clinic-integration.md` §1): only the ~30 fields the rules
//! need, every one optional, unknown fields ignored. Choice types
//! (`value[x]`, `onset[x]`, `effective[x]`, `medication[x]`) are one field
//! per variant we read. A resource whose fields have the wrong JSON type
//! fails to parse as a whole and is reported unused, never guessed at.

use serde::Deserialize;
use serde_json::Value;

/// `Coding`.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Coding {
    pub system: Option<String>,
    pub code: Option<String>,
    pub display: Option<String>,
}

/// `CodeableConcept`.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct CodeableConcept {
    #[serde(default)]
    pub coding: Vec<Coding>,
    pub text: Option<String>,
}

impl CodeableConcept {
    /// A short description: the text, else the first display, else the
    /// first code.
    pub fn describe(&self) -> String {
        self.text
            .clone()
            .or_else(|| self.coding.iter().find_map(|c| c.display.clone()))
            .or_else(|| self.coding.iter().find_map(|c| c.code.clone()))
            .unwrap_or_else(|| "no code".into())
    }
}

/// `Reference`.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Reference {
    pub reference: Option<String>,
}

/// `Quantity` (and `SimpleQuantity`).
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Quantity {
    pub value: Option<f64>,
    pub comparator: Option<String>,
    pub unit: Option<String>,
    pub system: Option<String>,
    pub code: Option<String>,
}

/// `Period`.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Period {
    pub start: Option<String>,
    pub end: Option<String>,
}

/// `Patient`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Patient {
    pub birth_date: Option<String>,
    pub gender: Option<String>,
}

/// `Condition`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Condition {
    pub clinical_status: Option<CodeableConcept>,
    pub verification_status: Option<CodeableConcept>,
    pub code: Option<CodeableConcept>,
    pub subject: Option<Reference>,
    pub onset_date_time: Option<String>,
    pub onset_period: Option<Period>,
    /// `onsetAge`, `onsetRange`, `onsetString`: seen, not read.
    pub onset_age: Option<Value>,
    pub onset_range: Option<Value>,
    pub onset_string: Option<String>,
}

/// `Observation`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Observation {
    pub status: Option<String>,
    pub code: Option<CodeableConcept>,
    pub subject: Option<Reference>,
    pub effective_date_time: Option<String>,
    pub effective_instant: Option<String>,
    pub effective_period: Option<Period>,
    pub value_quantity: Option<Quantity>,
    pub data_absent_reason: Option<CodeableConcept>,
}

/// `Timing.repeat`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Repeat {
    pub frequency: Option<u32>,
    pub frequency_max: Option<u32>,
    pub period: Option<f64>,
    pub period_max: Option<f64>,
    pub period_unit: Option<String>,
}

/// `Timing`.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Timing {
    pub repeat: Option<Repeat>,
}

/// `Dosage.doseAndRate`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DoseAndRate {
    pub dose_quantity: Option<Quantity>,
}

/// `Dosage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Dosage {
    pub timing: Option<Timing>,
    #[serde(default)]
    pub dose_and_rate: Vec<DoseAndRate>,
}

/// The parts `MedicationStatement` and `MedicationRequest` share.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MedicationUse {
    pub status: Option<String>,
    /// `MedicationRequest.intent`.
    pub intent: Option<String>,
    /// `MedicationRequest.doNotPerform`.
    pub do_not_perform: Option<bool>,
    pub medication_codeable_concept: Option<CodeableConcept>,
    pub medication_reference: Option<Reference>,
    pub subject: Option<Reference>,
    /// `MedicationStatement.dosage`.
    #[serde(default)]
    pub dosage: Vec<Dosage>,
    /// `MedicationRequest.dosageInstruction`.
    #[serde(default)]
    pub dosage_instruction: Vec<Dosage>,
    /// Contained resources, where a `#id` medication reference points.
    #[serde(default)]
    pub contained: Vec<Value>,
}

/// `Medication.ingredient`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Ingredient {
    pub item_codeable_concept: Option<CodeableConcept>,
}

/// `Medication`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Medication {
    pub code: Option<CodeableConcept>,
    #[serde(default)]
    pub ingredient: Vec<Ingredient>,
}

/// `AllergyIntolerance`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AllergyIntolerance {
    pub clinical_status: Option<CodeableConcept>,
    pub verification_status: Option<CodeableConcept>,
    pub code: Option<CodeableConcept>,
    pub patient: Option<Reference>,
}

/// `QuestionnaireResponse`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct QuestionnaireResponse {
    pub questionnaire: Option<String>,
    pub status: Option<String>,
    pub subject: Option<Reference>,
    pub authored: Option<String>,
    #[serde(default)]
    pub item: Vec<ResponseItem>,
}

/// `QuestionnaireResponse.item`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ResponseItem {
    pub link_id: Option<String>,
    #[serde(default)]
    pub answer: Vec<Answer>,
    #[serde(default)]
    pub item: Vec<ResponseItem>,
}

/// `QuestionnaireResponse.item.answer`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Answer {
    pub value_coding: Option<Coding>,
    pub value_boolean: Option<bool>,
    pub value_integer: Option<i64>,
    #[serde(default)]
    pub item: Vec<ResponseItem>,
}

/// `OperationOutcome.issue`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Issue {
    pub severity: Option<String>,
    pub diagnostics: Option<String>,
}

/// `OperationOutcome`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct OperationOutcome {
    #[serde(default)]
    pub issue: Vec<Issue>,
}

impl OperationOutcome {
    /// True when an issue is an error or fatal: the data it stands for
    /// could not be fetched.
    pub fn failed(&self) -> bool {
        self.issue
            .iter()
            .any(|i| matches!(i.severity.as_deref(), Some("error" | "fatal")))
    }

    /// The first diagnostics text, for the report.
    pub fn describe(&self) -> String {
        self.issue
            .iter()
            .find_map(|i| i.diagnostics.clone())
            .unwrap_or_else(|| "no diagnostics".into())
    }
}
