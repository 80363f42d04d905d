//! Patient, Condition and AllergyIntolerance: who the patient is, what is
//! diagnosed, what they react to.

use prolo_triage::{AgeYears, Condition, Sex, Truth};

use super::{list_codings, status_code, Mapper};
use crate::codes::Meaning;
use crate::error::echo;
use crate::map::board::Classified;
use crate::mapped::{Field, Provenance, ResourceRef, Rule, UnusedReason, LIST};
use crate::raw;
use crate::time::FhirTime;

const CONDITION_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
const CONDITION_VERIFICATION: &str = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
const ALLERGY_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
const ALLERGY_VERIFICATION: &str =
    "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

/// ICD-10-CM M79.67- (M79.671–M79.673): pain in foot, which the ICD-10-CM
/// index also gives for heel pain (`docs/clinic-integration.md` §2).
const FOOT_PAIN: &str = "M79.67";

/// True when the concept's ICD-10-CM codes say foot pain (M79.67-) and no
/// other heel-pain code (a calcaneal spur, M77.3-, already says heel).
fn codes_foot_pain(concept: &raw::CodeableConcept) -> bool {
    let icd: Vec<&str> = concept
        .coding
        .iter()
        .filter(|c| c.system.as_deref() == Some(crate::codes::system::ICD10CM))
        .filter_map(|c| c.code.as_deref())
        .collect();
    let foot = icd.iter().any(|c| c.starts_with(FOOT_PAIN));
    let heel = Condition::HeelPain
        .icd10cm()
        .iter()
        .any(|h| !h.starts_with(FOOT_PAIN) && icd.contains(h));
    foot && !heel
}

/// How a Condition or AllergyIntolerance asserts what it codes.
enum Assertion {
    /// Active and confirmed (or with no verification status).
    Holds,
    /// Refuted: the coded thing is known not to be there.
    Refuted,
    /// Seen, but it asserts nothing usable; the note says why.
    Nothing(UnusedReason, String),
}

/// Reads the clinical and verification status the FHIR way: only active
/// statuses count, entered-in-error counts for nothing, refuted is a "no".
fn assertion(clinical: Option<&str>, verification: Option<&str>, active: &[&str]) -> Assertion {
    match verification {
        Some("entered-in-error") => Assertion::Nothing(
            UnusedReason::EnteredInError,
            "verificationStatus entered-in-error".into(),
        ),
        Some("refuted") => Assertion::Refuted,
        Some(v @ ("unconfirmed" | "provisional" | "differential")) => Assertion::Nothing(
            UnusedReason::NotConfirmed,
            format!("verificationStatus {v}"),
        ),
        Some("confirmed") | None => match clinical {
            Some(c) if active.contains(&c) => Assertion::Holds,
            Some(c) => Assertion::Nothing(
                UnusedReason::NotActive,
                format!("clinicalStatus {}", echo(c)),
            ),
            None => Assertion::Nothing(UnusedReason::NotActive, "no clinicalStatus".into()),
        },
        Some(other) => Assertion::Nothing(
            UnusedReason::NotConfirmed,
            format!("unknown verificationStatus {}", echo(other)),
        ),
    }
}

