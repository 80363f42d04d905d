//! The output of a mapping: the presentation, where each fact came from,
//! and what was seen but not used.

use std::fmt::{self, Write as _};

use prolo_triage::{Finding, Presentation, Subject, Symptom};
use serde::{Serialize, Serializer};

use crate::time::AsOf;

/// A part of the presentation a fact sets, named as in the wire format.
///
/// # Example
///
/// ```
/// use prolo_triage::Finding;
/// use prolo_triage_fhir::Field;
/// assert_eq!(Field::Finding(Finding::Fever).path(), "findings.fever");
/// assert_eq!(Field::AgeYears.path(), "age_years");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Field {
    /// `age_years`.
    AgeYears,
    /// `sex`.
    Sex,
    /// `conditions` (one provenance per condition).
    Conditions,
    /// `symptom_weeks`.
    SymptomWeeks,
    /// `conservative_care_weeks`.
    ConservativeCareWeeks,
    /// `findings.<finding>`.
    Finding(Finding),
    /// `medications`: one provenance per class present (value the class),
    /// one per class a resource leaves unknown (value `<class>: unknown`,
    /// aspirin without a readable dose), and one for the list as a whole
    /// (value `list`).
    Medications,
    /// `allergies`: as medications.
    Allergies,
    /// `symptoms.<symptom>`: answered in the patient intake.
    Symptom(Symptom),
}

impl Field {
    /// The wire-format path: the core's name for the subject
    /// ([`Subject::as_str`]), under `findings.` for a finding.
    #[must_use]
    pub fn path(self) -> String {
        if let Field::Symptom(s) = self {
            return format!("symptoms.{}", s.as_str());
        }
        match self.subject() {
            Some(Subject::Finding(f)) => format!("findings.{}", f.as_str()),
            Some(subject) => subject.as_str().into(),
            None => "sex".into(),
        }
    }

    /// The subject of the core's rules this field settles; `None` for
    /// `sex`, which no question asks (it only implies `pregnancy`), and for
    /// a symptom, which the candidate conditions read, never the rules.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Subject;
    /// use prolo_triage_fhir::Field;
    /// assert_eq!(Field::SymptomWeeks.subject(), Some(Subject::SymptomWeeks));
    /// assert_eq!(Field::Sex.subject(), None);
    /// ```
    #[must_use]
    pub fn subject(self) -> Option<Subject> {
        Some(match self {
            Field::AgeYears => Subject::AgeYears,
            Field::Sex | Field::Symptom(_) => return None,
            Field::Conditions => Subject::Conditions,
            Field::SymptomWeeks => Subject::SymptomWeeks,
            Field::ConservativeCareWeeks => Subject::ConservativeCareWeeks,
            Field::Finding(f) => Subject::Finding(f),
            Field::Medications => Subject::Medications,
            Field::Allergies => Subject::Allergies,
        })
    }
}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.path())
    }
}

/// The value of [`Provenance::value`] for the entry that explains why a
/// medication or allergy list is known as a whole.
pub const LIST: &str = "list";

/// The mapping rule that set a fact: a stable id and what it does.
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::Rule;
/// assert_eq!(Rule::BodyTemperature.as_str(), "observation.body_temperature");
/// assert!(Rule::BodyTemperature.describe().contains("38"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// Age from `Patient.birthDate` to the as-of date.
    PatientBirthDate,
    /// Sex from `Patient.gender`.
    PatientGender,
    /// Sex `other`: `Patient.gender` male with a pregnancy recorded.
    PatientGenderWithPregnancy,
    /// An active, confirmed Condition whose code maps to a condition or a
    /// finding.
    ConditionCode,
    /// ICD-10-CM M79.67- (pain in foot): mapped to `heel_pain`; the record
    /// coded foot pain, so the clinician confirms the diagnosis.
    ConditionFootPain,
    /// A refuted Condition: the finding is absent.
    ConditionRefuted,
    /// Symptom weeks from the earliest onset of a mapped foot condition.
    ConditionOnset,
    /// Body temperature within its window against 38 °C.
    BodyTemperature,
    /// Platelet count within its window against 100×10⁹/L.
    PlateletCount,
    /// Haemoglobin within its window against 10 g/dL.
    Haemoglobin,
    /// An active medication whose code maps to a class.
    MedicationCode,
    /// Aspirin (ATC B01AC06, RxNorm 1191) by its daily dose.
    AspirinDose,
    /// The medication list is declared complete and every active
    /// medication is classified.
    MedicationsComplete,
    /// A tracked class is recorded in a list not known to be complete: an
    /// open list (the classes found present, the others unknown).
    MedicationsOpen,
    /// An active allergy whose code maps to a tracked allergy.
    AllergyCode,
    /// The allergy list is declared complete and every active allergy is
    /// classified.
    AllergiesComplete,
    /// A "no known allergy" statement, with no allergy recorded.
    NoKnownAllergy,
    /// A tracked allergy is recorded in a list not known to be complete: an
    /// open list (the allergies found present, the others unknown).
    AllergiesOpen,
    /// An answer in the screening QuestionnaireResponse.
    QuestionnaireAnswer,
    /// Conservative care capped at the symptom duration.
    CareCappedAtSymptoms,
    /// An answer in the patient intake QuestionnaireResponse.
    IntakeAnswer,
}

