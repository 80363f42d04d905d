//! The fact language of the rules: the adverse facts a rule rests on, the
//! subjects a clinician answers to settle them, and the monotone formulas
//! over facts.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::audience::PatientText;
use crate::vocabulary::{Allergy, Condition, Finding, MedicationClass, Resolution, Symptom, Who};

/// An adverse fact a rule rests on: a finding present, a medication class
/// taken, an allergy, or a number on the wrong side of a policy threshold.
///
/// Its wire name is the finding's name, `medications.<class>`,
/// `allergies.<allergy>`, or the field the threshold reads (`age_years`,
/// `conditions`, `symptom_weeks`, `conservative_care_weeks`).
///
/// # Example
///
/// ```
/// use prolo_triage::{Fact, Finding, MedicationClass};
/// assert_eq!(Fact::Finding(Finding::Fever).to_string(), "fever");
/// assert_eq!(Fact::Medication(MedicationClass::Anticoagulant).to_string(), "medications.anticoagulant");
/// assert_eq!("age_years".parse(), Ok(Fact::AgeBelowMinimum));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Fact {
    /// A finding is present.
    Finding(Finding),
    /// The patient takes a medication of this class.
    Medication(MedicationClass),
    /// The patient has this allergy.
    Allergy(Allergy),
    /// This condition is among those diagnosed (read by the injectate
    /// rules, not by the verdict ladder).
    Condition(Condition),
    /// Age below the policy minimum.
    AgeBelowMinimum,
    /// No condition the policy treats.
    NoTreatableCondition,
    /// Symptoms shorter than the policy minimum.
    SymptomsBelowMinimum,
    /// Conservative care shorter than the policy minimum.
    CareBelowMinimum,
}

impl Fact {
    /// A short plain-language name, e.g. "skin infection at the site".
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, Fact};
    /// assert_eq!(Fact::Allergy(Allergy::Corn).label(), "corn allergy");
    /// ```
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Fact::Finding(f) => f.label(),
            Fact::Medication(m) => m.label(),
            Fact::Allergy(a) => a.label(),
            Fact::Condition(c) => c.label(),
            Fact::AgeBelowMinimum => "under the minimum age",
            Fact::NoTreatableCondition => "no treatable condition",
            Fact::SymptomsBelowMinimum => "symptoms too recent",
            Fact::CareBelowMinimum => "too little conservative care",
        }
    }

    /// Plain words for a patient, e.g. "a blood thinner" for the
    /// anticoagulant class.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Fact, MedicationClass};
    /// assert_eq!(Fact::Medication(MedicationClass::Anticoagulant).patient_label(), "a blood thinner");
    /// assert_eq!(Fact::SymptomsBelowMinimum.patient_label(), "how long you have had the problem");
    /// ```
    #[must_use]
    pub const fn patient_label(self) -> PatientText {
        PatientText::from_static(match self {
            Fact::Finding(finding) => return finding.patient_label(),
            Fact::Medication(m) => m.patient_label(),
            Fact::Allergy(a) => a.patient_label(),
            Fact::Condition(c) => c.patient_label(),
            Fact::AgeBelowMinimum => "your age",
            Fact::NoTreatableCondition => "the kind of foot problem you have",
            Fact::SymptomsBelowMinimum => "how long you have had the problem",
            Fact::CareBelowMinimum => "how long the first treatments have been tried",
        })
    }

    /// Whether the fact, as a contraindication, is expected to resolve;
    /// `None` for a fact no contraindication reads (a threshold, a
    /// condition, a red flag).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Fact, MedicationClass, Resolution};
    /// assert_eq!(Fact::Medication(MedicationClass::Anticoagulant).resolution(), Some(Resolution::Possible));
    /// assert_eq!(Fact::AgeBelowMinimum.resolution(), None);
    /// ```
    #[must_use]
    pub const fn resolution(self) -> Option<Resolution> {
        match self {
            Fact::Finding(f) => f.resolution(),
            // A medicine may be stopped by its prescriber, an allergy
            // outgrown or disproved: it may change.
            Fact::Medication(_) | Fact::Allergy(_) => Some(Resolution::Possible),
            Fact::Condition(_)
            | Fact::AgeBelowMinimum
            | Fact::NoTreatableCondition
            | Fact::SymptomsBelowMinimum
            | Fact::CareBelowMinimum => None,
        }
    }

    /// The part of the presentation a clinician answers to settle the fact.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Fact, MedicationClass, Subject};
    /// assert_eq!(
    ///     Fact::Medication(MedicationClass::Antiplatelet).subject(),
    ///     Subject::Medication(MedicationClass::Antiplatelet),
    /// );
    /// ```
    #[must_use]
    pub fn subject(self) -> Subject {
        match self {
            Fact::Finding(f) => Subject::Finding(f),
            Fact::Medication(m) => Subject::Medication(m),
            Fact::Allergy(a) => Subject::Allergy(a),
            Fact::Condition(_) => Subject::Conditions,
            Fact::AgeBelowMinimum => Subject::AgeYears,
            Fact::NoTreatableCondition => Subject::Conditions,
            Fact::SymptomsBelowMinimum => Subject::SymptomWeeks,
            Fact::CareBelowMinimum => Subject::ConservativeCareWeeks,
        }
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fact::Finding(x) => f.write_str(x.as_str()),
            Fact::Medication(m) => write!(f, "medications.{}", m.as_str()),
            Fact::Allergy(a) => write!(f, "allergies.{}", a.as_str()),
            Fact::Condition(c) => write!(f, "conditions.{}", c.as_str()),
            other => f.write_str(other.subject().as_str()),
        }
    }
}

