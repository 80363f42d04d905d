//! An interview: ask the one question that matters most, take the answer,
//! assess again, until the verdict is determinate. Pure: the caller does
//! the asking (a terminal, a form, a chat). For a patient it is the
//! intake of `docs/clinical-knowledge.md` §7.5: red flags, where it hurts,
//! the symptoms that best separate the candidates, then what the verdict
//! needs.

mod step;

pub use step::{AnswerKind, Choice, Place, Stage, Step};

use enumset::EnumSet;

use crate::assessment::{Assessment, PlanItem, Question, ReasonId, Role};
use crate::audience::PatientText;
use crate::error::{Error, Invalid};
use crate::input::FactName;
use crate::input::Presentation;
use crate::patient::{self, Voice};
use crate::policy::Policy;
use crate::rules::Group;
use crate::rules::{Subject, SubjectSet};
use crate::truth::Truth;
use crate::vocabulary::FindingGroup;
use crate::vocabulary::{
    names, Allergy, Audience, Condition, MedicationClass, Reporter, Symptom, Verdict, Who,
};
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
    /// The places that hurt, on the map of the foot (empty: none of them).
    Places(EnumSet<Symptom>),
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
            Subject::Finding(_)
            | Subject::Medication(_)
            | Subject::Allergy(_)
            | Subject::Symptom(_) => match lower.as_str() {
                "yes" | "y" | "present" => Ok(Answer::Yes),
                "no" | "n" | "absent" => Ok(Answer::No),
                _ => Err(invalid("yes, no or unknown")),
            },
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
            Subject::WhereItHurts => {
                let places: Vec<Symptom> = Symptom::places().iter().collect();
                let chosen = list(path, &lower, "place", &places)?;
                if chosen.is_subset(Symptom::places()) {
                    Ok(Answer::Places(chosen))
                } else {
                    Err(invalid(
                        "the names of places that hurt (pain_...), none, or unknown",
                    ))
                }
            }
        }
    }

    /// The answer in a patient's words, for a summary of what they said:
    /// "yes", "no", "not sure", the number, or the names of what was
    /// chosen ("none" for an empty list).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Answer, Symptom};
    /// assert_eq!(Answer::Unknown.patient_words(), "not sure");
    /// let heel = Answer::Places(Symptom::PainUnderHeel.into());
    /// assert_eq!(heel.patient_words(), "pain under the heel, mostly on the inner side");
    /// ```
    #[must_use]
    pub fn patient_words(&self) -> String {
        fn join<T: enumset::EnumSetType>(set: EnumSet<T>, label: impl Fn(T) -> String) -> String {
            if set.is_empty() {
                return "none".into();
            }
            set.iter().map(label).collect::<Vec<_>>().join("; ")
        }
        match self {
            Answer::Yes => "yes".into(),
            Answer::No => "no".into(),
            Answer::Unknown => "not sure".into(),
            Answer::Number(n) => n.to_string(),
            Answer::Conditions(c) => join(*c, |c| c.patient_label().to_owned()),
            Answer::Medications(m) => join(*m, |m| m.patient_label().to_owned()),
            Answer::Allergies(a) => join(*a, |a| a.patient_label().to_owned()),
            Answer::Places(p) => join(*p, |s| {
                s.patient_label()
                    .map_or_else(|| s.label().to_owned(), |t| t.as_str().to_owned())
            }),
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
            Subject::Finding(_)
            | Subject::Medication(_)
            | Subject::Allergy(_)
            | Subject::Symptom(_) => "yes / no / not sure".into(),
            Subject::WhereItHurts => {
                "the names of every place that hurts, none, or not sure".into()
            }
            Subject::AgeYears => "your age in years, or not sure".into(),
            Subject::SymptomWeeks | Subject::ConservativeCareWeeks => {
                "a number of weeks, or not sure".into()
            }
            Subject::Conditions | Subject::Medications | Subject::Allergies => {
                "none, or the names of every one that applies, or not sure".into()
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
            Subject::Finding(_)
            | Subject::Medication(_)
            | Subject::Allergy(_)
            | Subject::Symptom(_) => "yes / no / unknown".into(),
            Subject::WhereItHurts => {
                let places: Vec<Symptom> = Symptom::places().iter().collect();
                format!("none, or any of {}", names(&places))
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

/// The facts an answer about `subject` settles, for `answered_by`.
fn facts_of(subject: Subject, answer: &Answer, before: &Presentation) -> Vec<FactName> {
    use crate::input::Field;
    let field = |f| vec![FactName::Field(f)];
    match subject {
        Subject::Finding(f) => vec![FactName::Finding(f)],
        Subject::Symptom(s) => vec![FactName::Symptom(s)],
        Subject::Medication(m) => vec![FactName::Medication(m)],
        Subject::Allergy(a) => vec![FactName::Allergy(a)],
        Subject::AgeYears => field(Field::AgeYears),
        Subject::Conditions => field(Field::Conditions),
        Subject::SymptomWeeks => field(Field::SymptomWeeks),
        Subject::ConservativeCareWeeks => field(Field::ConservativeCareWeeks),
        Subject::Medications => field(Field::Medications),
        Subject::Allergies => field(Field::Allergies),
        Subject::WhereItHurts => match answer {
            // The places chosen, and those the answer made absent.
            Answer::Places(chosen) => Symptom::places()
                .iter()
                .filter(|s| chosen.contains(*s) || before.symptom(*s) == Truth::Unknown)
                .map(FactName::Symptom)
                .collect(),
            _ => Vec::new(),
        },
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
/// let start = Presentation::from_json(include_str!("../../examples/data/06-ready-but-infection-unknown.json"))?;
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
    answers: Vec<(Subject, Answer)>,
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
            answers: Vec::new(),
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

    /// The interview after `answers`, given in order: for a host that keeps
    /// the answers rather than the interview, and replays them (after Back,
    /// the questions that follow a changed answer are asked again).
    ///
    /// # Errors
    ///
    /// The first error of [`answer`](Interview::answer).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Answer, Audience, Finding, Interview, Policy, Presentation, Subject};
    /// let policy = Policy::default();
    /// let kept = [(Subject::Finding(Finding::Fever), Answer::No)];
    /// let interview = Interview::replay(Presentation::default(), &policy, Audience::Patient, &kept)?;
    /// assert_eq!(interview.answers(), kept);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn replay(
        presentation: Presentation,
        policy: &'p Policy,
        audience: Audience,
        answers: &[(Subject, Answer)],
    ) -> Result<Interview<'p>, Error> {
        let mut interview = Interview::with_audience(presentation, policy, audience);
        for (subject, answer) in answers {
            interview.answer(*subject, answer.clone())?;
        }
        Ok(interview)
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
    /// a fact present carries a safety-net: a red flag, or an infection
    /// that may be sepsis.
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
        // A red flag's, and also an infection that may be sepsis (a
        // contraindication with a safety-net of its own): whatever the
        // verdict, a fact present with a safety-net says what to do now.
        let nets = self
            .assessment
            .reasons
            .iter()
            .filter(|r| matches!(r.role, Role::Decisive | Role::AlsoPresent))
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
        self.record(subject, answer.clone())?;
        self.answers.push((subject, answer));
        Ok(())
    }

    fn record(&mut self, subject: Subject, answer: Answer) -> Result<(), Error> {
        let by = Reporter::of(self.audience);
        let mut b = self.presentation.to_builder();
        // Who answered, beside the fact (informational): also a patient's
        // no to a `both` fact, which leaves the fact unknown, so that the
        // clinician reads it as "not ruled out yet".
        if answer != Answer::Unknown {
            for fact in facts_of(subject, &answer, &self.presentation) {
                b = b.answered_by(fact, by);
            }
        }
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
                self.presentation = b.build()?;
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
            (Subject::Symptom(s), Answer::Yes) => b.symptom(s, Truth::Present),
            (Subject::Symptom(s), Answer::No) => b.symptom(s, Truth::Absent),
            // The patient has said where it hurts: every other place that
            // was not recorded is absent (docs/clinical-knowledge.md §7.5).
            (Subject::WhereItHurts, Answer::Places(chosen)) => {
                let mut b = b;
                for place in Symptom::places() {
                    if chosen.contains(place) {
                        b = b.symptom(place, Truth::Present);
                    } else if self.presentation.symptom(place) == Truth::Unknown {
                        b = b.symptom(place, Truth::Absent);
                    }
                }
                b
            }
            _ => return Err(wrong()),
        };
        self.presentation = b.build()?;
        self.assessment = assess(&self.presentation, self.policy);
        Ok(())
    }

    /// The next step for the interview's audience (`docs/decision-model.md`
    /// §10, `docs/clinical-knowledge.md` §7.5), or `None` when there is
    /// nothing more to ask (or a red flag stopped it: see
    /// [`safety_net`](Interview::safety_net)).
    ///
    /// For a patient: the red flags first; then where it hurts (the map);
    /// then the symptom that can change the most candidates' bands (ties
    /// by vocabulary order); then what the verdict needs, blocking first,
    /// each judged with the examination clear. Never a clinician-only
    /// fact. For a clinician: the blocking questions, then the questions
    /// that could move a candidate's band (the examination).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Answer, Audience, Interview, Policy, Presentation, Stage, Subject, Symptom};
    /// let policy = Policy::default();
    /// let mut interview = Interview::with_audience(Presentation::default(), &policy, Audience::Patient);
    /// while let Some(step) = interview.next_step() {
    ///     if step.stage != Stage::RedFlags {
    ///         break;
    ///     }
    ///     interview.answer(step.subject, Answer::No)?;
    /// }
    /// let map = interview.next_step().unwrap();
    /// assert_eq!(map.subject, Subject::WhereItHurts);
    /// assert_eq!(map.places.len(), 12);
    /// interview.answer(map.subject, Answer::Places(Symptom::PainUnderHeel.into()))?;
    /// assert_eq!(interview.next_step().unwrap().stage, Stage::Symptoms);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn next_step(&self) -> Option<Step> {
        if self.assessment.verdict == Verdict::ReferUrgently {
            return None;
        }
        // A patient who reported what needs help now is told so at once,
        // and asked nothing more (an infection that may be sepsis too).
        if self.audience == Audience::Patient && !self.safety_net().is_empty() {
            return None;
        }
        match self.audience {
            Audience::Patient => self.next_patient_step(),
            Audience::Clinician => self.next_clinician_step(),
        }
    }

    fn open(&self, subject: Subject) -> bool {
        !self.set_aside.contains(subject)
    }

    fn next_patient_step(&self) -> Option<Step> {
        let step =
            |subject, stage, blocking| Step::new(subject, stage, blocking, Audience::Patient);
        let clear = assess(&self.examination_clear(), self.policy);
        let asked = |q: &&Question| q.who.asks_patient() && self.open(q.finding);
        if let Some(q) = clear
            .questions
            .iter()
            .filter(asked)
            .find(|q| q.group == Group::RedFlag)
        {
            return Some(step(q.finding, Stage::RedFlags, q.blocking));
        }
        let places_unknown = Symptom::places()
            .iter()
            .any(|s| self.presentation.symptom(s) == Truth::Unknown);
        if places_unknown && self.open(Subject::WhereItHurts) {
            return Some(Step::where_it_hurts(Audience::Patient));
        }
        if let Some(s) = self.separating_symptom() {
            return Some(step(Subject::Symptom(s), Stage::Symptoms, false));
        }
        let details = clear.questions.iter().filter(asked);
        let mut details: Vec<&Question> = details.collect();
        details.sort_by_key(|q| !q.blocking);
        details
            .first()
            .map(|q| step(q.finding, Stage::Details, q.blocking))
    }

    /// The patient's symptom, still unknown and not set aside, whose
    /// answer can change the most candidates' bands; ties by vocabulary
    /// order. `None` when no answer can change a band.
    fn separating_symptom(&self) -> Option<Symptom> {
        let mut best: Option<(usize, Symptom)> = None;
        for s in Symptom::all() {
            if s.who() != Who::Patient
                || self.presentation.symptom(*s) != Truth::Unknown
                || !self.open(Subject::Symptom(*s))
            {
                continue;
            }
            let moved = crate::engine::bands_moved_by(&self.presentation, *s);
            if moved > 0 && best.map_or(true, |(n, _)| moved > n) {
                best = Some((moved, *s));
            }
        }
        best.map(|(_, s)| s)
    }

    fn next_clinician_step(&self) -> Option<Step> {
        let step =
            |subject, stage, blocking| Step::new(subject, stage, blocking, Audience::Clinician);
        if let Some(q) = self.next_question() {
            let stage = if q.group == Group::RedFlag {
                Stage::RedFlags
            } else {
                Stage::Details
            };
            return Some(step(q.finding, stage, true));
        }
        let candidates = &self.assessment.candidates;
        candidates
            .iter()
            .flat_map(|c| &c.questions)
            .filter_map(|q| match (q.symptom, &q.field) {
                (Some(s), _) => Some(Subject::Symptom(s)),
                (None, Some(field)) => field.parse::<Subject>().ok(),
                (None, None) => None,
            })
            .find(|subject| self.open(*subject))
            .map(|subject| {
                let stage = if subject.who() == Who::Clinician {
                    Stage::Examination
                } else {
                    Stage::Symptoms
                };
                step(subject, stage, false)
            })
    }

    /// What the clinician will still check, in a patient's words: said at
    /// the end of a patient's intake instead of any verdict
    /// (`docs/decision-model.md` §10).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Audience, Interview, Policy, Presentation};
    /// let policy = Policy::default();
    /// let interview = Interview::with_audience(Presentation::default(), &policy, Audience::Patient);
    /// let lines = interview.still_to_check();
    /// assert!(lines[0].contains("examine your foot"));
    /// ```
    #[must_use]
    pub fn still_to_check(&self) -> Vec<PatientText> {
        let mut lines = vec![PatientText::from_static(
            "Your clinician will go through your answers with you and examine your foot.",
        )];
        // What only an examination settles, and the warning signs a
        // patient can report but only a clinician rules out (a no, or not
        // sure, leaves them open: docs/decision-model.md §10), said without
        // naming each danger to a patient who has not reported it.
        let examination = self
            .assessment
            .questions
            .iter()
            .any(|q| q.who == Who::Clinician && matches!(q.finding, Subject::Finding(_)));
        let ask_again = self.assessment.questions.iter().any(|q| match q.finding {
            Subject::Finding(f) => {
                (f.who() == Who::Both || f.group() == FindingGroup::RedFlag)
                    && self.set_aside.contains(q.finding)
            }
            _ => false,
        });
        let any = examination || ask_again;
        if examination {
            lines.push(PatientText::from_static(
                "They will check a few things that only an examination can show.",
            ));
        }
        if ask_again {
            lines.push(PatientText::from_static(
                "They will ask again about some warning signs, because only an examination can rule them out.",
            ));
        }
        if self.presentation.conditions().is_none() {
            lines.push(PatientText::from_static(
                "They will work out which foot problem is causing your pain.",
            ));
        }
        if any {
            lines.push(PatientText::from_static(
                "They check these to be safe. It does not mean they expect to find anything.",
            ));
        }
        lines
    }

    /// The answers given so far, in order (a patient's summary of what
    /// they said; see [`Answer::patient_words`]).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Answer, Interview, Policy, Presentation, Subject};
    /// let policy = Policy::default();
    /// let mut interview = Interview::new(Presentation::default(), &policy);
    /// interview.answer(Subject::AgeYears, Answer::Number(61))?;
    /// assert_eq!(interview.answers(), [(Subject::AgeYears, Answer::Number(61))]);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn answers(&self) -> &[(Subject, Answer)] {
        &self.answers
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
