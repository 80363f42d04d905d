//! An interview: ask the one question that matters most, take the answer,
//! assess again, until the verdict is determinate. Pure: the caller does
//! the asking (a terminal, a form, a chat).

use enumset::EnumSet;

use crate::assessment::{Assessment, PlanItem, Question, ReasonId, Role};
use crate::error::{Error, Invalid};
use crate::input::Presentation;
use crate::patient::{self, Voice};
use crate::policy::Policy;
use crate::rules::{Subject, SubjectSet};
use crate::truth::Truth;
use crate::vocabulary::{names, Allergy, Audience, Condition, MedicationClass, Verdict, Who};
use crate::{assess, json};

/// An answer to a [`Question`].
///
/// # Example
///
/// ```
/// use prolo_triage::{Answer, Finding, Subject};
/// assert_eq!(Answer::parse(Subject::Finding(Finding::Fever), "no")?, Answer::No);
/// assert_eq!(Answer::parse(Subject::AgeYears, "47")?, Answer::Number(47));
/// assert!(Answer::parse(Subject::AgeYears, "yes").is_err());
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Answer {
    /// The finding is present.
    Yes,
    /// The finding is absent.
    No,
    /// Not known: the question is set aside.
    Unknown,
    /// A number (age in years, weeks).
    Number(u32),
    /// The diagnosed conditions.
    Conditions(EnumSet<Condition>),
    /// The medication classes taken (empty: none).
    Medications(EnumSet<MedicationClass>),
    /// The allergies (empty: none).
    Allergies(EnumSet<Allergy>),
}

impl Answer {
    /// Reads a typed answer to a question about `subject`: `yes`/`no`/
    /// `unknown` (also `y`, `n`, `?`) for findings and for one class of an
    /// open list, a whole number for ages and weeks, comma-separated wire
    /// names (or `none`) for a whole list.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] or [`Error::UnknownName`] naming the subject when
    /// the text is not an answer to it.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Answer, Finding, MedicationClass, Subject};
    /// assert_eq!(Answer::parse(Subject::Finding(Finding::Fever), " Yes ")?, Answer::Yes);
    /// assert_eq!(Answer::parse(Subject::AgeYears, "?")?, Answer::Unknown);
    /// // A patient's "not sure" is unknown (docs/decision-model.md §10).
    /// assert_eq!(Answer::parse(Subject::AgeYears, "Not sure")?, Answer::Unknown);
    /// assert_eq!(Answer::parse(Subject::AgeYears, "58")?, Answer::Number(58));
    /// let m = Answer::parse(Subject::Medications, "anticoagulant")?;
    /// assert_eq!(m, Answer::Medications(MedicationClass::Anticoagulant.into()));
    /// assert!(Answer::parse(Subject::AgeYears, "old").is_err());
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn parse(subject: Subject, text: &str) -> Result<Answer, Error> {
        let text = text.trim();
        let lower = text.to_ascii_lowercase();
        if matches!(
            lower.as_str(),
            "unknown" | "?" | "u" | "don't know" | "dont know" | "not sure"
        ) {
            return Ok(Answer::Unknown);
        }
        let path = subject.as_str();
        let invalid = |expected: &'static str| Error::Invalid {
            path: path.into(),
            cause: Invalid::NotAnAnswer {
                value: json::echo(text),
                expected,
            },
        };
        match subject {
            Subject::Finding(_) | Subject::Medication(_) | Subject::Allergy(_) => {
                match lower.as_str() {
                    "yes" | "y" | "present" => Ok(Answer::Yes),
                    "no" | "n" | "absent" => Ok(Answer::No),
                    _ => Err(invalid("yes, no or unknown")),
                }
            }
            Subject::AgeYears | Subject::SymptomWeeks | Subject::ConservativeCareWeeks => lower
                .parse::<u32>()
                .map(Answer::Number)
                .map_err(|_| invalid("a whole number, or unknown")),
            Subject::Conditions => {
                list(path, &lower, "condition", Condition::all()).map(Answer::Conditions)
            }
            Subject::Medications => {
                list(path, &lower, "medication", MedicationClass::all()).map(Answer::Medications)
            }
            Subject::Allergies => {
                list(path, &lower, "allergy", Allergy::all()).map(Answer::Allergies)
            }
        }
    }

    /// The form of answer a question about `subject` takes, for a prompt
    /// to a patient: "not sure" rather than "unknown"
    /// (`docs/decision-model.md` §10; both parse as unknown).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Answer, Finding, Subject};
    /// assert_eq!(Answer::patient_hint(Subject::Finding(Finding::Fever)), "yes / no / not sure");
    /// assert_eq!(Answer::patient_hint(Subject::AgeYears), "your age in years, or not sure");
    /// ```
    #[must_use]
    pub fn patient_hint(subject: Subject) -> String {
        match subject {
            Subject::Finding(_) | Subject::Medication(_) | Subject::Allergy(_) => {
                "yes / no / not sure".into()
            }
            Subject::AgeYears => "your age in years, or not sure".into(),
            Subject::SymptomWeeks | Subject::ConservativeCareWeeks => {
                "a number of weeks, or not sure".into()
            }
            Subject::Conditions | Subject::Medications | Subject::Allergies => {
                Answer::hint(subject)
            }
        }
    }

    /// The form of answer a question about `subject` takes, for a prompt.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Answer, Subject};
    /// assert_eq!(Answer::hint(Subject::SymptomWeeks), "a number of weeks, or unknown");
    /// ```
    #[must_use]
    pub fn hint(subject: Subject) -> String {
        match subject {
            Subject::Finding(_) | Subject::Medication(_) | Subject::Allergy(_) => {
                "yes / no / unknown".into()
            }
            Subject::AgeYears => "age in years, or unknown".into(),
            Subject::SymptomWeeks | Subject::ConservativeCareWeeks => {
                "a number of weeks, or unknown".into()
            }
            Subject::Conditions => format!("one or more of {}", names(Condition::all())),
            Subject::Medications => format!("none, or any of {}", names(MedicationClass::all())),
            Subject::Allergies => format!("none, or any of {}", names(Allergy::all())),
        }
    }
}