impl FromStr for Fact {
    type Err = strum::ParseError;
    fn from_str(s: &str) -> Result<Fact, Self::Err> {
        // `findings.fever` reads as `fever`, like the error paths.
        let s = s.strip_prefix("findings.").unwrap_or(s);
        if let Some(m) = s.strip_prefix("medications.") {
            return m.parse().map(Fact::Medication);
        }
        if let Some(a) = s.strip_prefix("allergies.") {
            return a.parse().map(Fact::Allergy);
        }
        if let Some(c) = s.strip_prefix("conditions.") {
            return c.parse().map(Fact::Condition);
        }
        Ok(match s.parse::<Subject>()? {
            Subject::Finding(f) => Fact::Finding(f),
            Subject::AgeYears => Fact::AgeBelowMinimum,
            Subject::Conditions => Fact::NoTreatableCondition,
            Subject::SymptomWeeks => Fact::SymptomsBelowMinimum,
            Subject::ConservativeCareWeeks => Fact::CareBelowMinimum,
            Subject::Medications
            | Subject::Allergies
            | Subject::Medication(_)
            | Subject::Allergy(_)
            | Subject::Symptom(_)
            | Subject::WhereItHurts => return Err(strum::ParseError::VariantNotFound),
        })
    }
}

/// What a question asks about: a finding, a field of the presentation, or
/// one class of an open list. A list that is not recorded at all is asked
/// as a whole (`medications`, `allergies`); an open list (contract v2) is
/// asked class by class (`medications.anticoagulant`).
///
/// # Example
///
/// ```
/// use prolo_triage::{Finding, Subject};
/// assert_eq!(Subject::Finding(Finding::Diabetes).as_str(), "diabetes");
/// assert_eq!("medications".parse(), Ok(Subject::Medications));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Subject {
    /// A finding (answered present, absent or unknown).
    Finding(Finding),
    /// `age_years` (a number).
    AgeYears,
    /// `conditions` (the diagnosis).
    Conditions,
    /// `symptom_weeks` (a number).
    SymptomWeeks,
    /// `conservative_care_weeks` (a number).
    ConservativeCareWeeks,
    /// `medications` (a list; `[]` is none).
    Medications,
    /// `allergies` (a list; `[]` is none).
    Allergies,
    /// One class of an open medication list, `medications.<class>`.
    Medication(MedicationClass),
    /// One allergy of an open allergy list, `allergies.<allergy>`.
    Allergy(Allergy),
    /// A symptom, `symptoms.<name>` (contract v3): read by the candidate
    /// conditions, never by the verdict.
    Symptom(Symptom),
    /// Where it hurts: the location symptoms at once, on the intake's map
    /// of the foot (`docs/clinical-knowledge.md` §7.5). The places chosen
    /// are present and every other place absent.
    WhereItHurts,
}

