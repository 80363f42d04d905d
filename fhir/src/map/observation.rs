//! Observations: body temperature, platelet count and haemoglobin, read
//! against their
//! thresholds inside their recency windows.

use prolo_triage::{Finding, Truth};

use super::{list_codings, Mapper};
use crate::codes::{system, Meaning, Measurement};
use crate::error::echo;
use crate::mapped::{Field, Provenance, ResourceRef, Rule, UnusedReason};
use crate::raw;
use crate::time::{FhirTime, Recency};

/// Fever at 38 °C or more (`docs/clinical-knowledge.md` §1, NHS Gloucestershire
/// pathways), in each unit read.
const FEVER: [(&str, f64); 2] = [("Cel", 38.0), ("[degF]", 100.4)];

/// Low platelets below 100×10⁹/L (`docs/clinical-knowledge.md`, precautions);
/// `10*3/uL` and `10*9/L` are the same quantity.
const LOW_PLATELETS: [(&str, f64); 2] = [("10*3/uL", 100.0), ("10*9/L", 100.0)];

/// Anaemia below 10 g/dL, i.e. 100 g/L (`docs/clinic-integration.md` §3,
/// `docs/clinical-knowledge.md` §5); other units are not read.
const ANAEMIA: [(&str, f64); 2] = [("g/dL", 10.0), ("g/L", 100.0)];

/// Which side of the threshold is adverse.
#[derive(Clone, Copy)]
enum Adverse {
    /// At or above (fever).
    AtOrAbove,
    /// Below (low platelets).
    Below,
}

impl Measurement {
    fn finding(self) -> Finding {
        match self {
            Measurement::BodyTemperature => Finding::Fever,
            Measurement::PlateletCount => Finding::LowPlatelets,
            Measurement::Haemoglobin => Finding::Anaemia,
        }
    }

    fn thresholds(self) -> &'static [(&'static str, f64)] {
        match self {
            Measurement::BodyTemperature => &FEVER,
            Measurement::PlateletCount => &LOW_PLATELETS,
            Measurement::Haemoglobin => &ANAEMIA,
        }
    }

    fn adverse(self) -> Adverse {
        match self {
            Measurement::BodyTemperature => Adverse::AtOrAbove,
            Measurement::PlateletCount | Measurement::Haemoglobin => Adverse::Below,
        }
    }

    fn rule(self) -> Rule {
        match self {
            Measurement::BodyTemperature => Rule::BodyTemperature,
            Measurement::PlateletCount => Rule::PlateletCount,
            Measurement::Haemoglobin => Rule::Haemoglobin,
        }
    }
}

/// The finding a value settles, given its comparator: a bounded value
/// settles it only when the whole bound is on one side.
fn truth(value: f64, comparator: Option<&str>, threshold: f64, adverse: Adverse) -> Truth {
    match (adverse, comparator) {
        (Adverse::AtOrAbove, None) => Truth::from_bool(value >= threshold),
        (Adverse::AtOrAbove, Some(">" | ">=")) if value >= threshold => Truth::Present,
        (Adverse::AtOrAbove, Some("<")) if value <= threshold => Truth::Absent,
        (Adverse::AtOrAbove, Some("<=")) if value < threshold => Truth::Absent,
        (Adverse::Below, None) => Truth::from_bool(value < threshold),
        (Adverse::Below, Some("<")) if value <= threshold => Truth::Present,
        (Adverse::Below, Some("<=")) if value < threshold => Truth::Present,
        (Adverse::Below, Some(">" | ">=")) if value >= threshold => Truth::Absent,
        _ => Truth::Unknown,
    }
}