/// Comma- or space-separated names; `none` for the empty set.
fn list<T>(path: &str, text: &str, vocabulary: &'static str, all: &[T]) -> Result<EnumSet<T>, Error>
where
    T: enumset::EnumSetType + std::str::FromStr + Into<&'static str>,
{
    if text == "none" || text == "no" {
        return Ok(EnumSet::new());
    }
    let words: Vec<String> = text
        .split([',', ' '])
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        return Err(Error::Invalid {
            path: path.into(),
            cause: Invalid::NoNames,
        });
    }
    json::name_set(path, &words, vocabulary, all)
}

/// An interview in progress.
///
/// # Example
///
/// ```
/// use prolo_triage::{Answer, Interview, Policy, Presentation, Verdict};
///
/// let policy = Policy::default();
/// let start = Presentation::from_json(include_str!("../examples/data/06-ready-but-infection-unknown.json"))?;
/// let mut interview = Interview::new(start, &policy);
/// let q = interview.next_question().unwrap();
/// assert_eq!(q.finding.as_str(), "skin_infection_at_site");
/// interview.answer(q.finding, Answer::No)?;
/// assert_eq!(interview.next_question(), None);
/// assert_eq!(interview.assessment().verdict, Verdict::Discuss);
/// # Ok::<(), prolo_triage::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Interview<'p> {
    presentation: Presentation,
    policy: &'p Policy,
    set_aside: SubjectSet,
    assessment: Assessment,
    audience: Audience,
}