impl Subject {
    /// The wire name: the finding's name or the field's.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Finding, Subject};
    /// assert_eq!(Subject::Finding(Finding::Fever).as_str(), "fever");
    /// assert_eq!(Subject::AgeYears.as_str(), "age_years");
    /// assert_eq!("age_years".parse::<Subject>().ok(), Some(Subject::AgeYears));
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Finding(f) => f.as_str(),
            Subject::AgeYears => "age_years",
            Subject::Conditions => "conditions",
            Subject::SymptomWeeks => "symptom_weeks",
            Subject::ConservativeCareWeeks => "conservative_care_weeks",
            Subject::Medications => "medications",
            Subject::Allergies => "allergies",
            Subject::Medication(m) => m.path(),
            Subject::Allergy(a) => a.path(),
            Subject::Symptom(s) => s.path(),
            Subject::WhereItHurts => "where_it_hurts",
        }
    }

    /// The list a class subject belongs to (`medications` for
    /// `medications.nsaid`); `None` for every other subject.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, Finding, Subject};
    /// assert_eq!(Subject::Allergy(Allergy::Corn).list(), Some(Subject::Allergies));
    /// assert_eq!(Subject::Finding(Finding::Fever).list(), None);
    /// ```
    #[must_use]
    pub fn list(self) -> Option<Subject> {
        match self {
            Subject::Medication(_) => Some(Subject::Medications),
            Subject::Allergy(_) => Some(Subject::Allergies),
            _ => None,
        }
    }

    /// Every subject: each finding in vocabulary order, the six fields,
    /// then each medication class and each allergy.
    #[cfg(any(test, feature = "schema"))]
    pub(crate) fn every() -> impl Iterator<Item = Subject> {
        Finding::all()
            .iter()
            .map(|f| Subject::Finding(*f))
            .chain([
                Subject::AgeYears,
                Subject::Conditions,
                Subject::SymptomWeeks,
                Subject::ConservativeCareWeeks,
                Subject::Medications,
                Subject::Allergies,
            ])
            .chain(
                MedicationClass::all()
                    .iter()
                    .map(|m| Subject::Medication(*m)),
            )
            .chain(Allergy::all().iter().map(|a| Subject::Allergy(*a)))
    }

    /// A short plain-language name, e.g. "symptom duration".
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Subject;
    /// assert_eq!(Subject::Conditions.label(), "the diagnosis");
    /// ```
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Subject::Finding(f) => f.label(),
            Subject::AgeYears => "age",
            Subject::Conditions => "the diagnosis",
            Subject::SymptomWeeks => "symptom duration",
            Subject::ConservativeCareWeeks => "weeks of conservative care",
            Subject::Medications => "medications",
            Subject::Allergies => "allergies",
            Subject::Medication(m) => m.label(),
            Subject::Allergy(a) => a.label(),
            Subject::Symptom(s) => s.label(),
            Subject::WhereItHurts => "where it hurts",
        }
    }

    /// The question a clinician asks to settle it.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Subject;
    /// assert!(Subject::AgeYears.question().contains("old"));
    /// ```
    #[must_use]
    pub fn question(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Subject::Finding(f) => f.question(),
            Subject::AgeYears => "How old is the patient (years)?",
            Subject::Conditions => "Which foot condition has been diagnosed?",
            Subject::SymptomWeeks => "For how many weeks have the symptoms lasted?",
            Subject::ConservativeCareWeeks => {
                "For how many weeks has guideline-based conservative care (stretching, loading, orthoses, taping...) been tried?"
            }
            Subject::Medications => {
                "Does the patient take an anticoagulant, an antiplatelet drug (not low-dose aspirin), a systemic corticosteroid, an immunosuppressant or an NSAID? (Answer 'none' if none.)"
            }
            Subject::Allergies => {
                "Is the patient allergic to local anaesthetic, dextrose or corn? (Answer 'none' if none.)"
            }
            Subject::Medication(m) => m.question(),
            Subject::Allergy(a) => a.question(),
            Subject::Symptom(s) => s.question(),
            Subject::WhereItHurts => "Where does the foot hurt?",
        })
    }
}

