//! The mapping rules: each resource read into statements on a board, then
//! the board resolved into a presentation (`docs/clinic-integration.md` §2).
//!
//! A statement is a fact with its provenance. Resolution is where the
//! principles live: a missing statement leaves a fact unknown; a present
//! finding wins over an absent one; a list is known only when the clinic
//! vouches that it is complete, or when it holds a precaution.

mod board;
mod clinical;
mod medication;
mod observation;
mod response;

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::codes::{CodeEntry, Meaning};
use crate::error::{echo, Error};
use crate::input::{Input, Item};
use crate::mapped::{Mapped, ResourceRef, UnusedReason};
use crate::options::MappingOptions;
use crate::raw;

use board::Board;

/// Maps what was read from the input.
pub(crate) fn map(input: Input, options: &MappingOptions) -> Result<Mapped, Error> {
    let Input {
        items,
        notes,
        partial,
    } = input;
    let patient = PatientIdentity::of(&items)?;
    let medications = MedicationIndex::of(&items);
    let mut mapper = Mapper {
        options,
        patient,
        medications,
        board: Board::new(notes, partial),
    };
    let mut seen = HashSet::new();
    for item in items {
        let at = item.reference();
        if let Some(id) = &at.id {
            if !seen.insert((at.resource_type.clone(), id.clone())) {
                mapper.board.note(
                    at,
                    UnusedReason::Duplicate,
                    "the same resource was seen earlier in the input".into(),
                );
                continue;
            }
        }
        mapper.item(item, at);
    }
    mapper.medications.note_unreferenced(&mut mapper.board);
    mapper.board.resolve(options)
}

/// Who the record is about.
struct PatientIdentity {
    /// The normalised references that name the patient; `None` when the
    /// input holds no identifiable Patient (then every subject is
    /// accepted, provided there is only one).
    keys: Option<HashSet<String>>,
}

impl PatientIdentity {
    /// Finds the patient, refusing an input about several.
    fn of(items: &[Item]) -> Result<PatientIdentity, Error> {
        let mut patients: Vec<(String, HashSet<String>)> = Vec::new();
        for item in items.iter().filter(|i| i.resource_type() == "Patient") {
            let mut keys = HashSet::new();
            if let Some(id) = item.id() {
                keys.insert(format!("Patient/{id}"));
            }
            if let Some(url) = &item.full_url {
                keys.insert(normalise(url));
            }
            let name = item.reference().to_string();
            // The same patient may be listed twice (two prefetch keys); two
            // Patients that nothing identifies may be two people.
            if !patients.iter().any(|(_, k)| !k.is_disjoint(&keys)) {
                patients.push((name, keys));
            }
        }
        match patients.len() {
            0 => {
                let mut subjects: Vec<String> = items
                    .iter()
                    .filter_map(subject_reference)
                    .map(|r| normalise(&r))
                    .collect();
                subjects.sort();
                subjects.dedup();
                if subjects.len() > 1 {
                    return Err(several(subjects));
                }
                Ok(PatientIdentity { keys: None })
            }
            1 => Ok(PatientIdentity {
                keys: patients
                    .pop()
                    .map(|(_, keys)| keys)
                    .filter(|keys| !keys.is_empty()),
            }),
            _ => Err(several(patients.into_iter().map(|(n, _)| n).collect())),
        }
    }

    /// True when a subject reference can be this patient.
    fn accepts(&self, reference: Option<&raw::Reference>) -> bool {
        match (&self.keys, reference.and_then(|r| r.reference.as_deref())) {
            (Some(keys), Some(r)) => keys.contains(&normalise(r)),
            _ => true,
        }
    }
}

fn several(mut names: Vec<String>) -> Error {
    names.truncate(5);
    Error::SeveralPatients {
        patients: names.iter().map(|n| echo(n)).collect::<Vec<_>>().join(", "),
    }
}