impl Mapper<'_> {
    pub(super) fn observation(&mut self, o: raw::Observation, at: ResourceRef) {
        if !self.about_patient(o.subject.as_ref(), &at) {
            return;
        }
        let Some(code) = o.code.as_ref() else {
            self.board
                .note(at, UnusedReason::UnmappedCode, "no code".into());
            return;
        };
        let meanings = self.meanings(code, |m| matches!(m, Meaning::Observation(_)));
        let measurement = match meanings.as_slice() {
            [] => {
                self.board
                    .note(at, UnusedReason::UnmappedCode, list_codings(code));
                return;
            }
            [(Meaning::Observation(m), _)] => *m,
            _ => {
                self.board.note(
                    at,
                    UnusedReason::Malformed,
                    "codes for more than one measurement".into(),
                );
                return;
            }
        };
        if !self.status_counts(o.status.as_deref(), &["final", "amended", "corrected"], &at) {
            return;
        }
        let Some((times, when)) = self.effective(&o, &at) else {
            return;
        };
        let window = match measurement {
            Measurement::BodyTemperature => self.options.windows().body_temperature(),
            Measurement::PlateletCount => self.options.windows().platelet_count(),
            Measurement::Haemoglobin => self.options.windows().haemoglobin(),
        };
        let as_of = self.options.as_of();
        let recency: Vec<Recency> = times.iter().map(|t| t.recency(&as_of, window)).collect();
        if recency.contains(&Recency::After) {
            self.board.note(
                at,
                UnusedReason::AfterAsOf,
                format!("taken {when}, after {as_of}"),
            );
            return;
        }
        if recency.contains(&Recency::Stale) {
            self.board.note(
                at,
                UnusedReason::Stale,
                format!("taken {when}, not within {window} before {as_of}"),
            );
            return;
        }
        self.reading(&o, measurement, &when, at);
    }

    /// `effective[x]`: the times that must all lie in the window (both ends
    /// of a period), and how to show them.
    fn effective(
        &mut self,
        o: &raw::Observation,
        at: &ResourceRef,
    ) -> Option<(Vec<FhirTime>, String)> {
        let written: Vec<&str> = match (
            o.effective_date_time
                .as_deref()
                .or(o.effective_instant.as_deref()),
            o.effective_period.as_ref(),
        ) {
            (Some(t), _) => vec![t],
            (None, Some(p)) => p
                .start
                .iter()
                .chain(p.end.iter())
                .map(String::as_str)
                .collect(),
            (None, None) => Vec::new(),
        };
        if written.is_empty() {
            self.board.note(
                at.clone(),
                UnusedReason::NoDate,
                "no effectiveDateTime, effectiveInstant or effectivePeriod".into(),
            );
            return None;
        }
        let mut times = Vec::new();
        for text in &written {
            match FhirTime::parse(text) {
                Some(t) => times.push(t),
                None => {
                    self.board.note(
                        at.clone(),
                        UnusedReason::Malformed,
                        format!("effective `{}` is not a FHIR dateTime", echo(text)),
                    );
                    return None;
                }
            }
        }
        let shown: Vec<String> = times.iter().map(ToString::to_string).collect();
        Some((times, shown.join(" to ")))
    }

    /// The value against the threshold.
    fn reading(
        &mut self,
        o: &raw::Observation,
        measurement: Measurement,
        when: &str,
        at: ResourceRef,
    ) {
        let Some(quantity) = o.value_quantity.as_ref() else {
            let why = o.data_absent_reason.as_ref().map_or_else(
                || "no valueQuantity".to_owned(),
                |r| format!("dataAbsentReason {}", r.describe()),
            );
            self.board.note(at, UnusedReason::NoValue, why);
            return;
        };
        let Some(value) = quantity.value else {
            self.board.note(
                at,
                UnusedReason::NoValue,
                "a quantity without a value".into(),
            );
            return;
        };
        let ucum = quantity.system.as_deref().is_none_or(|s| s == system::UCUM);
        let threshold = quantity
            .code
            .as_deref()
            .filter(|_| ucum)
            .and_then(|code| measurement.thresholds().iter().find(|(c, _)| *c == code));
        let Some((unit, threshold)) = threshold else {
            let expected: Vec<&str> = measurement.thresholds().iter().map(|(c, _)| *c).collect();
            let seen = quantity
                .code
                .as_deref()
                .or(quantity.unit.as_deref())
                .unwrap_or("no unit");
            self.board.note(
                at,
                UnusedReason::UnsupportedUnit,
                format!(
                    "unit `{}`, expected the UCUM code {}",
                    echo(seen),
                    expected.join(" or ")
                ),
            );
            return;
        };
        let comparator = quantity.comparator.as_deref();
        let seen = format!("{}{value} {unit} at {when}", comparator.unwrap_or_default());
        let finding = measurement.finding();
        match truth(value, comparator, *threshold, measurement.adverse()) {
            Truth::Unknown => self.board.note(
                at,
                UnusedReason::NoValue,
                format!("{seen}: the bound does not settle {}", finding.as_str()),
            ),
            truth => self.board.findings.push((
                finding,
                truth,
                Provenance {
                    field: Field::Finding(finding),
                    value: truth.to_string(),
                    resource: Some(at),
                    rule: measurement.rule(),
                    seen,
                },
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fever_threshold_and_bounds() {
        let t = |v, c| truth(v, c, 38.0, Adverse::AtOrAbove);
        assert_eq!(t(38.0, None), Truth::Present);
        assert_eq!(t(37.9, None), Truth::Absent);
        assert_eq!(t(38.5, Some(">")), Truth::Present);
        assert_eq!(t(37.0, Some(">")), Truth::Unknown);
        assert_eq!(t(38.0, Some("<")), Truth::Absent);
        assert_eq!(t(38.0, Some("<=")), Truth::Unknown);
        assert_eq!(t(38.0, Some("ad")), Truth::Unknown);
    }

    #[test]
    fn platelet_threshold_and_bounds() {
        let t = |v, c| truth(v, c, 100.0, Adverse::Below);
        assert_eq!(t(99.0, None), Truth::Present);
        assert_eq!(t(100.0, None), Truth::Absent);
        assert_eq!(t(20.0, Some("<")), Truth::Present);
        assert_eq!(t(100.0, Some("<=")), Truth::Unknown);
        assert_eq!(t(150.0, Some(">")), Truth::Absent);
        assert_eq!(t(50.0, Some(">")), Truth::Unknown);
    }

    #[test]
    fn anaemia_threshold_in_both_units() {
        for (unit, threshold) in ANAEMIA {
            let t = |v: f64| truth(v, None, threshold, Adverse::Below);
            let scale = if unit == "g/L" { 10.0 } else { 1.0 };
            assert_eq!(t(9.9 * scale), Truth::Present, "{unit}");
            assert_eq!(t(10.0 * scale), Truth::Absent, "{unit}");
        }
    }

    #[test]
    fn fahrenheit_threshold_is_38_celsius() {
        let (_, f) = FEVER[1];
        assert!(((f - 32.0) * 5.0 / 9.0 - 38.0).abs() < 1e-9);
    }
}