impl Rule {
    /// The stable id.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::PatientBirthDate => "patient.birth_date",
            Rule::PatientGender => "patient.gender",
            Rule::PatientGenderWithPregnancy => "patient.gender_with_pregnancy",
            Rule::ConditionCode => "condition.code",
            Rule::ConditionFootPain => "condition.foot_pain",
            Rule::ConditionRefuted => "condition.refuted",
            Rule::ConditionOnset => "condition.onset",
            Rule::BodyTemperature => "observation.body_temperature",
            Rule::PlateletCount => "observation.platelet_count",
            Rule::Haemoglobin => "observation.haemoglobin",
            Rule::MedicationCode => "medication.code",
            Rule::AspirinDose => "medication.aspirin_dose",
            Rule::MedicationsComplete => "medications.complete",
            Rule::MedicationsOpen => "medications.open",
            Rule::AllergyCode => "allergy.code",
            Rule::AllergiesComplete => "allergies.complete",
            Rule::NoKnownAllergy => "allergy.none_known",
            Rule::AllergiesOpen => "allergies.open",
            Rule::QuestionnaireAnswer => "questionnaire.answer",
            Rule::CareCappedAtSymptoms => "questionnaire.care_capped",
            Rule::IntakeAnswer => "intake.answer",
        }
    }

    /// What the rule does, for a reviewer.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Rule::PatientBirthDate => "age in whole years from Patient.birthDate to the as-of date (unknown when a partial birth date allows two ages)",
            Rule::PatientGender => "sex from Patient.gender (administrative gender); male settles pregnancy as absent in the core",
            Rule::PatientGenderWithPregnancy => "Patient.gender is male but a pregnancy is recorded: sex is recorded as other, as the core asks",
            Rule::ConditionCode => "an active (active, recurrence, relapse), confirmed or unqualified Condition whose code the code tables map",
            Rule::ConditionFootPain => "an active, confirmed or unqualified Condition coded ICD-10-CM M79.67- (pain in foot; the ICD-10-CM index sends heel pain there): mapped to heel_pain, but the record coded foot pain, so the clinician confirms the diagnosis",
            Rule::ConditionRefuted => "a Condition with verificationStatus refuted: the finding is absent",
            Rule::ConditionOnset => "whole weeks from the latest possible onset of the earliest mapped foot condition to the as-of date (at least this long)",
            Rule::BodyTemperature => "a final body temperature (UCUM Cel or [degF]) certainly within its window: 38 °C or more present, below absent; any fever wins",
            Rule::Haemoglobin => "a final haemoglobin (LOINC 718-7, a secondary code; UCUM g/dL or g/L) certainly within its window (90 days, our inference): below 10 g/dL (100 g/L) anaemia present, else absent",
            Rule::PlateletCount => "a final platelet count (UCUM 10*3/uL or 10*9/L) certainly within its window: below 100×10⁹/L present, else absent",
            Rule::MedicationCode => "an active MedicationStatement (active, intended) or MedicationRequest (active) whose code the code tables map to the class",
            Rule::AspirinDose => "aspirin (ATC B01AC06, RxNorm 1191) by its structured daily dose (dose in mg or g × frequency per day): 100 mg/day or less low_dose_aspirin, more antiplatelet and nsaid (the 100 mg cut is our inference); no readable dose leaves antiplatelet and nsaid unknown, so they are asked",
            Rule::MedicationsComplete => "the medication list is declared complete and every active medication is classified",
            Rule::MedicationsOpen => "a tracked class is recorded, but the list is not known to be complete: an open list, the classes found present and every other class unknown (asked), never absent",
            Rule::AllergyCode => "an active, confirmed or unqualified AllergyIntolerance whose code the code tables map",
            Rule::AllergiesComplete => "the allergy list is declared complete and every active allergy is classified",
            Rule::NoKnownAllergy => "an active \"no known allergy\" AllergyIntolerance and no allergy recorded",
            Rule::AllergiesOpen => "a tracked allergy is recorded, but the list is not known to be complete: an open list, the allergies found present and every other allergy unknown (asked), never absent",
            Rule::QuestionnaireAnswer => "an answer in a completed screening QuestionnaireResponse within its window: Yes present, No absent",
            Rule::CareCappedAtSymptoms => "conservative care answered longer than the symptoms: capped at the symptom duration",
            Rule::IntakeAnswer => "an answer in a completed patient intake QuestionnaireResponse within its window: Yes present; No absent, but unknown for a fact only a clinician rules out; the places of the foot not chosen absent; a medication or allergy answered Yes present in the list (a No is not merged into the record's list); age and sex only when the Patient does not say",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A resource in the input: its type, its id, and where it was.