/// The subject or patient reference of a resource, as written.
fn subject_reference(item: &Item) -> Option<String> {
    ["subject", "patient"].iter().find_map(|field| {
        item.resource
            .get(*field)
            .and_then(|s| s.get("reference"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    })
}

/// A reference reduced to `Type/id` (absolute URLs and `_history`
/// versions dropped); `urn:` and `#` references are kept whole.
fn normalise(reference: &str) -> String {
    if reference.starts_with("urn:") || reference.starts_with('#') {
        return reference.to_owned();
    }
    let reference = reference
        .split_once("/_history/")
        .map_or(reference, |(r, _)| r);
    let mut parts = reference.rsplit('/');
    match (parts.next(), parts.next()) {
        (Some(id), Some(kind)) if !kind.is_empty() && !id.is_empty() => format!("{kind}/{id}"),
        _ => reference.to_owned(),
    }
}

/// The Medication resources of the input, by every reference that can
/// name them.
struct MedicationIndex {
    by_reference: HashMap<String, usize>,
    resources: Vec<(ResourceRef, Value)>,
    referenced: HashSet<usize>,
}

impl MedicationIndex {
    fn of(items: &[Item]) -> MedicationIndex {
        let mut index = MedicationIndex {
            by_reference: HashMap::new(),
            resources: Vec::new(),
            referenced: HashSet::new(),
        };
        for item in items.iter().filter(|i| i.resource_type() == "Medication") {
            let n = index.resources.len();
            if let Some(id) = item.id() {
                index
                    .by_reference
                    .entry(format!("Medication/{id}"))
                    .or_insert(n);
            }
            if let Some(url) = &item.full_url {
                index.by_reference.entry(normalise(url)).or_insert(n);
            }
            index
                .resources
                .push((item.reference(), Value::Object(item.resource.clone())));
        }
        index
    }

    /// The Medication a reference names, among the input's resources.
    fn resolve(&mut self, reference: &str) -> Option<&Value> {
        let n = *self.by_reference.get(&normalise(reference))?;
        self.referenced.insert(n);
        self.resources.get(n).map(|(_, v)| v)
    }

    fn note_unreferenced(&self, board: &mut Board) {
        for (n, (at, _)) in self.resources.iter().enumerate() {
            if !self.referenced.contains(&n) {
                board.note(
                    at.clone(),
                    UnusedReason::UnsupportedResource,
                    "a Medication no statement or request references says nothing about the patient"
                        .into(),
                );
            }
        }
    }
}

/// The mapping in progress.
struct Mapper<'a> {
    options: &'a MappingOptions,
    patient: PatientIdentity,
    medications: MedicationIndex,
    board: Board,
}

impl Mapper<'_> {
    fn item(&mut self, item: Item, at: ResourceRef) {
        let Item { resource, .. } = item;
        match at.resource_type.as_str() {
            "Patient" => {
                if let Some(p) = self.parse::<raw::Patient>(resource, &at) {
                    self.patient(p, at);
                }
            }
            "Condition" => {
                if let Some(c) = self.parse::<raw::Condition>(resource, &at) {
                    self.condition(c, at);
                }
            }
            "Observation" => {
                if let Some(o) = self.parse::<raw::Observation>(resource, &at) {
                    self.observation(o, at);
                }
            }
            "MedicationStatement" | "MedicationRequest" => {
                if let Some(m) = self.parse::<raw::MedicationUse>(resource, &at) {
                    self.medication_use(m, at);
                }
            }
            "AllergyIntolerance" => {
                if let Some(a) = self.parse::<raw::AllergyIntolerance>(resource, &at) {
                    self.allergy(a, at);
                }
            }
            "QuestionnaireResponse" => {
                if let Some(r) = self.parse::<raw::QuestionnaireResponse>(resource, &at) {
                    self.response(r, at);
                }
            }
            // Reference targets, read when a statement points at them.
            "Medication" => {}
            other => {
                let detail = format!("{} resources are not read", echo(other));
                self.board
                    .note(at, UnusedReason::UnsupportedResource, detail);
            }
        }
    }

    /// The fields the rules read, or a note saying why the resource could
    /// not be read.
    fn parse<T: DeserializeOwned>(
        &mut self,
        resource: Map<String, Value>,
        at: &ResourceRef,
    ) -> Option<T> {
        match serde_json::from_value(Value::Object(resource)) {
            Ok(parsed) => Some(parsed),
            Err(e) => {
                self.board.note(
                    at.clone(),
                    UnusedReason::Malformed,
                    format!("cannot be read: {}", echo(&e.to_string())),
                );
                None
            }
        }
    }

    /// False (with a note saying why) unless the resource's status is one
    /// of `current`: entered-in-error counts for nothing, any other status
    /// is not active.
    fn status_counts(&mut self, status: Option<&str>, current: &[&str], at: &ResourceRef) -> bool {
        let status = status.unwrap_or("missing");
        if current.contains(&status) {
            return true;
        }
        let reason = if status == "entered-in-error" {
            UnusedReason::EnteredInError
        } else {
            UnusedReason::NotActive
        };
        self.board
            .note(at.clone(), reason, format!("status {}", echo(status)));
        false
    }

    /// False (with a note) when the resource is about someone else.
    fn about_patient(&mut self, reference: Option<&raw::Reference>, at: &ResourceRef) -> bool {
        if self.patient.accepts(reference) {
            return true;
        }
        let who = reference
            .and_then(|r| r.reference.as_deref())
            .unwrap_or_default();
        self.board.note(
            at.clone(),
            UnusedReason::OtherPatient,
            format!("about {}, not this patient", echo(who)),
        );
        false
    }

    /// The meanings the code tables give a concept's codings, each with
    /// the coding it came from, keeping those `keep` accepts.
    fn meanings(
        &self,
        concept: &raw::CodeableConcept,
        keep: fn(Meaning) -> bool,
    ) -> Vec<(Meaning, String)> {
        let mut found: Vec<(Meaning, String)> = Vec::new();
        for coding in &concept.coding {
            let (Some(system), Some(code)) = (coding.system.as_deref(), coding.code.as_deref())
            else {
                continue;
            };
            let entries: Vec<&CodeEntry> = self.options.codes().lookup(system, code);
            for entry in entries.into_iter().filter(|e| keep(e.means())) {
                if !found.iter().any(|(m, _)| *m == entry.means()) {
                    found.push((entry.means(), describe_coding(coding, entry)));
                }
            }
        }
        found
    }
}

