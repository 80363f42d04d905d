//! Who answered each fact (`answered_by`, contract v3 §10): recorded by
//! the intake and the clinician app, shown beside each fact, never read by
//! the rules. Kept as sets per kind of fact so that a presentation stays a
//! small `Copy` value.

use std::fmt;
use std::str::FromStr;

use enumset::EnumSet;

use crate::vocabulary::{vocabulary, Allergy, Finding, MedicationClass, Reporter, Symptom};

vocabulary! {
/// A field of the wire format that is one fact (not a map of facts).
///
/// # Example
///
/// ```
/// use prolo_triage::Field;
/// assert_eq!("pain_score".parse(), Ok(Field::PainScore));
/// ```
#[non_exhaustive]
pub enum Field {
    /// `age_years`.
    AgeYears,
    /// `sex`.
    Sex,
    /// `conditions`.
    Conditions,
    /// `side`.
    Side,
    /// `symptom_weeks`.
    SymptomWeeks,
    /// `conservative_care_weeks`.
    ConservativeCareWeeks,
    /// `conservative_care`.
    ConservativeCare,
    /// `pain_score`.
    PainScore,
    /// `medications` (the whole list).
    Medications,
    /// `allergies` (the whole list).
    Allergies,
}
}

/// A fact by its path in the wire format, as `answered_by` names it: a
/// field (`age_years`), a finding (`fever`), a symptom
/// (`symptoms.first_step_pain`) or one class of a list
/// (`medications.nsaid`, `allergies.corn`).
///
/// # Example
///
/// ```
/// use prolo_triage::{FactName, Finding, Symptom};
/// let name: FactName = "symptoms.first_step_pain".parse()?;
/// assert_eq!(name, FactName::Symptom(Symptom::FirstStepPain));
/// assert_eq!(FactName::Finding(Finding::Fever).to_string(), "fever");
/// assert!("symptoms.fever".parse::<FactName>().is_err());
/// # Ok::<(), strum::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FactName {
    /// A field that is one fact.
    Field(Field),
    /// A finding.
    Finding(Finding),
    /// A symptom.
    Symptom(Symptom),
    /// One medication class.
    Medication(MedicationClass),
    /// One allergy.
    Allergy(Allergy),
}

impl FactName {
    /// The path, as written in `answered_by`.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{FactName, MedicationClass};
    /// assert_eq!(FactName::Medication(MedicationClass::Nsaid).as_str(), "medications.nsaid");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            FactName::Field(f) => f.as_str(),
            FactName::Finding(f) => f.as_str(),
            FactName::Symptom(s) => s.path(),
            FactName::Medication(m) => m.path(),
            FactName::Allergy(a) => a.path(),
        }
    }
}

impl FactName {
    /// Every fact `answered_by` may name: the fields, the findings, the
    /// symptoms, the medication classes and the allergies, each in
    /// vocabulary order.
    #[cfg(any(test, feature = "schema"))]
    pub(crate) fn every() -> impl Iterator<Item = FactName> {
        Field::all()
            .iter()
            .map(|f| FactName::Field(*f))
            .chain(Finding::all().iter().map(|f| FactName::Finding(*f)))
            .chain(Symptom::all().iter().map(|s| FactName::Symptom(*s)))
            .chain(
                MedicationClass::all()
                    .iter()
                    .map(|m| FactName::Medication(*m)),
            )
            .chain(Allergy::all().iter().map(|a| FactName::Allergy(*a)))
    }
}

impl fmt::Display for FactName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FactName {
    type Err = strum::ParseError;
    fn from_str(s: &str) -> Result<FactName, strum::ParseError> {
        if let Some(x) = s.strip_prefix("symptoms.") {
            return x.parse().map(FactName::Symptom);
        }
        if let Some(x) = s.strip_prefix("medications.") {
            return x.parse().map(FactName::Medication);
        }
        if let Some(x) = s.strip_prefix("allergies.") {
            return x.parse().map(FactName::Allergy);
        }
        s.parse()
            .map(FactName::Field)
            .or_else(|_| s.parse().map(FactName::Finding))
    }
}

/// One reporter's facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct FactSet {
    fields: EnumSet<Field>,
    findings: EnumSet<Finding>,
    symptoms: EnumSet<Symptom>,
    medications: EnumSet<MedicationClass>,
    allergies: EnumSet<Allergy>,
}

impl FactSet {
    fn contains(&self, name: FactName) -> bool {
        match name {
            FactName::Field(f) => self.fields.contains(f),
            FactName::Finding(f) => self.findings.contains(f),
            FactName::Symptom(s) => self.symptoms.contains(s),
            FactName::Medication(m) => self.medications.contains(m),
            FactName::Allergy(a) => self.allergies.contains(a),
        }
    }

    fn set(&mut self, name: FactName, on: bool) {
        fn put<T: enumset::EnumSetType>(set: &mut EnumSet<T>, x: T, on: bool) {
            if on {
                set.insert(x);
            } else {
                set.remove(x);
            }
        }
        match name {
            FactName::Field(f) => put(&mut self.fields, f, on),
            FactName::Finding(f) => put(&mut self.findings, f, on),
            FactName::Symptom(s) => put(&mut self.symptoms, s, on),
            FactName::Medication(m) => put(&mut self.medications, m, on),
            FactName::Allergy(a) => put(&mut self.allergies, a, on),
        }
    }

    fn names(&self) -> impl Iterator<Item = FactName> + '_ {
        self.fields
            .iter()
            .map(FactName::Field)
            .chain(self.findings.iter().map(FactName::Finding))
            .chain(self.symptoms.iter().map(FactName::Symptom))
            .chain(self.medications.iter().map(FactName::Medication))
            .chain(self.allergies.iter().map(FactName::Allergy))
    }
}

/// `answered_by`: who answered each fact that says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct AnsweredBy {
    patient: FactSet,
    clinician: FactSet,
}

impl AnsweredBy {
    pub(crate) fn get(&self, name: FactName) -> Option<Reporter> {
        if self.patient.contains(name) {
            Some(Reporter::Patient)
        } else if self.clinician.contains(name) {
            Some(Reporter::Clinician)
        } else {
            None
        }
    }

    pub(crate) fn set(&mut self, name: FactName, by: Option<Reporter>) {
        self.patient.set(name, by == Some(Reporter::Patient));
        self.clinician.set(name, by == Some(Reporter::Clinician));
    }

    /// Every recorded entry, sorted by the fact's path.
    pub(crate) fn entries(&self) -> Vec<(FactName, Reporter)> {
        let mut all: Vec<(FactName, Reporter)> = self
            .patient
            .names()
            .map(|n| (n, Reporter::Patient))
            .chain(self.clinician.names().map(|n| (n, Reporter::Clinician)))
            .collect();
        all.sort_by_key(|(n, _)| n.as_str());
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fact_name_reads_back_from_its_path() {
        let names = FactName::every();
        let mut seen = std::collections::HashSet::new();
        for n in names {
            assert_eq!(n.as_str().parse::<FactName>(), Ok(n), "{n}");
            assert!(seen.insert(n.as_str()), "{n} named twice");
        }
    }

    #[test]
    fn one_reporter_per_fact() {
        let mut a = AnsweredBy::default();
        let fever = FactName::Finding(Finding::Fever);
        a.set(fever, Some(Reporter::Patient));
        a.set(fever, Some(Reporter::Clinician));
        assert_eq!(a.get(fever), Some(Reporter::Clinician));
        assert_eq!(a.entries(), [(fever, Reporter::Clinician)]);
        a.set(fever, None);
        assert_eq!(a.get(fever), None);
    }
}