impl Subject {
    /// Who can answer it (`docs/decision-model.md` §10): a finding says so
    /// itself; the patient knows their age, how long the foot has hurt,
    /// what has been tried, their medicines and allergies; only a
    /// clinician gives the diagnosis.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Subject, Who};
    /// assert_eq!(Subject::AgeYears.who(), Who::Patient);
    /// assert_eq!(Subject::Conditions.who(), Who::Clinician);
    /// ```
    #[must_use]
    pub const fn who(self) -> Who {
        match self {
            Subject::Finding(f) => f.who(),
            Subject::AgeYears
            | Subject::SymptomWeeks
            | Subject::ConservativeCareWeeks
            | Subject::Medications
            | Subject::Allergies
            | Subject::Medication(_)
            | Subject::Allergy(_)
            | Subject::WhereItHurts => Who::Patient,
            Subject::Symptom(s) => s.who(),
            Subject::Conditions => Who::Clinician,
        }
    }

    /// The question a patient is asked, in plain words; `None` when only a
    /// clinician answers it.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Subject;
    /// assert_eq!(Subject::AgeYears.patient_question().unwrap(), "How old are you?");
    /// assert!(Subject::Conditions.patient_question().is_none());
    /// ```
    #[must_use]
    pub fn patient_question(self) -> Option<PatientText> {
        let text = match self {
            Subject::Finding(f) => return f.patient_question(),
            Subject::Medication(m) => return Some(m.patient_question()),
            Subject::Allergy(a) => return Some(a.patient_question()),
            Subject::Symptom(s) => return s.patient_question(),
            Subject::WhereItHurts => {
                "Where does your foot hurt? Choose every place that hurts, then Done."
            }
            Subject::AgeYears => "How old are you?",
            Subject::SymptomWeeks => "For how many weeks has your foot hurt?",
            Subject::ConservativeCareWeeks => {
                "For how many weeks have you tried treatments such as stretching, exercises, shoe inserts or taping?"
            }
            Subject::Medications => {
                "Do you take any of these medicines? Choose every one you take, or none."
            }
            Subject::Allergies => {
                "Are you allergic to any of these? Choose every one, or none."
            }
            Subject::Conditions => return None,
        };
        Some(PatientText::from_static(text))
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Subject {
    type Err = strum::ParseError;
    fn from_str(s: &str) -> Result<Subject, Self::Err> {
        Ok(match s {
            "age_years" => Subject::AgeYears,
            "conditions" => Subject::Conditions,
            "symptom_weeks" => Subject::SymptomWeeks,
            "conservative_care_weeks" => Subject::ConservativeCareWeeks,
            "medications" => Subject::Medications,
            "allergies" => Subject::Allergies,
            other => {
                if let Some(m) = other.strip_prefix("medications.") {
                    Subject::Medication(m.parse()?)
                } else if let Some(a) = other.strip_prefix("allergies.") {
                    Subject::Allergy(a.parse()?)
                } else if let Some(x) = other.strip_prefix("symptoms.") {
                    Subject::Symptom(x.parse()?)
                } else if other == "where_it_hurts" {
                    Subject::WhereItHurts
                } else {
                    Subject::Finding(other.parse()?)
                }
            }
        })
    }
}

// Serialized as their wire names: static text where there is one (no
// formatting), the `Display` form otherwise.
impl Serialize for Fact {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Fact::Finding(f) => s.serialize_str(f.as_str()),
            Fact::Medication(_) | Fact::Allergy(_) | Fact::Condition(_) => s.collect_str(self),
            threshold => s.serialize_str(threshold.subject().as_str()),
        }
    }
}

impl Serialize for Subject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

macro_rules! string_serde {
    ($t:ty, $what:literal) => {
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse()
                    .map_err(|_| serde::de::Error::custom(format!("unknown {} `{s}`", $what)))
            }
        }
    };
}

string_serde!(Fact, "fact");
string_serde!(Subject, "subject");

