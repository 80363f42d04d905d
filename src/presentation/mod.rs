//! The input: one patient's foot problem, validated once.

mod raw;

use enumset::EnumSet;

use crate::condition::Condition;
use crate::error::Error;
use crate::finding::Finding;
use crate::medication::{Allergy, MedicationClass};
use crate::patient::{ConservativeCare, Sex, Side};
use crate::truth::Truth;
use crate::units::{AgeYears, PainScore, Weeks};

/// One patient's foot problem, validated: every value in range, every name
/// from its vocabulary, no duplicates, no contradictions.
///
/// Build it from the wire format (`serde_json::from_str`, or
/// [`assess_json`](crate::assess_json) directly) or with
/// [`Presentation::builder`]. A missing field is unknown, never a default;
/// see the crate documentation for the wire format.
///
/// # Example
///
/// ```
/// use prolo_triage::{Condition, Finding, Presentation, Truth};
///
/// let p: Presentation = serde_json::from_str(r#"{
///     "age_years": 47,
///     "conditions": ["plantar_fasciitis"],
///     "findings": {"fever": "absent"},
///     "medications": []
/// }"#)?;
/// assert_eq!(p.age_years().map(|a| a.get()), Some(47));
/// assert_eq!(p.finding(Finding::Fever), Truth::Absent);
/// assert_eq!(p.finding(Finding::Diabetes), Truth::Unknown);
/// assert_eq!(p.medications().map(|m| m.len()), Some(0)); // known: none
/// assert_eq!(p.allergies(), None); // not recorded: unknown
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Presentation {
    age_years: Option<AgeYears>,
    sex: Option<Sex>,
    conditions: Option<EnumSet<Condition>>,
    side: Option<Side>,
    symptom_weeks: Option<Weeks>,
    conservative_care_weeks: Option<Weeks>,
    conservative_care: Option<EnumSet<ConservativeCare>>,
    pain_score: Option<PainScore>,
    present: EnumSet<Finding>,
    absent: EnumSet<Finding>,
    medications: Option<EnumSet<MedicationClass>>,
    allergies: Option<EnumSet<Allergy>>,
}

