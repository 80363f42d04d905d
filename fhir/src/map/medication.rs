//! MedicationStatement and MedicationRequest: the drug classes the patient
//! takes, by code (ATC class or a listed RxNorm code), through
//! `medicationCodeableConcept` or a `medicationReference` resolved in
//! `contained` or the input.

use prolo_triage::{MedicationClass, Truth};
use serde_json::Value;

use super::{list_codings, Mapper};
use crate::codes::{system, Meaning};
use crate::error::echo;
use crate::map::board::Classified;
use crate::mapped::{Field, Provenance, ResourceRef, Rule, UnusedReason};
use crate::raw;

/// Low-dose aspirin up to this daily dose (`docs/clinic-integration.md` §3: the
/// 100 mg cut is our inference).
const LOW_DOSE_ASPIRIN_MG_PER_DAY: f64 = 100.0;

/// Where the drug is named, once references are resolved.
enum Drug {
    /// The codes to look up.
    Concepts(Vec<raw::CodeableConcept>),
    /// A reference that names nothing in the input.
    Unresolved(String),
    /// No `medication[x]` at all.
    Missing,
}

impl Mapper<'_> {
    pub(super) fn medication_use(&mut self, m: raw::MedicationUse, at: ResourceRef) {
        if !self.about_patient(m.subject.as_ref(), &at) {
            return;
        }
        let request = at.resource_type == "MedicationRequest";
        // A request counts while active; a statement also when intended.
        let current: &[&str] = if request {
            &["active"]
        } else {
            &["active", "intended"]
        };
        let status = m.status.as_deref().unwrap_or("missing");
        if !self.status_counts(Some(status), current, &at) {
            return;
        }
        if m.do_not_perform == Some(true) {
            self.board.note(
                at,
                UnusedReason::NotActive,
                "doNotPerform: an order not to give the drug".into(),
            );
            return;
        }
        if let Some(intent @ ("proposal" | "option")) = m.intent.as_deref() {
            self.board
                .note(at, UnusedReason::NotActive, format!("intent {intent}"));
            return;
        }
        let concepts = match self.drug(&m) {
            Drug::Concepts(c) => c,
            Drug::Unresolved(reference) => {
                self.unclassified_medication(
                    at,
                    UnusedReason::UnresolvedReference,
                    format!(
                        "medicationReference `{}` is not in the input",
                        echo(&reference)
                    ),
                );
                return;
            }
            Drug::Missing => {
                self.unclassified_medication(
                    at,
                    UnusedReason::Malformed,
                    "no medicationCodeableConcept or medicationReference".into(),
                );
                return;
            }
        };
        let mut meanings = Vec::new();
        for concept in &concepts {
            for found in self.meanings(concept, |m| {
                matches!(
                    m,
                    Meaning::Medication(_) | Meaning::AspirinByDose | Meaning::UnrelatedMedication
                )
            }) {
                if !meanings.iter().any(|(m, _)| *m == found.0) {
                    meanings.push(found);
                }
            }
        }
        if meanings.is_empty() {
            let codes: Vec<String> = concepts.iter().map(list_codings).collect();
            self.unclassified_medication(at, UnusedReason::UnmappedCode, codes.join("; "));
            return;
        }
        let dosages = if request {
            &m.dosage_instruction
        } else {
            &m.dosage
        };
        let mut names = Vec::new();
        for (meaning, coding) in meanings {
            let (set, rule, seen) = match meaning {
                Meaning::Medication(class) => {
                    (vec![(class, Truth::Present)], Rule::MedicationCode, coding)
                }
                Meaning::AspirinByDose => {
                    let (set, seen) = aspirin(daily_mg(dosages), &coding);
                    (set, Rule::AspirinDose, seen)
                }
                _ => continue,
            };
            for (class, truth) in set {
                if !names.contains(&class.as_str()) {
                    names.push(class.as_str());
                }
                let value = match truth {
                    Truth::Present => class.as_str().to_owned(),
                    other => format!("{}: {other}", class.as_str()),
                };
                self.board.medications.push((
                    class,
                    truth,
                    Provenance {
                        field: Field::Medications,
                        value,
                        resource: Some(at.clone()),
                        rule,
                        seen: format!("{seen} ({status})"),
                    },
                ));
            }
        }
        self.board
            .medications_classified
            .push(Classified { at, names });
    }

    fn unclassified_medication(&mut self, at: ResourceRef, reason: UnusedReason, detail: String) {
        self.board.medications_unclassified = self.board.medications_unclassified.saturating_add(1);
        self.board.note(at, reason, detail);
    }

    /// The concepts that name the drug: the codeable concept, or the
    /// referenced Medication's code and ingredients.
    fn drug(&mut self, m: &raw::MedicationUse) -> Drug {
        if let Some(concept) = &m.medication_codeable_concept {
            return Drug::Concepts(vec![concept.clone()]);
        }
        let Some(reference) = m
            .medication_reference
            .as_ref()
            .and_then(|r| r.reference.clone())
        else {
            return Drug::Missing;
        };
        let resource = match reference.strip_prefix('#') {
            Some(id) => m.contained.iter().find(|c| {
                c.get("resourceType").and_then(Value::as_str) == Some("Medication")
                    && c.get("id").and_then(Value::as_str) == Some(id)
            }),
            None => self.medications.resolve(&reference),
        };
        let medication =
            resource.and_then(|r| serde_json::from_value::<raw::Medication>(r.clone()).ok());
        let Some(medication) = medication else {
            return Drug::Unresolved(reference);
        };
        let concepts: Vec<raw::CodeableConcept> = medication
            .code
            .into_iter()
            .chain(
                medication
                    .ingredient
                    .into_iter()
                    .filter_map(|i| i.item_codeable_concept),
            )
            .collect();
        if concepts.is_empty() {
            Drug::Missing
        } else {
            Drug::Concepts(concepts)
        }
    }
}