///
/// # Example
///
/// ```
/// use prolo_triage_fhir::ResourceRef;
/// let r = ResourceRef::new("Observation", Some("f202".into()), "entry[1].resource");
/// assert_eq!(r.to_string(), "Observation/f202");
/// let anonymous = ResourceRef::new("Observation", None, "entry[1].resource");
/// assert_eq!(anonymous.to_string(), "Observation at entry[1].resource");
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ResourceRef {
    /// The `resourceType`.
    pub resource_type: String,
    /// The `id`, when the resource has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Where it was in the input, e.g. `entry[3].resource` or
    /// `prefetch.conditions.entry[0].resource`.
    pub location: String,
}

impl ResourceRef {
    /// A reference to a resource found at `location`.
    #[must_use]
    pub fn new(resource_type: &str, id: Option<String>, location: &str) -> ResourceRef {
        ResourceRef {
            resource_type: resource_type.to_owned(),
            id,
            location: location.to_owned(),
        }
    }
}

impl fmt::Display for ResourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "{}/{id}", self.resource_type),
            None => write!(f, "{} at {}", self.resource_type, self.location),
        }
    }
}

/// Where one fact of the presentation came from.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Provenance {
    /// The part of the presentation set.
    pub field: Field,
    /// The value set, as in the wire format (`present`, `51`,
    /// `plantar_fasciitis`, `anticoagulant`), or [`LIST`] for the entry
    /// explaining a whole list.
    pub value: String,
    /// The resource it rests on; `None` when it rests on the options (a
    /// list declared complete) or on other facts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<ResourceRef>,
    /// The mapping rule.
    pub rule: Rule,
    /// The value seen, e.g. `39 Cel at 2026-11-25T08:30:00Z`.
    pub seen: String,
}

/// Why something seen in the input set no fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnusedReason {
    /// A resource type the mapping does not read.
    UnsupportedResource,
    /// The resource or value does not have the shape FHIR gives it.
    Malformed,
    /// About another patient.
    OtherPatient,
    /// The same resource (type and id) seen before.
    Duplicate,
    /// `entered-in-error`.
    EnteredInError,
    /// Not in an active or final status.
    NotActive,
    /// Not confirmed (unconfirmed, provisional, differential), or refuted
    /// where the presentation cannot say "not".
    NotConfirmed,
    /// No code in the code tables.
    UnmappedCode,
    /// No value.
    NoValue,
    /// A unit the rule does not read.
    UnsupportedUnit,
    /// No usable date.
    NoDate,
    /// Older than its recency window.
    Stale,
    /// Dated after the as-of moment.
    AfterAsOf,
    /// Outside the range the presentation holds.
    OutOfRange,
    /// A reference that does not resolve in the input.
    UnresolvedReference,
    /// A list entry not used because the list is not known to be complete.
    ListNotComplete,
    /// Superseded by a more direct statement.
    Superseded,
    /// Contradicted by another statement that wins.
    Conflict,
    /// The data could not be fetched (an OperationOutcome).
    FetchFailed,
    /// A prefetch key with no data (`null`).
    NoData,
    /// A search Bundle with more pages.
    IncompleteSearch,
    /// A QuestionnaireResponse to another questionnaire.
    OtherQuestionnaire,
    /// An answer to an item the screening questionnaire does not have.
    UnknownItem,
    /// Answered "don't know": the fact stays unknown.
    AnsweredUnknown,
}