impl<'p> Interview<'p> {
    /// Starts from what is known (possibly nothing).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Interview, Policy, Presentation, Verdict};
    /// let policy = Policy::default();
    /// let interview = Interview::new(Presentation::default(), &policy);
    /// assert_eq!(interview.assessment().verdict, Verdict::NeedsInformation);
    /// ```
    #[must_use]
    pub fn new(presentation: Presentation, policy: &'p Policy) -> Interview<'p> {
        let assessment = assess(&presentation, policy);
        Interview {
            presentation,
            policy,
            set_aside: SubjectSet::default(),
            assessment,
            audience: Audience::Clinician,
        }
    }

    /// An interview for an audience (`docs/decision-model.md` §10). For the
    /// patient it asks only what a patient can answer (`patient` and
    /// `both` facts), each question judged as if every clinician-only fact
    /// had its best value (the examination clear), so the intake asks
    /// everything the clinician would otherwise have to ask; a patient's
    /// no to a `both` fact leaves it unknown for the clinician.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Audience, Interview, Policy, Presentation, Who};
    /// let policy = Policy::default();
    /// let interview = Interview::with_audience(Presentation::default(), &policy, Audience::Patient);
    /// let q = interview.next_question().unwrap();
    /// assert_eq!(q.finding.as_str(), "fever");
    /// assert!(q.who.asks_patient());
    /// ```
    #[must_use]
    pub fn with_audience(
        presentation: Presentation,
        policy: &'p Policy,
        audience: Audience,
    ) -> Interview<'p> {
        let mut interview = Interview::new(presentation, policy);
        interview.audience = audience;
        interview
    }

    /// The presentation with every unknown clinician-only fact at its best
    /// value: absent findings and, when the diagnosis is unknown, a
    /// condition the policy treats. What a patient is asked is judged on it.
    fn examination_clear(&self) -> Presentation {
        let mut b = self.presentation.to_builder();
        for f in crate::vocabulary::Finding::all() {
            if f.who() == Who::Clinician && self.presentation.finding(*f) == Truth::Unknown {
                b = b.finding(*f, Truth::Absent);
            }
        }
        if self.presentation.conditions().is_none() {
            if let Some(c) = self.policy.treatable_conditions().iter().next() {
                b = b.conditions([c]);
            }
        }
        // The same presentation with more facts settled: it stays valid.
        b.build().unwrap_or(self.presentation)
    }