/// What aspirin sets, by its daily dose (`docs/clinic-integration.md` §3, the
/// same on every code system): low-dose aspirin at ≤ 100 mg/day; above,
/// antiplatelet and NSAID; without a readable dose both of those unknown,
/// so they are asked. Aspirin is never `nsaid` alone, and low-dose aspirin
/// never sets `nsaid`.
fn aspirin(mg: Option<(f64, f64)>, coding: &str) -> (Vec<(MedicationClass, Truth)>, String) {
    let shown = |(lo, hi): (f64, f64)| {
        if lo == hi {
            format!("{lo} mg/day")
        } else {
            format!("{lo} to {hi} mg/day")
        }
    };
    match mg {
        Some(range @ (_, hi)) if hi <= LOW_DOSE_ASPIRIN_MG_PER_DAY => (
            vec![(MedicationClass::LowDoseAspirin, Truth::Present)],
            format!(
                "{coding}, {}: low-dose (100 mg/day or less, our inference)",
                shown(range)
            ),
        ),
        Some(range @ (lo, _)) if lo > LOW_DOSE_ASPIRIN_MG_PER_DAY => (
            vec![
                (MedicationClass::Antiplatelet, Truth::Present),
                (MedicationClass::Nsaid, Truth::Present),
            ],
            format!(
                "{coding}, {}: above 100 mg/day (our inference)",
                shown(range)
            ),
        ),
        Some(range) => (
            vec![
                (MedicationClass::Antiplatelet, Truth::Unknown),
                (MedicationClass::Nsaid, Truth::Unknown),
            ],
            format!(
                "{coding}, {}: on both sides of 100 mg/day, so asked",
                shown(range)
            ),
        ),
        None => (
            vec![
                (MedicationClass::Antiplatelet, Truth::Unknown),
                (MedicationClass::Nsaid, Truth::Unknown),
            ],
            format!("{coding}, no readable daily dose (mg or g × frequency per day): dose unknown, so asked"),
        ),
    }
}

/// The structured daily dose in mg as a range `(least, most)`: per dosage,
/// dose × frequency per period, across `frequency`–`frequencyMax` and
/// `period`–`periodMax`. Several dosages may be taken together or one after
/// the other (a loading dose, then a daily one), so their range runs from
/// the least of any one to the sum of the most: a range that straddles the
/// low-dose cut then reads as unknown, never as the wrong side. `None` when
/// a dosage has no readable dose (a dose without a mass unit, a comparator,
/// no timing, a period unit other than h, d or wk).
fn daily_mg(dosages: &[raw::Dosage]) -> Option<(f64, f64)> {
    let mut least = f64::INFINITY;
    let mut most = 0.0;
    for dosage in dosages {
        let (lo, hi) = one_daily_mg(dosage)?;
        least = least.min(lo);
        most += hi;
    }
    (least.is_finite() && most.is_finite()).then_some((least, most))
}