/// A short name for a code system.
fn system_name(system: &str) -> &str {
    use crate::codes::system as s;
    match system {
        s::LOINC => "LOINC",
        s::SNOMED => "SNOMED",
        s::RXNORM => "RxNorm",
        s::ATC => "ATC",
        s::ICD10CM => "ICD-10-CM",
        other => other,
    }
}

/// `SNOMED 202882003 (Plantar fasciitis), secondary code`.
fn describe_coding(coding: &raw::Coding, entry: &CodeEntry) -> String {
    let code = coding.code.as_deref().unwrap_or_default();
    let display = coding
        .display
        .as_deref()
        .map(|d| format!(" ({})", echo(d)))
        .unwrap_or_default();
    format!(
        "{} {}{display}, {} code",
        system_name(entry.system()),
        echo(code),
        entry.source().as_str()
    )
}

/// The codings of a concept, for a note about an unmapped code.
fn list_codings(concept: &raw::CodeableConcept) -> String {
    let codes: Vec<String> = concept
        .coding
        .iter()
        .filter_map(|c| {
            let code = c.code.as_deref()?;
            let system = c.system.as_deref().map_or("no system", system_name);
            Some(format!("{} {}", echo(system), echo(code)))
        })
        .take(4)
        .collect();
    if codes.is_empty() {
        match &concept.text {
            Some(t) => format!("text only: \"{}\"", echo(t)),
            None => "no coding".into(),
        }
    } else {
        codes.join(", ")
    }
}

/// The code of a status concept in its code system, accepting a coding
/// without a system.
fn status_code<'a>(concept: Option<&'a raw::CodeableConcept>, system: &str) -> Option<&'a str> {
    concept?
        .coding
        .iter()
        .find(|c| c.system.as_deref().is_none_or(|s| s == system))
        .and_then(|c| c.code.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_normalise_to_type_and_id() {
        assert_eq!(normalise("Patient/example"), "Patient/example");
        assert_eq!(
            normalise("https://example.com/base/Patient/pat2"),
            "Patient/pat2"
        );
        assert_eq!(normalise("Patient/p/_history/2"), "Patient/p");
        assert_eq!(normalise("urn:uuid:1234"), "urn:uuid:1234");
        assert_eq!(normalise("#med0350"), "#med0350");
        assert_eq!(normalise("odd"), "odd");
        assert_eq!(normalise("/"), "/");
    }
}
