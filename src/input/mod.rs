//! The input: one patient's foot problem, validated once.

mod answered;
mod builder;
mod list;
mod raw;

use enumset::EnumSet;

use crate::error::{Error, Inconsistency};
use crate::truth::Truth;
use crate::units::{AgeYears, PainScore, Weeks};
use crate::vocabulary::{
    Allergy, Condition, ConservativeCare, Finding, MedicationClass, Reporter, Sex, Side, Symptom,
};

pub use answered::{FactName, Field};
pub use builder::PresentationBuilder;

use answered::AnsweredBy;
pub use list::ClassList;

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
/// assert_eq!(p.medications().map(|m| m.present().len()), Some(0)); // known: none
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
    medications: Option<ClassList<MedicationClass>>,
    allergies: Option<ClassList<Allergy>>,
    symptoms_present: EnumSet<Symptom>,
    symptoms_absent: EnumSet<Symptom>,
    answered_by: AnsweredBy,
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

    /// The medication list as recorded (closed or open); `None` when not
    /// recorded at all, which leaves every class unknown.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{MedicationClass, Presentation, Truth};
    /// let p = Presentation::from_json(r#"{"medications": {"anticoagulant": "present"}}"#)?;
    /// let list = p.medications().expect("recorded");
    /// assert!(list.is_open());
    /// assert_eq!(list.truth(MedicationClass::Nsaid), Truth::Unknown);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn medications(&self) -> Option<ClassList<MedicationClass>> {
        self.medications
    }

    /// Whether the patient takes a medication of this class: `unknown`
    /// unless a closed list settles it or an open list names it.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{MedicationClass, Presentation, Truth};
    /// let none: [MedicationClass; 0] = [];
    /// let p = Presentation::builder().medications(none).build()?;
    /// assert_eq!(p.medication(MedicationClass::Nsaid), Truth::Absent);
    /// assert_eq!(Presentation::default().medication(MedicationClass::Nsaid), Truth::Unknown);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn medication(&self, class: MedicationClass) -> Truth {
        self.medications
            .map_or(Truth::Unknown, |list| list.truth(class))
    }

    /// The allergy list as recorded (closed or open); `None` when not
    /// recorded at all, which leaves every allergy unknown.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, Presentation};
    /// let p = Presentation::builder().allergies([Allergy::Corn]).build()?;
    /// assert!(p.allergies().is_some_and(|a| a.present().contains(Allergy::Corn)));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn allergies(&self) -> Option<ClassList<Allergy>> {
        self.allergies
    }

    /// Whether the patient has this allergy: `unknown` unless a closed
    /// list settles it or an open list names it.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, Presentation, Truth};
    /// let p = Presentation::from_json(r#"{"allergies": {"corn": "absent"}}"#)?;
    /// assert_eq!(p.allergy(Allergy::Corn), Truth::Absent);
    /// assert_eq!(p.allergy(Allergy::Dextrose), Truth::Unknown);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn allergy(&self, allergy: Allergy) -> Truth {
        self.allergies
            .map_or(Truth::Unknown, |list| list.truth(allergy))
    }

    /// A symptom as recorded (contract v3): `unknown` unless recorded
    /// present or absent. Symptoms never change the verdict; the candidate
    /// conditions read them.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Presentation, Symptom, Truth};
    /// let p = Presentation::from_json(r#"{"symptoms": {"first_step_pain": "present"}}"#)?;
    /// assert_eq!(p.symptom(Symptom::FirstStepPain), Truth::Present);
    /// assert_eq!(p.symptom(Symptom::PainUnderHeel), Truth::Unknown);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn symptom(&self, symptom: Symptom) -> Truth {
        if self.symptoms_present.contains(symptom) {
            Truth::Present
        } else if self.symptoms_absent.contains(symptom) {
            Truth::Absent
        } else {
            Truth::Unknown
        }
    }

    /// The symptoms recorded present or absent, in vocabulary order.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Presentation, Symptom, Truth};
    /// let p = Presentation::builder().symptom(Symptom::PainBunion, Truth::Absent).build()?;
    /// assert_eq!(p.symptoms().collect::<Vec<_>>(), [(Symptom::PainBunion, Truth::Absent)]);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn symptoms(&self) -> impl Iterator<Item = (Symptom, Truth)> + '_ {
        (self.symptoms_present | self.symptoms_absent)
            .iter()
            .map(move |s| (s, self.symptom(s)))
    }

    /// Who answered a fact, when recorded (`answered_by`, contract v3
    /// §10): informational, shown beside the fact, never read by the
    /// rules.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{FactName, Finding, Presentation, Reporter};
    /// let p = Presentation::from_json(r#"{"answered_by": {"fever": "patient"}}"#)?;
    /// assert_eq!(p.answered_by(FactName::Finding(Finding::Fever)), Some(Reporter::Patient));
    /// assert_eq!(p.answered_by(FactName::Finding(Finding::Diabetes)), None);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn answered_by(&self, fact: FactName) -> Option<Reporter> {
        self.answered_by.get(fact)
    }

    /// Every `answered_by` entry, sorted by the fact's path.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{FactName, Presentation, Reporter, Symptom};
    /// let p = Presentation::builder()
    ///     .answered_by(FactName::Symptom(Symptom::FirstStepPain), Reporter::Patient)
    ///     .build()?;
    /// assert_eq!(p.answers_by().len(), 1);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn answers_by(&self) -> Vec<(FactName, Reporter)> {
        self.answered_by.entries()
    }

    /// Checks the rules that span fields; every constructor ends here.
    fn checked(self) -> Result<Presentation, Error> {
        if let (Some(symptoms), Some(care)) = (self.symptom_weeks, self.conservative_care_weeks) {
            if symptoms < care {
                return Err(Error::Inconsistent {
                    path: "symptom_weeks".into(),
                    cause: Inconsistency::SymptomsShorterThanCare {
                        symptom_weeks: symptoms.get(),
                        conservative_care_weeks: care.get(),
                    },
                });
            }
        }
        if self.sex == Some(Sex::Male) && self.present.contains(Finding::Pregnancy) {
            return Err(Error::Inconsistent {
                path: "findings.pregnancy".into(),
                cause: Inconsistency::PregnancyWithSexMale,
            });
        }
        Ok(self)
    }
}