/// The daily dose range of one dosage.
fn one_daily_mg(dosage: &raw::Dosage) -> Option<(f64, f64)> {
    let [dose] = dosage.dose_and_rate.as_slice() else {
        return None;
    };
    let quantity = dose.dose_quantity.as_ref()?;
    if quantity
        .system
        .as_deref()
        .is_some_and(|s| s != system::UCUM)
        || quantity.comparator.is_some()
    {
        return None;
    }
    let mg = match quantity.code.as_deref()? {
        "mg" => quantity.value?,
        "g" => quantity.value? * 1000.0,
        _ => return None,
    };
    let repeat = dosage.timing.as_ref()?.repeat.as_ref()?;
    let frequency = f64::from(repeat.frequency?);
    let frequency_max = repeat.frequency_max.map_or(frequency, f64::from);
    let to_days = match repeat.period_unit.as_deref()? {
        "h" => 1.0 / 24.0,
        "d" => 1.0,
        "wk" => 7.0,
        _ => return None,
    };
    let shortest = repeat.period? * to_days;
    let longest = repeat.period_max.map_or(shortest, |p| p * to_days);
    let valid = mg >= 0.0 && frequency_max >= frequency && shortest > 0.0 && longest >= shortest;
    if !valid {
        return None;
    }
    let (lo, hi) = (mg * frequency / longest, mg * frequency_max / shortest);
    (lo.is_finite() && hi.is_finite()).then_some((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dosage(value: f64, code: &str, frequency: u32, period: f64, unit: &str) -> raw::Dosage {
        serde_json::from_value(serde_json::json!({
            "timing": {"repeat": {"frequency": frequency, "period": period, "periodUnit": unit}},
            "doseAndRate": [{"doseQuantity": {"value": value, "system": "http://unitsofmeasure.org", "code": code}}]
        }))
        .unwrap()
    }

    #[test]
    fn aspirin_is_never_nsaid_alone() {
        for mg in [
            None,
            Some((0.0, 0.0)),
            Some((75.0, 75.0)),
            Some((100.0, 100.0)),
            Some((100.5, 100.5)),
            Some((75.0, 150.0)),
            Some((900.0, 900.0)),
        ] {
            let (set, _) = aspirin(mg, "x");
            let has = |c| set.iter().any(|(m, _)| *m == c);
            assert_eq!(
                has(MedicationClass::Nsaid),
                has(MedicationClass::Antiplatelet)
            );
            assert!(!(has(MedicationClass::LowDoseAspirin) && has(MedicationClass::Nsaid)));
        }
        assert_eq!(
            aspirin(None, "x").0,
            vec![
                (MedicationClass::Antiplatelet, Truth::Unknown),
                (MedicationClass::Nsaid, Truth::Unknown)
            ]
        );
    }

    #[test]
    fn daily_doses() {
        let one = |d| daily_mg(&[d]);
        assert_eq!(one(dosage(75.0, "mg", 1, 1.0, "d")), Some((75.0, 75.0)));
        assert_eq!(one(dosage(300.0, "mg", 3, 1.0, "d")), Some((900.0, 900.0)));
        assert_eq!(one(dosage(100.0, "mg", 1, 12.0, "h")), Some((200.0, 200.0)));
        assert_eq!(
            one(dosage(0.5, "g", 1, 1.0, "wk")),
            Some((500.0 / 7.0, 500.0 / 7.0))
        );
        // Together or one after the other: from the least to the sum.
        assert_eq!(
            daily_mg(&[
                dosage(300.0, "mg", 1, 1.0, "d"),
                dosage(75.0, "mg", 1, 1.0, "d")
            ]),
            Some((75.0, 375.0))
        );
        // Ranges of frequency and period.
        let mut ranged = dosage(75.0, "mg", 1, 1.0, "d");
        if let Some(r) = ranged.timing.as_mut().and_then(|t| t.repeat.as_mut()) {
            r.frequency_max = Some(2);
            r.period_max = Some(2.0);
        }
        assert_eq!(one(ranged), Some((37.5, 150.0)));
        assert_eq!(one(dosage(75.0, "TAB", 1, 1.0, "d")), None);
        assert_eq!(one(dosage(75.0, "{tbl}", 1, 1.0, "d")), None);
        assert_eq!(one(dosage(75.0, "mg", 1, 0.0, "d")), None);
        assert_eq!(one(dosage(75.0, "mg", 1, 1.0, "mo")), None);
        let mut no_timing = dosage(75.0, "mg", 1, 1.0, "d");
        no_timing.timing = None;
        assert_eq!(one(no_timing), None);
        assert_eq!(daily_mg(&[]), None);
    }
}