impl Presentation {
    /// Starts a presentation for Rust callers that do not come through
    /// JSON; every fact not set stays unknown.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Condition, Finding, MedicationClass, Presentation, Truth};
    ///
    /// let p = Presentation::builder()
    ///     .age_years(38)
    ///     .condition(Condition::HeelPain)
    ///     .symptom_weeks(30)
    ///     .conservative_care_weeks(20)
    ///     .finding(Finding::Fever, Truth::Absent)
    ///     .medications([MedicationClass::Nsaid])
    ///     .build()?;
    /// assert_eq!(p.symptom_weeks().map(|w| w.get()), Some(30));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn builder() -> PresentationBuilder {
        PresentationBuilder::default()
    }

    /// A builder holding this presentation, to change some facts and build
    /// again (the checks run again on `build`).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Finding, Presentation, Truth};
    /// let p = Presentation::from_json(r#"{"age_years": 50}"#)?;
    /// let q = p.to_builder().finding(Finding::Fever, Truth::Absent).build()?;
    /// assert_eq!((q.age_years(), q.finding(Finding::Fever)), (p.age_years(), Truth::Absent));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn to_builder(&self) -> PresentationBuilder {
        let number = |n: Option<u16>| n.map(i64::from);
        PresentationBuilder {
            age_years: number(self.age_years.map(AgeYears::get)),
            symptom_weeks: number(self.symptom_weeks.map(Weeks::get)),
            conservative_care_weeks: number(self.conservative_care_weeks.map(Weeks::get)),
            pain_score: number(self.pain_score.map(PainScore::get)),
            partial: *self,
        }
    }

    /// Age in years, if recorded.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Presentation;
    /// assert_eq!(Presentation::default().age_years(), None);
    /// ```
    #[must_use]
    pub fn age_years(&self) -> Option<AgeYears> {
        self.age_years
    }

    /// Sex, if recorded.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Presentation, Sex};
    /// let p = Presentation::builder().sex(Sex::Male).build()?;
    /// assert_eq!(p.sex(), Some(Sex::Male));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn sex(&self) -> Option<Sex> {
        self.sex
    }

    /// The diagnosed conditions; `None` when the diagnosis is unknown.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Condition, Presentation};
    /// let p = Presentation::builder().condition(Condition::BunionPain).build()?;
    /// assert!(p.conditions().is_some_and(|c| c.contains(Condition::BunionPain)));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn conditions(&self) -> Option<EnumSet<Condition>> {
        self.conditions
    }

    /// The side, if recorded.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Presentation, Side};
    /// assert_eq!(Presentation::builder().side(Side::Left).build()?.side(), Some(Side::Left));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn side(&self) -> Option<Side> {
        self.side
    }

    /// How long the symptoms have lasted, if recorded.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Presentation;
    /// let p = Presentation::builder().symptom_weeks(26).build()?;
    /// assert_eq!(p.symptom_weeks().map(|w| w.get()), Some(26));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn symptom_weeks(&self) -> Option<Weeks> {
        self.symptom_weeks
    }

    /// Weeks of guideline-based conservative care already tried, if
    /// recorded.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Presentation;
    /// let p = Presentation::builder().conservative_care_weeks(6).build()?;
    /// assert_eq!(p.conservative_care_weeks().map(|w| w.get()), Some(6));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn conservative_care_weeks(&self) -> Option<Weeks> {
        self.conservative_care_weeks
    }

    /// The kinds of conservative care tried, if recorded.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{ConservativeCare, Presentation};
    /// let p = Presentation::builder().conservative_care([ConservativeCare::Taping]).build()?;
    /// assert_eq!(p.conservative_care().map(|c| c.len()), Some(1));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn conservative_care(&self) -> Option<EnumSet<ConservativeCare>> {
        self.conservative_care
    }

    /// Pain on the 0–10 scale, if recorded.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Presentation;
    /// assert_eq!(Presentation::builder().pain_score(6).build()?.pain_score().map(|p| p.get()), Some(6));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn pain_score(&self) -> Option<PainScore> {
        self.pain_score
    }

    /// A finding as recorded: `unknown` unless recorded present or absent.
    /// (The engine also reads `sex`: a male patient is not pregnant.)
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Finding, Presentation, Truth};
    /// let p = Presentation::builder().finding(Finding::Diabetes, Truth::Present).build()?;
    /// assert_eq!(p.finding(Finding::Diabetes), Truth::Present);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn finding(&self, finding: Finding) -> Truth {
        if self.present.contains(finding) {
            Truth::Present
        } else if self.absent.contains(finding) {
            Truth::Absent
        } else {
            Truth::Unknown
        }
    }

    /// The findings recorded present or absent, in vocabulary order.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Finding, Presentation, Truth};
    /// let p = Presentation::builder().finding(Finding::Fever, Truth::Absent).build()?;
    /// assert_eq!(p.findings().collect::<Vec<_>>(), [(Finding::Fever, Truth::Absent)]);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn findings(&self) -> impl Iterator<Item = (Finding, Truth)> + '_ {
        (self.present | self.absent)
            .iter()
            .map(move |f| (f, self.finding(f)))
    }

    /// The findings recorded present.
    pub(crate) fn present_findings(&self) -> EnumSet<Finding> {
        self.present
    }

    /// The findings recorded absent.
    pub(crate) fn absent_findings(&self) -> EnumSet<Finding> {
        self.absent
    }

    /// The medication classes taken; `None` when not recorded (unknown),
    /// an empty set when recorded as none.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Presentation;
    /// let none: [prolo_triage::MedicationClass; 0] = [];
    /// assert_eq!(Presentation::builder().medications(none).build()?.medications().map(|m| m.len()), Some(0));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn medications(&self) -> Option<EnumSet<MedicationClass>> {
        self.medications
    }

    /// The allergies; `None` when not recorded (unknown), an empty set when
    /// recorded as none.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, Presentation};
    /// let p = Presentation::builder().allergies([Allergy::Corn]).build()?;
    /// assert!(p.allergies().is_some_and(|a| a.contains(Allergy::Corn)));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn allergies(&self) -> Option<EnumSet<Allergy>> {
        self.allergies
    }

    /// Checks the rules that span fields; every constructor ends here.
    fn checked(self) -> Result<Presentation, Error> {
        if let (Some(symptoms), Some(care)) = (self.symptom_weeks, self.conservative_care_weeks) {
            if symptoms < care {
                return Err(Error::Inconsistent {
                    path: "symptom_weeks".into(),
                    problem: format!(
                        "{} weeks of symptoms is less than the {} weeks of conservative_care_weeks; expected symptom_weeks >= conservative_care_weeks",
                        symptoms.get(),
                        care.get()
                    ),
                });
            }
        }
        if self.sex == Some(Sex::Male) && self.present.contains(Finding::Pregnancy) {
            return Err(Error::Inconsistent {
                path: "findings.pregnancy".into(),
                problem:
                    "present contradicts sex `male`; record sex `other` or correct the finding"
                        .into(),
            });
        }
        Ok(self)
    }
}