/// A rule's condition, in conjunctive normal form over adverse facts: an
/// AND of clauses, each clause an OR of facts. There is no negation, so
/// making a fact more adverse can never make the formula less true: that
/// is what lets unknowns be settled by best and worst completions.
///
/// The shape is the type's: a formula cannot nest deeper, so every row of
/// a table is evaluated by the same machinery, with the Kleene OR of a
/// clause one set intersection and the rule the Kleene AND of its clauses.
/// The Ottawa rules are two clauses: \[recent injury\] and \[any of the
/// five examination findings\]. A row that rests on a pattern of findings
/// (key features, findings that rule a condition in or out) is written the
/// same way.
///
/// # Example
///
/// ```
/// use prolo_triage::{Fact, Finding};
/// use prolo_triage::rules::Formula;
/// let f = Formula::Fact(Fact::Finding(Finding::Fever));
/// assert_eq!(f.facts().count(), 1);
/// assert_eq!(f.clauses().count(), 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Formula {
    /// One fact: one clause of one fact.
    Fact(Fact),
    /// Every clause holds; a clause holds when any of its facts does.
    All(&'static [&'static [Fact]]),
}

impl Formula {
    /// The clauses, in the order written: one clause of one fact for
    /// [`Formula::Fact`].
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Fact, Finding};
    /// use prolo_triage::rules::Formula;
    /// const INJURY_AND_TENDERNESS: Formula = Formula::All(&[
    ///     &[Fact::Finding(Finding::RecentInjury)],
    ///     &[
    ///         Fact::Finding(Finding::BoneTendernessNavicular),
    ///         Fact::Finding(Finding::UnableToBearWeight),
    ///     ],
    /// ]);
    /// let sizes: Vec<usize> = INJURY_AND_TENDERNESS.clauses().map(<[Fact]>::len).collect();
    /// assert_eq!(sizes, [1, 2]);
    /// ```
    pub fn clauses(&self) -> impl Iterator<Item = &[Fact]> + '_ {
        let (one, all): (Option<&[Fact]>, &[&[Fact]]) = match self {
            Formula::Fact(fact) => (Some(std::slice::from_ref(fact)), &[]),
            Formula::All(clauses) => (None, clauses),
        };
        one.into_iter().chain(all.iter().copied())
    }

    /// The facts of the formula, clause by clause, in the order written.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Fact, Finding};
    /// use prolo_triage::rules::Formula;
    /// const BOTH: Formula = Formula::All(&[
    ///     &[Fact::Finding(Finding::RecentInjury)],
    ///     &[Fact::Finding(Finding::BoneTendernessNavicular)],
    /// ]);
    /// let facts: Vec<Fact> = BOTH.facts().collect();
    /// assert_eq!(facts, [Fact::Finding(Finding::RecentInjury), Fact::Finding(Finding::BoneTendernessNavicular)]);
    /// ```
    pub fn facts(&self) -> impl Iterator<Item = Fact> + '_ {
        self.clauses().flat_map(|clause| clause.iter().copied())
    }

    /// True when some fact of the formula satisfies `predicate` (stops at
    /// the first that does).
    pub(crate) fn any_fact(&self, predicate: &mut impl FnMut(Fact) -> bool) -> bool {
        self.facts().any(predicate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_show_their_wire_names_and_ask_questions() {
        for subject in Subject::every() {
            assert_eq!(subject.to_string(), subject.as_str());
            assert_eq!(subject.as_str().parse::<Subject>().ok(), Some(subject));
            let question = subject.question();
            assert!(
                question.ends_with('?')
                    || question.ends_with("(None is an answer.)")
                    || question.ends_with("(Answer 'none' if none.)"),
                "{subject}: {question}"
            );
        }
        assert_eq!(
            Subject::Conditions.question(),
            "Which foot condition has been diagnosed?"
        );
    }

    #[test]
    fn every_subject_a_patient_can_answer_has_a_patient_question() {
        for subject in Subject::every() {
            let question = subject.patient_question();
            assert_eq!(
                question.is_some(),
                subject.who().asks_patient(),
                "{subject}"
            );
            if let Some(q) = question {
                // A question, or a list's question with how to answer it.
                assert!(
                    q.ends_with('?') || q.ends_with(".)") || q.contains("? Choose every"),
                    "{subject}: {q}"
                );
                // Plain words: no clinician's class names.
                for jargon in [
                    "anticoagulant",
                    "antiplatelet",
                    "NSAID",
                    "corticosteroid",
                    "immunosuppressant",
                    "the patient",
                ] {
                    assert!(!q.contains(jargon), "{subject}: {jargon} in {q}");
                }
            }
        }
    }
}