impl UnusedReason {
    /// The stable name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            UnusedReason::UnsupportedResource => "unsupported_resource",
            UnusedReason::Malformed => "malformed",
            UnusedReason::OtherPatient => "other_patient",
            UnusedReason::Duplicate => "duplicate",
            UnusedReason::EnteredInError => "entered_in_error",
            UnusedReason::NotActive => "not_active",
            UnusedReason::NotConfirmed => "not_confirmed",
            UnusedReason::UnmappedCode => "unmapped_code",
            UnusedReason::NoValue => "no_value",
            UnusedReason::UnsupportedUnit => "unsupported_unit",
            UnusedReason::NoDate => "no_date",
            UnusedReason::Stale => "stale",
            UnusedReason::AfterAsOf => "after_as_of",
            UnusedReason::OutOfRange => "out_of_range",
            UnusedReason::UnresolvedReference => "unresolved_reference",
            UnusedReason::ListNotComplete => "list_not_complete",
            UnusedReason::Superseded => "superseded",
            UnusedReason::Conflict => "conflict",
            UnusedReason::FetchFailed => "fetch_failed",
            UnusedReason::NoData => "no_data",
            UnusedReason::IncompleteSearch => "incomplete_search",
            UnusedReason::OtherQuestionnaire => "other_questionnaire",
            UnusedReason::UnknownItem => "unknown_item",
            UnusedReason::AnsweredUnknown => "answered_unknown",
        }
    }
}

impl fmt::Display for UnusedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for UnusedReason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Something seen in the input that set no fact, and why: so an integrator
/// can see why a fact stayed unknown.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Unused {
    /// The resource, when the thing seen is one (else the detail says what
    /// it was: a prefetch key, a Bundle link).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<ResourceRef>,
    /// Why it was not used.
    pub reason: UnusedReason,
    /// What was seen, e.g. `status entered-in-error` or `LOINC 718-7`.
    pub detail: String,
}

/// A mapped record: the [`Presentation`], the provenance of every fact in
/// it, and what was seen but not used.
///
/// # Example
///
/// ```
/// use prolo_triage::{Finding, Truth};
/// use prolo_triage_fhir::{map_bundle, Field, MappingOptions, UnusedReason};
///
/// let bundle = r#"{"resourceType": "Bundle", "type": "collection", "entry": [
///   {"resource": {"resourceType": "Observation", "id": "t1", "status": "final",
///     "code": {"coding": [{"system": "http://loinc.org", "code": "8310-5"}]},
///     "effectiveDateTime": "2026-11-26T08:00:00Z",
///     "valueQuantity": {"value": 36.8, "unit": "C", "system": "http://unitsofmeasure.org", "code": "Cel"}}},
///   {"resource": {"resourceType": "Observation", "id": "t0", "status": "final",
///     "code": {"coding": [{"system": "http://loinc.org", "code": "8310-5"}]},
///     "effectiveDateTime": "2026-11-20T08:00:00Z",
///     "valueQuantity": {"value": 39, "system": "http://unitsofmeasure.org", "code": "Cel"}}}
/// ]}"#;
/// let mapped = map_bundle(bundle, &MappingOptions::new("2026-11-26".parse()?))?;
/// assert_eq!(mapped.presentation().finding(Finding::Fever), Truth::Absent);
/// let why = mapped.provenance_of(Field::Finding(Finding::Fever)).next().unwrap();
/// assert_eq!(why.resource.as_ref().unwrap().to_string(), "Observation/t1");
/// assert_eq!(why.seen, "36.8 Cel at 2026-11-26T08:00:00Z");
/// // The older reading is outside the 24-hour window.
/// assert_eq!(mapped.unused()[0].reason, UnusedReason::Stale);
/// # Ok::<(), prolo_triage_fhir::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mapped {
    #[serde(serialize_with = "as_of_string")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    as_of: AsOf,
    presentation: Presentation,
    provenance: Vec<Provenance>,
    unused: Vec<Unused>,
}

fn as_of_string<S: Serializer>(as_of: &AsOf, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&as_of.to_string())
}

impl Mapped {
    pub(crate) fn new(
        as_of: AsOf,
        presentation: Presentation,
        provenance: Vec<Provenance>,
        unused: Vec<Unused>,
    ) -> Mapped {
        Mapped {
            as_of,
            presentation,
            provenance,
            unused,
        }
    }

    /// The presentation, ready for [`prolo_triage::assess`].
    #[must_use]
    pub fn presentation(&self) -> &Presentation {
        &self.presentation
    }

    /// The moment the mapping was made as of.
    #[must_use]
    pub fn as_of(&self) -> AsOf {
        self.as_of
    }