impl Mapper<'_> {
    pub(super) fn patient(&mut self, p: raw::Patient, at: ResourceRef) {
        if self.board.age.is_some() || self.board.sex.is_some() {
            // The identity check allows one patient; a second copy without
            // an id adds nothing.
            self.board.note(
                at,
                UnusedReason::Duplicate,
                "the patient was read from an earlier resource".into(),
            );
            return;
        }
        match p.birth_date.as_deref().map(|b| (b, FhirTime::parse(b))) {
            None => {}
            Some((text, None)) => self.board.note(
                at.clone(),
                UnusedReason::Malformed,
                format!("birthDate `{}` is not a FHIR date", echo(text)),
            ),
            Some((text, Some(birth))) => self.age(&birth, text, &at),
        }
        let sex = match p.gender.as_deref() {
            Some("male") => Some(Sex::Male),
            Some("female") => Some(Sex::Female),
            Some("other") => Some(Sex::Other),
            _ => None,
        };
        if let Some(sex) = sex {
            let seen = format!("gender {}", sex.as_str());
            self.board.sex = Some((
                sex,
                Provenance {
                    field: Field::Sex,
                    value: sex.as_str().into(),
                    resource: Some(at),
                    rule: Rule::PatientGender,
                    seen,
                },
            ));
        }
    }

    /// Age as of the as-of date; a partial birth date that allows two ages
    /// gives none.
    fn age(&mut self, birth: &FhirTime, text: &str, at: &ResourceRef) {
        let as_of = self.options.as_of().date();
        let youngest = as_of.years_since(birth.last_day());
        let oldest = as_of.years_since(birth.first_day());
        let (reason, detail) = match (youngest, oldest) {
            (Some(y), Some(o)) if y == o => match AgeYears::new(u32::from(y)) {
                Some(_) => {
                    self.board.age = Some((
                        y,
                        Provenance {
                            field: Field::AgeYears,
                            value: y.to_string(),
                            resource: Some(at.clone()),
                            rule: Rule::PatientBirthDate,
                            seen: format!("birthDate {}", echo(text)),
                        },
                    ));
                    return;
                }
                None => (
                    UnusedReason::OutOfRange,
                    format!(
                        "birthDate {} gives age {y}, over {}",
                        echo(text),
                        AgeYears::MAX
                    ),
                ),
            },
            (Some(y), Some(o)) => (
                UnusedReason::NoDate,
                format!("birthDate {} allows ages {y} to {o}", echo(text)),
            ),
            _ => (
                UnusedReason::AfterAsOf,
                format!("birthDate {} is after the as-of date {as_of}", echo(text)),
            ),
        };
        self.board.note(at.clone(), reason, detail);
    }

    pub(super) fn condition(&mut self, c: raw::Condition, at: ResourceRef) {
        if !self.about_patient(c.subject.as_ref(), &at) {
            return;
        }
        let verification = status_code(c.verification_status.as_ref(), CONDITION_VERIFICATION);
        if verification == Some("entered-in-error") {
            self.board.note(
                at,
                UnusedReason::EnteredInError,
                "verificationStatus entered-in-error".into(),
            );
            return;
        }
        let Some(code) = c.code.as_ref() else {
            self.board
                .note(at, UnusedReason::UnmappedCode, "no code".into());
            return;
        };
        let meanings = self.meanings(code, |m| {
            matches!(m, Meaning::Condition(_) | Meaning::Finding(_))
        });
        if meanings.is_empty() {
            self.board
                .note(at, UnusedReason::UnmappedCode, list_codings(code));
            return;
        }
        let clinical = status_code(c.clinical_status.as_ref(), CONDITION_CLINICAL);
        match assertion(clinical, verification, &["active", "recurrence", "relapse"]) {
            Assertion::Nothing(reason, detail) => self.board.note(at, reason, detail),
            Assertion::Refuted => {
                for (meaning, coding) in meanings {
                    match meaning {
                        Meaning::Finding(f) => self.board.findings.push((
                            f,
                            Truth::Absent,
                            Provenance {
                                field: Field::Finding(f),
                                value: Truth::Absent.to_string(),
                                resource: Some(at.clone()),
                                rule: Rule::ConditionRefuted,
                                seen: format!("{coding}, refuted"),
                            },
                        )),
                        _ => self.board.note(
                            at.clone(),
                            UnusedReason::NotConfirmed,
                            format!(
                                "{coding}, refuted: a diagnosis ruled out leaves the conditions as they are"
                            ),
                        ),
                    }
                }
            }
            Assertion::Holds => {
                let status = format!(
                    "{}, {}",
                    clinical.unwrap_or_default(),
                    verification.unwrap_or("no verification status")
                );
                let mut foot_condition = false;
                for (meaning, coding) in meanings {
                    let seen = format!("{coding} ({status})");
                    match meaning {
                        Meaning::Condition(condition) => {
                            foot_condition = true;
                            let foot_pain =
                                condition == Condition::HeelPain && codes_foot_pain(code);
                            let (rule, seen) = if foot_pain {
                                (
                                    Rule::ConditionFootPain,
                                    format!(
                                        "{seen}; the record coded pain in foot (ICD-10-CM M79.67-), \
                                         not heel pain: the clinician confirms the diagnosis"
                                    ),
                                )
                            } else {
                                (Rule::ConditionCode, seen)
                            };
                            self.board.conditions.push((
                                condition,
                                Provenance {
                                    field: Field::Conditions,
                                    value: condition.as_str().into(),
                                    resource: Some(at.clone()),
                                    rule,
                                    seen,
                                },
                            ));
                        }
                        Meaning::Finding(f) => self.board.findings.push((
                            f,
                            Truth::Present,
                            Provenance {
                                field: Field::Finding(f),
                                value: Truth::Present.to_string(),
                                resource: Some(at.clone()),
                                rule: Rule::ConditionCode,
                                seen,
                            },
                        )),
                        _ => {}
                    }
                }
                if foot_condition {
                    self.onset(&c, &at);
                }
            }
        }
    }

    /// Symptom weeks from a foot condition's onset: whole weeks certainly
    /// elapsed, counting from the latest day the onset could be.
    fn onset(&mut self, c: &raw::Condition, at: &ResourceRef) {
        let written = c
            .onset_date_time
            .as_deref()
            .or_else(|| c.onset_period.as_ref().and_then(|p| p.start.as_deref()));
        let Some(written) = written else {
            let detail =
                if c.onset_age.is_some() || c.onset_range.is_some() || c.onset_string.is_some() {
                    "onset given as an age, range or text: symptom weeks not derived"
                } else {
                    "no onset date: symptom weeks not derived from this condition"
                };
            self.board
                .note(at.clone(), UnusedReason::NoDate, detail.into());
            return;
        };
        let Some(onset) = FhirTime::parse(written) else {
            self.board.note(
                at.clone(),
                UnusedReason::Malformed,
                format!("onset `{}` is not a FHIR dateTime", echo(written)),
            );
            return;
        };
        let as_of = self.options.as_of().date();
        let Some(days) = as_of.days_since(onset.last_day()) else {
            self.board.note(
                at.clone(),
                UnusedReason::AfterAsOf,
                format!("onset {onset} is after the as-of date {as_of}"),
            );
            return;
        };
        let weeks = days.checked_div(7).unwrap_or_default();
        match u16::try_from(weeks)
            .ok()
            .filter(|w| u32::from(*w) <= u32::from(prolo_triage::Weeks::MAX))
        {
            Some(weeks) => self.board.onsets.push((
                weeks,
                Provenance {
                    field: Field::SymptomWeeks,
                    value: weeks.to_string(),
                    resource: Some(at.clone()),
                    rule: Rule::ConditionOnset,
                    seen: format!("onset {onset}, {days} days before {as_of}"),
                },
            )),
            None => self.board.note(
                at.clone(),
                UnusedReason::OutOfRange,
                format!(
                    "onset {onset} is more than {} weeks ago",
                    prolo_triage::Weeks::MAX
                ),
            ),
        }
    }

    pub(super) fn allergy(&mut self, a: raw::AllergyIntolerance, at: ResourceRef) {
        if !self.about_patient(a.patient.as_ref(), &at) {
            return;
        }
        let clinical = status_code(a.clinical_status.as_ref(), ALLERGY_CLINICAL);
        let verification = status_code(a.verification_status.as_ref(), ALLERGY_VERIFICATION);
        let assertion = assertion(clinical, verification, &["active"]);
        let meanings = a.code.as_ref().map_or_else(Vec::new, |code| {
            self.meanings(code, |m| {
                matches!(
                    m,
                    Meaning::Allergy(_) | Meaning::UnrelatedAllergy | Meaning::NoKnownAllergy
                )
            })
        });
        let no_known = meanings
            .iter()
            .find(|(m, _)| *m == Meaning::NoKnownAllergy)
            .map(|(_, coding)| coding.clone());
        if let Some(coding) = no_known {
            match assertion {
                Assertion::Holds => self.board.no_known_allergy.push(Provenance {
                    field: Field::Allergies,
                    value: LIST.into(),
                    resource: Some(at),
                    rule: Rule::NoKnownAllergy,
                    seen: coding,
                }),
                Assertion::Refuted => {
                    self.board
                        .note(at, UnusedReason::NotConfirmed, format!("{coding}, refuted"))
                }
                Assertion::Nothing(reason, detail) => self.board.note(at, reason, detail),
            }
            return;
        }
        match assertion {
            Assertion::Holds => {}
            Assertion::Refuted => {
                // An allergy ruled out cannot be written as "not" in a list.
                self.board.note(
                    at,
                    UnusedReason::NotConfirmed,
                    "verificationStatus refuted: a list cannot record an allergy ruled out".into(),
                );
                return;
            }
            Assertion::Nothing(reason, detail) => {
                // An unconfirmed allergy may still be to a local anaesthetic:
                // it keeps the list from reading "none".
                if reason == UnusedReason::NotConfirmed {
                    self.board.allergies_recorded = self.board.allergies_recorded.saturating_add(1);
                    self.board.allergies_unclassified =
                        self.board.allergies_unclassified.saturating_add(1);
                }
                self.board.note(at, reason, detail);
                return;
            }
        }
        self.board.allergies_recorded = self.board.allergies_recorded.saturating_add(1);
        if meanings.is_empty() {
            self.board.allergies_unclassified = self.board.allergies_unclassified.saturating_add(1);
            let detail = a
                .code
                .as_ref()
                .map_or_else(|| "no code".to_owned(), list_codings);
            self.board.note(at, UnusedReason::UnmappedCode, detail);
            return;
        }
        let mut names = Vec::new();
        for (meaning, coding) in meanings {
            if let Meaning::Allergy(allergy) = meaning {
                names.push(allergy.as_str());
                self.board.allergies.push((
                    allergy,
                    Provenance {
                        field: Field::Allergies,
                        value: allergy.as_str().into(),
                        resource: Some(at.clone()),
                        rule: Rule::AllergyCode,
                        seen: coding,
                    },
                ));
            }
        }
        self.board
            .allergies_classified
            .push(Classified { at, names });
    }
}