    /// The next question: the most important blocking question not set
    /// aside as unknown, while the verdict is `needs_information`. `None`
    /// when the verdict is determinate, or when every blocking question was
    /// answered unknown.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Answer, Interview, Policy, Presentation};
    /// let policy = Policy::default();
    /// let mut interview = Interview::new(Presentation::default(), &policy);
    /// let first = interview.next_question().unwrap();
    /// assert!(first.blocking);
    /// // "Don't know" sets a question aside: the next one differs.
    /// interview.answer(first.finding, Answer::Unknown)?;
    /// assert_ne!(interview.next_question().unwrap().finding, first.finding);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn next_question(&self) -> Option<Question> {
        if self.assessment.verdict != Verdict::NeedsInformation {
            return None;
        }
        match self.audience {
            Audience::Clinician => self
                .assessment
                .questions
                .iter()
                .find(|q| q.blocking && !self.set_aside.contains(q.finding))
                .cloned(),
            Audience::Patient => assess(&self.examination_clear(), self.policy)
                .questions
                .into_iter()
                .find(|q| {
                    q.blocking && q.who.asks_patient() && !self.set_aside.contains(q.finding)
                }),
        }
    }

    /// What the patient must do now when an answer revealed a red flag:
    /// that red flag's safety-net for a patient who reported it, before
    /// any visit (`docs/clinical-knowledge.md` §1.1), with the clinic's
    /// details ([`Policy::clinic`](crate::Policy::clinic)). Empty unless
    /// the verdict is `refer_urgently`.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Answer, Finding, Interview, Policy, Presentation, Subject};
    /// let policy = Policy::default();
    /// let mut interview = Interview::new(Presentation::default(), &policy);
    /// assert!(interview.safety_net().is_empty());
    /// interview.answer(Subject::Finding(Finding::PainOutOfProportion), Answer::Yes)?;
    /// let now = interview.safety_net();
    /// assert!(now[0].text.contains("emergency department now"));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn safety_net(&self) -> Vec<PlanItem> {
        if self.assessment.verdict != Verdict::ReferUrgently {
            return Vec::new();
        }
        let nets = self
            .assessment
            .reasons
            .iter()
            .filter(|r| r.role == Role::Decisive)
            .filter_map(|r| match r.rule {
                ReasonId::Rule(id) => id.rule().safety_net,
                ReasonId::Support(_) | ReasonId::Caveat(_) => None,
            });
        patient::most_urgent(nets).map_or_else(Vec::new, |(urgency, signs)| {
            patient::what_to_do(
                urgency,
                &signs,
                Voice::PatientReported,
                self.policy.clinic(),
            )
        })
    }

    /// Records an answer and assesses again.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] when the answer does not fit the subject (a
    /// number for a finding), or any error of
    /// [`PresentationBuilder::build`](crate::PresentationBuilder::build)
    /// (an age out of range, care longer than the symptoms).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Answer, Finding, Interview, Policy, Presentation, Subject, Verdict};
    /// let policy = Policy::default();
    /// let mut interview = Interview::new(Presentation::default(), &policy);
    /// interview.answer(Subject::Finding(Finding::Fever), Answer::Yes)?;
    /// assert_eq!(interview.assessment().verdict, Verdict::ReferUrgently);
    /// // A number is not an answer about a finding.
    /// assert!(interview.answer(Subject::Finding(Finding::Diabetes), Answer::Number(3)).is_err());
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn answer(&mut self, subject: Subject, answer: Answer) -> Result<(), Error> {
        let b = self.presentation.to_builder();
        let wrong = || Error::Invalid {
            path: subject.as_str().into(),
            cause: Invalid::AnswerDoesNotFit {
                expected: Answer::hint(subject),
            },
        };
        let b = match (subject, answer) {
            (_, Answer::Unknown) => {
                self.set_aside.insert(subject);
                return Ok(());
            }
            // A patient's no to a `both` fact rules nothing out: only the
            // clinician's examination does (docs/decision-model.md §10).
            (Subject::Finding(f), Answer::No)
                if self.audience == Audience::Patient && f.who() == Who::Both =>
            {
                self.set_aside.insert(subject);
                return Ok(());
            }
            (Subject::Finding(f), Answer::Yes) => b.finding(f, Truth::Present),
            (Subject::Finding(f), Answer::No) => b.finding(f, Truth::Absent),
            // One class of an open list.
            (Subject::Medication(m), Answer::Yes) => b.medication(m, Truth::Present),
            (Subject::Medication(m), Answer::No) => b.medication(m, Truth::Absent),
            (Subject::Allergy(a), Answer::Yes) => b.allergy(a, Truth::Present),
            (Subject::Allergy(a), Answer::No) => b.allergy(a, Truth::Absent),
            (Subject::AgeYears, Answer::Number(n)) => b.age_years(n),
            (Subject::SymptomWeeks, Answer::Number(n)) => b.symptom_weeks(n),
            (Subject::ConservativeCareWeeks, Answer::Number(n)) => b.conservative_care_weeks(n),
            (Subject::Conditions, Answer::Conditions(c)) => b.conditions(c),
            (Subject::Medications, Answer::Medications(m)) => b.medications(m),
            (Subject::Allergies, Answer::Allergies(a)) => b.allergies(a),
            _ => return Err(wrong()),
        };
        self.presentation = b.build()?;
        self.assessment = assess(&self.presentation, self.policy);
        Ok(())
    }

    /// The presentation as completed so far.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Answer, Interview, Policy, Presentation, Subject};
    /// let policy = Policy::default();
    /// let mut interview = Interview::new(Presentation::default(), &policy);
    /// interview.answer(Subject::AgeYears, Answer::Number(61))?;
    /// assert_eq!(interview.presentation().age_years().map(|a| a.get()), Some(61));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn presentation(&self) -> &Presentation {
        &self.presentation
    }

    /// The assessment of the presentation as completed so far.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Interview, Policy, Presentation};
    /// let policy = Policy::default();
    /// let interview = Interview::new(Presentation::default(), &policy);
    /// assert!(!interview.assessment().questions.is_empty());
    /// ```
    #[must_use]
    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }
}