    /// The provenance of every fact, in presentation order.
    #[must_use]
    pub fn provenance(&self) -> &[Provenance] {
        &self.provenance
    }

    /// The provenance of one field.
    pub fn provenance_of(&self, field: Field) -> impl Iterator<Item = &Provenance> {
        self.provenance.iter().filter(move |p| p.field == field)
    }

    /// True when a fact comes from a patient intake response
    /// ([`Rule::IntakeAnswer`]): the patient answered before a diagnosis
    /// was recorded, so a clinic may want the candidates shown.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage_fhir::{map_bundle, MappingOptions};
    /// let empty = r#"{"resourceType": "Bundle", "type": "collection", "entry": []}"#;
    /// let mapped = map_bundle(empty, &MappingOptions::new("2026-11-26".parse()?))?;
    /// assert!(!mapped.has_intake_answers());
    /// # Ok::<(), prolo_triage_fhir::Error>(())
    /// ```
    #[must_use]
    pub fn has_intake_answers(&self) -> bool {
        self.provenance.iter().any(|p| p.rule == Rule::IntakeAnswer)
    }

    /// What was seen but not used, in input order.
    #[must_use]
    pub fn unused(&self) -> &[Unused] {
        &self.unused
    }

    /// The whole mapping as one JSON document: `as_of`, `presentation` (the
    /// wire format), `provenance` and `unused`.
    #[must_use]
    pub fn to_json(&self) -> String {
        // Strings, numbers and enums only: serialization cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A plain-text account: the presentation, each fact with where it
    /// came from, then what was seen but not used.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage_fhir::{map_bundle, MappingOptions};
    /// let mapped = map_bundle(r#"{"resourceType": "Bundle", "type": "searchset"}"#,
    ///     &MappingOptions::new("2026-11-26".parse()?))?;
    /// assert!(mapped.report().starts_with("PRESENTATION as of 2026-11-26\n  {}\n"));
    /// # Ok::<(), prolo_triage_fhir::Error>(())
    /// ```
    #[must_use]
    pub fn report(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = writeln!(out, "PRESENTATION as of {}", self.as_of);
        let _ = writeln!(out, "  {}", self.presentation.to_json());
        if !self.provenance.is_empty() {
            let _ = writeln!(out, "\nFacts and their sources:");
            let mut rest = self.provenance.as_slice();
            while let Some(first) = rest.first() {
                let same = rest
                    .iter()
                    .take_while(|p| p.field == first.field && p.value == first.value)
                    .count();
                let (group, tail) = rest.split_at(same);
                rest = tail;
                let source = |p: &Provenance| match &p.resource {
                    Some(from) => format!("← {from}: {} [{}]", p.seen, p.rule),
                    None => format!("← {} [{}]", p.seen, p.rule),
                };
                let head = format!("  {} = {}", first.field.path(), first.value);
                match group {
                    [only] => {
                        let _ = writeln!(out, "{head} {}", source(only));
                    }
                    _ => {
                        let _ = writeln!(out, "{head}");
                        for p in group {
                            let _ = writeln!(out, "      {}", source(p));
                        }
                    }
                }
            }
        }
        if !self.unused.is_empty() {
            let _ = writeln!(out, "\nSeen but not used:");
            for u in &self.unused {
                let what = u
                    .resource
                    .as_ref()
                    .map_or_else(|| "input".to_owned(), ToString::to_string);
                let _ = writeln!(out, "  {what}: {} ({})", u.detail, u.reason);
            }
        }
        out
    }
}

/// The string-valued names (`Field` paths, mapping `Rule` ids, `Unused`
/// reasons) as strings in the schema: their sets grow with the mapping.
#[cfg(feature = "schema")]
mod string_schemas {
    use std::borrow::Cow;

    use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

    use super::{Field, Rule, UnusedReason};

    macro_rules! string_schema {
        ($t:ty, $name:literal, $description:literal) => {
            impl JsonSchema for $t {
                fn schema_name() -> Cow<'static, str> {
                    $name.into()
                }
                fn json_schema(_: &mut SchemaGenerator) -> Schema {
                    json_schema!({ "type": "string", "description": $description })
                }
            }
        };
    }

    string_schema!(
        Field,
        "Field",
        "The wire-format path of the fact set, e.g. `findings.fever`, `age_years`, `medications`."
    );
    string_schema!(
        Rule,
        "MappingRule",
        "The stable id of the mapping rule, e.g. `observation.body_temperature`."
    );
    string_schema!(
        UnusedReason,
        "UnusedReason",
        "Why the thing seen set no fact, e.g. `stale`."
    );
}