/// Builds a [`Presentation`] from typed values; [`build`](Self::build)
/// checks ranges and consistency exactly as the wire format does. Setting a
/// value twice keeps the last; lists are sets, so repeating an entry is
/// harmless.
///
/// # Example
///
/// ```
/// use prolo_triage::{ErrorKind, Presentation};
/// let err = Presentation::builder().symptom_weeks(4).conservative_care_weeks(6).build().unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Inconsistent);
/// assert_eq!(err.path(), "symptom_weeks");
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct PresentationBuilder {
    age_years: Option<i64>,
    symptom_weeks: Option<i64>,
    conservative_care_weeks: Option<i64>,
    pain_score: Option<i64>,
    partial: Presentation,
}

impl PresentationBuilder {
    /// Sets the age in years (0–130).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Presentation};
    /// let p = Presentation::builder()
    ///     .age_years(47)
    ///     .build()?;
    /// assert_eq!(p.age_years().map(|a| a.get()), Some(47));
    /// assert!(Presentation::builder().age_years(131).build().is_err());
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn age_years(mut self, years: u32) -> Self {
        self.age_years = Some(i64::from(years));
        self
    }

    /// Sets the sex.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Presentation, Sex};
    /// let p = Presentation::builder()
    ///     .sex(Sex::Female)
    ///     .build()?;
    /// assert_eq!(p.sex(), Some(Sex::Female));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn sex(mut self, sex: Sex) -> Self {
        self.partial.sex = Some(sex);
        self
    }

    /// Adds a diagnosed condition (the diagnosis becomes known).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Condition, Presentation};
    /// let p = Presentation::builder()
    ///     .condition(Condition::PlantarFasciitis)
    ///     .condition(Condition::FallenArch)
    ///     .build()?;
    /// assert_eq!(p.conditions().map(|c| c.len()), Some(2));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn condition(mut self, condition: Condition) -> Self {
        self.partial.conditions = Some(self.partial.conditions.unwrap_or_default() | condition);
        self
    }

    /// Sets the diagnosed conditions; an empty list means no foot condition.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Condition, Presentation};
    /// let p = Presentation::builder()
    ///     .conditions([])
    ///     .build()?;
    /// // Known: no foot condition (not unknown).
    /// assert_eq!(p.conditions().map(|c| c.is_empty()), Some(true));
    /// let _ = Condition::Other;
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn conditions(mut self, conditions: impl IntoIterator<Item = Condition>) -> Self {
        self.partial.conditions = Some(conditions.into_iter().collect());
        self
    }

    /// Sets the side.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Presentation, Side};
    /// let p = Presentation::builder()
    ///     .side(Side::Left)
    ///     .build()?;
    /// assert_eq!(p.side(), Some(Side::Left));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn side(mut self, side: Side) -> Self {
        self.partial.side = Some(side);
        self
    }

    /// Sets how long the symptoms have lasted (0–5200 weeks).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Presentation};
    /// let p = Presentation::builder()
    ///     .symptom_weeks(26)
    ///     .build()?;
    /// assert_eq!(p.symptom_weeks().map(|w| w.get()), Some(26));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn symptom_weeks(mut self, weeks: u32) -> Self {
        self.symptom_weeks = Some(i64::from(weeks));
        self
    }

    /// Sets the weeks of conservative care tried (0–5200, at most
    /// `symptom_weeks`).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Presentation};
    /// let p = Presentation::builder()
    ///     .symptom_weeks(26)
    ///     .conservative_care_weeks(12)
    ///     .build()?;
    /// assert_eq!(p.conservative_care_weeks().map(|w| w.get()), Some(12));
    /// // Care cannot outlast the symptoms.
    /// assert!(Presentation::builder().symptom_weeks(4).conservative_care_weeks(8).build().is_err());
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn conservative_care_weeks(mut self, weeks: u32) -> Self {
        self.conservative_care_weeks = Some(i64::from(weeks));
        self
    }

    /// Sets the kinds of conservative care tried.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{ConservativeCare, Presentation};
    /// let p = Presentation::builder()
    ///     .conservative_care(ConservativeCare::all().iter().copied())
    ///     .build()?;
    /// assert_eq!(p.conservative_care().map(|c| c.len()), Some(ConservativeCare::all().len()));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn conservative_care(mut self, care: impl IntoIterator<Item = ConservativeCare>) -> Self {
        self.partial.conservative_care = Some(care.into_iter().collect());
        self
    }

    /// Sets the pain score (0–10).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Presentation};
    /// let p = Presentation::builder()
    ///     .pain_score(7)
    ///     .build()?;
    /// assert_eq!(p.pain_score().map(|s| s.get()), Some(7));
    /// assert!(Presentation::builder().pain_score(11).build().is_err());
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn pain_score(mut self, score: u32) -> Self {
        self.pain_score = Some(i64::from(score));
        self
    }

    /// Records a finding; `Truth::Unknown` clears it.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Finding, Presentation, Truth};
    /// let p = Presentation::builder()
    ///     .finding(Finding::Fever, Truth::Absent)
    ///     .finding(Finding::Diabetes, Truth::Present)
    ///     .finding(Finding::Diabetes, Truth::Unknown)
    ///     .build()?;
    /// assert_eq!(p.finding(Finding::Fever), Truth::Absent);
    /// assert_eq!(p.finding(Finding::Diabetes), Truth::Unknown);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn finding(mut self, finding: Finding, truth: Truth) -> Self {
        self.partial.present.remove(finding);
        self.partial.absent.remove(finding);
        match truth {
            Truth::Present => self.partial.present.insert(finding),
            Truth::Absent => self.partial.absent.insert(finding),
            Truth::Unknown => false,
        };
        self
    }

    /// Sets the medication classes taken; an empty list means none.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{MedicationClass, Presentation};
    /// let p = Presentation::builder()
    ///     .medications([MedicationClass::Anticoagulant])
    ///     .build()?;
    /// assert_eq!(p.medications().map(|m| m.contains(MedicationClass::Anticoagulant)), Some(true));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn medications(mut self, medications: impl IntoIterator<Item = MedicationClass>) -> Self {
        self.partial.medications = Some(medications.into_iter().collect());
        self
    }

    /// Sets the allergies; an empty list means none.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Presentation};
    /// let p = Presentation::builder()
    ///     .allergies([])
    ///     .build()?;
    /// assert_eq!(p.allergies().map(|a| a.is_empty()), Some(true));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn allergies(mut self, allergies: impl IntoIterator<Item = Allergy>) -> Self {
        self.partial.allergies = Some(allergies.into_iter().collect());
        self
    }

    /// Checks and returns the presentation.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for a number outside its range,
    /// [`Error::Inconsistent`] when `symptom_weeks` is less than
    /// `conservative_care_weeks` or pregnancy is present with sex male.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{ErrorKind, Finding, Presentation, Sex, Truth};
    /// let e = Presentation::builder()
    ///     .sex(Sex::Male)
    ///     .finding(Finding::Pregnancy, Truth::Present)
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(e.kind(), ErrorKind::Inconsistent);
    /// assert!(Presentation::builder().build().is_ok()); // nothing known is valid
    /// ```
    pub fn build(self) -> Result<Presentation, Error> {
        let mut p = self.partial;
        p.age_years = AgeYears::checked_opt("age_years", self.age_years)?;
        p.symptom_weeks = Weeks::checked_opt("symptom_weeks", self.symptom_weeks)?;
        p.conservative_care_weeks =
            Weeks::checked_opt("conservative_care_weeks", self.conservative_care_weeks)?;
        p.pain_score = PainScore::checked_opt("pain_score", self.pain_score)?;
        p.checked()
    }
}
