//! Building a presentation from typed values, checked as the wire format
//! is.

use super::answered::FactName;
use super::{ClassList, Presentation};
use crate::error::Error;
use crate::truth::Truth;
use crate::units::{AgeYears, PainScore, Weeks};
use crate::vocabulary::Reporter;
use crate::vocabulary::{
    Allergy, Condition, ConservativeCare, Finding, MedicationClass, Sex, Side, Symptom,
};

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
    pub(super) age_years: Option<i64>,
    pub(super) symptom_weeks: Option<i64>,
    pub(super) conservative_care_weeks: Option<i64>,
    pub(super) pain_score: Option<i64>,
    pub(super) partial: Presentation,
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

    /// Records who answered a fact (`answered_by`, contract v3 §10);
    /// informational: the rules never read it.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{FactName, Finding, Presentation, Reporter};
    /// let fever = FactName::Finding(Finding::Fever);
    /// let p = Presentation::builder().answered_by(fever, Reporter::Clinician).build()?;
    /// assert_eq!(p.answered_by(fever), Some(Reporter::Clinician));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn answered_by(mut self, fact: FactName, by: Reporter) -> Self {
        self.partial.answered_by.set(fact, Some(by));
        self
    }

    /// Forgets who answered a fact (when the answer is taken back).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{FactName, Finding, Presentation, Reporter};
    /// let fever = FactName::Finding(Finding::Fever);
    /// let p = Presentation::builder().answered_by(fever, Reporter::Patient).build()?;
    /// let p = p.to_builder().clear_answered_by(fever).build()?;
    /// assert_eq!(p.answered_by(fever), None);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn clear_answered_by(mut self, fact: FactName) -> Self {
        self.partial.answered_by.set(fact, None);
        self
    }

    /// Records a symptom (contract v3); `Truth::Unknown` clears it.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Presentation, Symptom, Truth};
    /// let p = Presentation::builder()
    ///     .symptom(Symptom::FirstStepPain, Truth::Present)
    ///     .build()?;
    /// assert_eq!(p.symptom(Symptom::FirstStepPain), Truth::Present);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn symptom(mut self, symptom: Symptom, truth: Truth) -> Self {
        self.partial.symptoms_present.remove(symptom);
        self.partial.symptoms_absent.remove(symptom);
        match truth {
            Truth::Present => self.partial.symptoms_present.insert(symptom),
            Truth::Absent => self.partial.symptoms_absent.insert(symptom),
            Truth::Unknown => false,
        };
        self
    }

    /// Sets the medication classes taken as a closed list: exactly these,
    /// none other; an empty list means none.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{MedicationClass, Presentation, Truth};
    /// let p = Presentation::builder()
    ///     .medications([MedicationClass::Anticoagulant])
    ///     .build()?;
    /// assert_eq!(p.medication(MedicationClass::Anticoagulant), Truth::Present);
    /// assert_eq!(p.medication(MedicationClass::Nsaid), Truth::Absent);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn medications(mut self, medications: impl IntoIterator<Item = MedicationClass>) -> Self {
        self.partial.medications = Some(ClassList::closed(medications));
        self
    }

    /// Sets one medication class, which makes the list open (contract v2):
    /// the classes never set stay unknown. On a closed list set before, the
    /// classes it settled keep their values.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{MedicationClass, Presentation, Truth};
    /// let p = Presentation::builder()
    ///     .medication(MedicationClass::Anticoagulant, Truth::Present)
    ///     .build()?;
    /// assert_eq!(p.medication(MedicationClass::Anticoagulant), Truth::Present);
    /// assert_eq!(p.medication(MedicationClass::Nsaid), Truth::Unknown);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn medication(mut self, class: MedicationClass, truth: Truth) -> Self {
        let list = self.partial.medications.unwrap_or(ClassList::open([]));
        self.partial.medications = Some(list.with(class, truth));
        self
    }

    /// Sets the medication list in either form, as a [`ClassList`].
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{ClassList, MedicationClass, Presentation, Truth};
    /// let list = ClassList::open([(MedicationClass::Anticoagulant, Truth::Present)]);
    /// let p = Presentation::builder().medication_list(list).build()?;
    /// assert_eq!(p.medications(), Some(list));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn medication_list(mut self, list: ClassList<MedicationClass>) -> Self {
        self.partial.medications = Some(list);
        self
    }

    /// Sets the allergies as a closed list; an empty list means none.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, Presentation, Truth};
    /// let p = Presentation::builder()
    ///     .allergies([])
    ///     .build()?;
    /// assert_eq!(p.allergy(Allergy::Corn), Truth::Absent);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn allergies(mut self, allergies: impl IntoIterator<Item = Allergy>) -> Self {
        self.partial.allergies = Some(ClassList::closed(allergies));
        self
    }

    /// Sets the allergy list in either form, as a [`ClassList`].
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, ClassList, Presentation};
    /// let p = Presentation::builder().allergy_list(ClassList::closed([Allergy::Corn])).build()?;
    /// assert_eq!(p.allergies(), Some(ClassList::closed([Allergy::Corn])));
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn allergy_list(mut self, list: ClassList<Allergy>) -> Self {
        self.partial.allergies = Some(list);
        self
    }

    /// Sets one allergy, which makes the list open (the allergies never set
    /// stay unknown).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, Presentation, Truth};
    /// let p = Presentation::builder().allergy(Allergy::Corn, Truth::Absent).build()?;
    /// assert_eq!(p.allergy(Allergy::Corn), Truth::Absent);
    /// assert_eq!(p.allergy(Allergy::Dextrose), Truth::Unknown);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    pub fn allergy(mut self, allergy: Allergy, truth: Truth) -> Self {
        let list = self.partial.allergies.unwrap_or(ClassList::open([]));
        self.partial.allergies = Some(list.with(allergy, truth));
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
