//! The input: one patient's foot problem, validated once.

use enumset::{EnumSet, EnumSetType};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use strum::{Display, EnumCount, EnumIter, EnumString, IntoStaticStr, VariantArray};

use crate::condition::Condition;
use crate::error::Error;
use crate::finding::Finding;
use crate::medication::{Allergy, MedicationClass};
use crate::truth::Truth;
use crate::vocabulary::vocabulary;
use crate::wire::{self, Entries};

/// Sex as recorded. `male` settles `pregnancy` as absent when it is not
/// recorded.
///
/// # Example
///
/// ```
/// use prolo_triage::Sex;
/// assert_eq!("female".parse::<Sex>(), Ok(Sex::Female));
/// assert_eq!(Sex::all().len(), 3);
/// ```
#[derive(
    Debug,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    EnumCount,
    IntoStaticStr,
    VariantArray,
    EnumSetType,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Sex {
    /// Female.
    Female,
    /// Male.
    Male,
    /// Other.
    Other,
}

vocabulary!(Sex);

/// The side of the problem (informational).
///
/// # Example
///
/// ```
/// use prolo_triage::Side;
/// assert_eq!(Side::Both.as_str(), "both");
/// ```
#[derive(
    Debug,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    EnumCount,
    IntoStaticStr,
    VariantArray,
    EnumSetType,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Side {
    /// Left foot.
    Left,
    /// Right foot.
    Right,
    /// Both feet.
    Both,
}

vocabulary!(Side);

/// A kind of guideline-based conservative care already tried
/// (informational; the verdict rests on `conservative_care_weeks`).
///
/// # Example
///
/// ```
/// use prolo_triage::ConservativeCare;
/// assert_eq!(ConservativeCare::all().len(), 12);
/// assert_eq!("night_splint".parse(), Ok(ConservativeCare::NightSplint));
/// ```
#[derive(
    Debug,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    EnumCount,
    IntoStaticStr,
    VariantArray,
    EnumSetType,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum ConservativeCare {
    /// Stretching.
    Stretching,
    /// Eccentric loading exercise.
    EccentricLoading,
    /// Orthoses.
    Orthoses,
    /// Taping.
    Taping,
    /// Night splint.
    NightSplint,
    /// Footwear changes.
    Footwear,
    /// Physical therapy.
    PhysicalTherapy,
    /// Weight management.
    WeightManagement,
    /// Rest.
    Rest,
    /// NSAIDs.
    Nsaids,
    /// Shockwave therapy.
    Shockwave,
    /// Corticosteroid injection.
    CorticosteroidInjection,
}

vocabulary!(ConservativeCare);

macro_rules! bounded {
    ($(#[$doc:meta])* $name:ident($int:ty), max = $max:expr, example = $ok:expr, $bad:expr) => {
        $(#[$doc])*
        ///
        /// # Example
        ///
        /// ```
        #[doc = concat!("use prolo_triage::", stringify!($name), ";")]
        #[doc = concat!("assert_eq!(", stringify!($name), "::new(", stringify!($ok), ").map(|v| v.get()), Some(", stringify!($ok), "));")]
        #[doc = concat!("assert_eq!(", stringify!($name), "::new(", stringify!($bad), "), None);")]
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name($int);

        impl $name {
            /// The largest value allowed.
            pub const MAX: $int = $max;

            /// The value, if it is within `0..=MAX`.
            #[must_use]
            pub fn new(value: u32) -> Option<$name> {
                <$int>::try_from(value).ok().filter(|v| *v <= Self::MAX).map($name)
            }

            /// The number.
            #[must_use]
            pub const fn get(self) -> $int {
                self.0
            }
        }
    };
}

bounded!(
    /// Age in whole years, 0–130.
    AgeYears(u16), max = 130, example = 47, 131
);
bounded!(
    /// A duration in whole weeks, 0–5200 (a hundred years).
    Weeks(u16), max = 5200, example = 12, 5201
);
bounded!(
    /// Pain on the 0–10 numeric rating scale.
    PainScore(u16), max = 10, example = 7, 11
);

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
    age_years: Option<u32>,
    symptom_weeks: Option<u32>,
    conservative_care_weeks: Option<u32>,
    pain_score: Option<u32>,
    partial: Presentation,
}

impl PresentationBuilder {
    /// Sets the age in years (0–130).
    pub fn age_years(mut self, years: u32) -> Self {
        self.age_years = Some(years);
        self
    }

    /// Sets the sex.
    pub fn sex(mut self, sex: Sex) -> Self {
        self.partial.sex = Some(sex);
        self
    }

    /// Adds a diagnosed condition (the diagnosis becomes known).
    pub fn condition(mut self, condition: Condition) -> Self {
        self.partial.conditions = Some(self.partial.conditions.unwrap_or_default() | condition);
        self
    }

    /// Sets the diagnosed conditions; an empty list means no foot condition.
    pub fn conditions(mut self, conditions: impl IntoIterator<Item = Condition>) -> Self {
        self.partial.conditions = Some(conditions.into_iter().collect());
        self
    }

    /// Sets the side.
    pub fn side(mut self, side: Side) -> Self {
        self.partial.side = Some(side);
        self
    }

    /// Sets how long the symptoms have lasted (0–5200 weeks).
    pub fn symptom_weeks(mut self, weeks: u32) -> Self {
        self.symptom_weeks = Some(weeks);
        self
    }

    /// Sets the weeks of conservative care tried (0–5200, at most
    /// `symptom_weeks`).
    pub fn conservative_care_weeks(mut self, weeks: u32) -> Self {
        self.conservative_care_weeks = Some(weeks);
        self
    }

    /// Sets the kinds of conservative care tried.
    pub fn conservative_care(mut self, care: impl IntoIterator<Item = ConservativeCare>) -> Self {
        self.partial.conservative_care = Some(care.into_iter().collect());
        self
    }

    /// Sets the pain score (0–10).
    pub fn pain_score(mut self, score: u32) -> Self {
        self.pain_score = Some(score);
        self
    }

    /// Records a finding; `Truth::Unknown` clears it.
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
    pub fn medications(mut self, medications: impl IntoIterator<Item = MedicationClass>) -> Self {
        self.partial.medications = Some(medications.into_iter().collect());
        self
    }

    /// Sets the allergies; an empty list means none.
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
    pub fn build(self) -> Result<Presentation, Error> {
        let number = |path: &str, value: Option<u32>, max: u16| -> Result<Option<u16>, Error> {
            value
                .map(|v| wire::in_range(path, i64::from(v), 0, max))
                .transpose()
        };
        let mut p = self.partial;
        p.age_years = number("age_years", self.age_years, AgeYears::MAX)?.map(AgeYears);
        p.symptom_weeks = number("symptom_weeks", self.symptom_weeks, Weeks::MAX)?.map(Weeks);
        p.conservative_care_weeks = number(
            "conservative_care_weeks",
            self.conservative_care_weeks,
            Weeks::MAX,
        )?
        .map(Weeks);
        p.pain_score = number("pain_score", self.pain_score, PainScore::MAX)?.map(PainScore);
        p.checked()
    }
}

/// The wire format as written, before validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFields {
    age_years: Option<i64>,
    sex: Option<String>,
    conditions: Option<Vec<String>>,
    side: Option<String>,
    symptom_weeks: Option<i64>,
    conservative_care_weeks: Option<i64>,
    conservative_care: Option<Vec<String>>,
    pain_score: Option<i64>,
    findings: Option<Entries>,
    medications: Option<Vec<String>>,
    allergies: Option<Vec<String>>,
}

/// The raw wire struct, read from a JSON object only.
#[derive(Debug)]
pub(crate) struct RawPresentation(RawFields);

impl<'de> Deserialize<'de> for RawPresentation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        wire::object(deserializer, "a JSON object (a presentation)").map(RawPresentation)
    }
}

/// What each field of the wire format holds, for error messages.
pub(crate) fn expected(path: &str) -> Option<&'static str> {
    let field = path.split(['.', '[']).next().unwrap_or(path);
    let item = path.contains('.') || path.contains('[');
    Some(match (field, item) {
        ("document", _) => "a JSON object (a presentation)",
        ("age_years", _) => "an integer from 0 to 130",
        ("sex", _) => "one of female, male, other",
        ("side", _) => "one of left, right, both",
        ("symptom_weeks" | "conservative_care_weeks", _) => "an integer from 0 to 5200",
        ("pain_score", _) => "an integer from 0 to 10",
        ("conditions", false) => "a list of condition names",
        ("conservative_care", false) => "a list of conservative care names",
        ("medications", false) => "a list of medication classes ([] means none)",
        ("allergies", false) => "a list of allergies ([] means none)",
        ("conditions" | "conservative_care" | "medications" | "allergies", true) => {
            "a name (string)"
        }
        ("findings", false) => "an object of finding names to present, absent or unknown",
        ("findings", true) => "one of present, absent, unknown",
        _ => return None,
    })
}

impl TryFrom<RawPresentation> for Presentation {
    type Error = Error;

    fn try_from(raw: RawPresentation) -> Result<Presentation, Error> {
        let raw = raw.0;
        let number = |path: &str, value: Option<i64>, max: u16| -> Result<Option<u16>, Error> {
            value.map(|v| wire::in_range(path, v, 0, max)).transpose()
        };
        let (present, absent) = findings(raw.findings.unwrap_or_default())?;
        Presentation {
            age_years: number("age_years", raw.age_years, AgeYears::MAX)?.map(AgeYears),
            sex: optional_name("sex", raw.sex, "sex", Sex::all())?,
            conditions: raw
                .conditions
                .map(|c| wire::name_set("conditions", &c, "condition", Condition::all()))
                .transpose()?,
            side: optional_name("side", raw.side, "side", Side::all())?,
            symptom_weeks: number("symptom_weeks", raw.symptom_weeks, Weeks::MAX)?.map(Weeks),
            conservative_care_weeks: number(
                "conservative_care_weeks",
                raw.conservative_care_weeks,
                Weeks::MAX,
            )?
            .map(Weeks),
            conservative_care: raw
                .conservative_care
                .map(|c| wire::name_set("conservative_care", &c, "care", ConservativeCare::all()))
                .transpose()?,
            pain_score: number("pain_score", raw.pain_score, PainScore::MAX)?.map(PainScore),
            present,
            absent,
            medications: raw
                .medications
                .map(|m| wire::name_set("medications", &m, "medication", MedicationClass::all()))
                .transpose()?,
            allergies: raw
                .allergies
                .map(|a| wire::name_set("allergies", &a, "allergy", Allergy::all()))
                .transpose()?,
        }
        .checked()
    }
}

fn optional_name<T>(
    path: &str,
    value: Option<String>,
    vocabulary: &'static str,
    all: &[T],
) -> Result<Option<T>, Error>
where
    T: std::str::FromStr + Copy + Into<&'static str>,
{
    value
        .map(|v| wire::name(path, &v, vocabulary, all))
        .transpose()
}

/// The findings map: names from the vocabulary, each once, each a truth
/// value.
fn findings(entries: Entries) -> Result<(EnumSet<Finding>, EnumSet<Finding>), Error> {
    let mut seen = EnumSet::<Finding>::new();
    let (mut present, mut absent) = (EnumSet::new(), EnumSet::new());
    for (key, value) in &entries.0 {
        let path = wire::join("findings", &wire::echo(key));
        let finding = wire::name(&path, key, "finding", Finding::all())?;
        if !seen.insert(finding) {
            return Err(Error::DuplicateKey { path });
        }
        match wire::name(
            &path,
            value,
            "truth value",
            &[Truth::Present, Truth::Absent, Truth::Unknown],
        )? {
            Truth::Present => present.insert(finding),
            Truth::Absent => absent.insert(finding),
            Truth::Unknown => false,
        };
    }
    Ok((present, absent))
}

impl<'de> Deserialize<'de> for Presentation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawPresentation::deserialize(deserializer)?;
        Presentation::try_from(raw).map_err(serde::de::Error::custom)
    }
}

impl Presentation {
    /// Parses the wire format, refusing documents over 64 KiB before
    /// parsing, with errors that name the field.
    ///
    /// # Errors
    ///
    /// Any [`Error`] variant of the wire format: unknown field or name,
    /// duplicate entry or key, out of range, wrong type, inconsistency,
    /// malformed JSON, too large.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{ErrorKind, Presentation};
    /// let err = Presentation::from_json(r#"{"conditions": ["heel_pain", "heel_pain"]}"#).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::DuplicateEntry);
    /// assert_eq!(err.path(), "conditions[1]");
    /// ```
    pub fn from_json(input: &str) -> Result<Presentation, Error> {
        let raw: RawPresentation = wire::parse(input, expected)?;
        Presentation::try_from(raw)
    }

    /// Writes the wire format (canonical: lists in vocabulary order, only
    /// known findings, unknown fields left out).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::Presentation;
    /// let p = Presentation::from_json(r#"{"age_years": 47, "allergies": []}"#)?;
    /// assert_eq!(p.to_json(), r#"{"age_years":47,"allergies":[]}"#);
    /// # Ok::<(), prolo_triage::Error>(())
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        // Serializing strings, numbers and enums to a String cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Serialize for Presentation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fn list<T: EnumSetType + Into<&'static str>>(
            set: Option<EnumSet<T>>,
        ) -> Option<Vec<&'static str>> {
            set.map(|s| s.iter().map(Into::into).collect())
        }
        #[derive(Serialize)]
        struct Wire {
            #[serde(skip_serializing_if = "Option::is_none")]
            age_years: Option<AgeYears>,
            #[serde(skip_serializing_if = "Option::is_none")]
            sex: Option<Sex>,
            #[serde(skip_serializing_if = "Option::is_none")]
            conditions: Option<Vec<&'static str>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            side: Option<Side>,
            #[serde(skip_serializing_if = "Option::is_none")]
            symptom_weeks: Option<Weeks>,
            #[serde(skip_serializing_if = "Option::is_none")]
            conservative_care_weeks: Option<Weeks>,
            #[serde(skip_serializing_if = "Option::is_none")]
            conservative_care: Option<Vec<&'static str>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            pain_score: Option<PainScore>,
            #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "as_map")]
            findings: Vec<(Finding, Truth)>,
            #[serde(skip_serializing_if = "Option::is_none")]
            medications: Option<Vec<&'static str>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            allergies: Option<Vec<&'static str>>,
        }
        fn as_map<S: Serializer>(entries: &[(Finding, Truth)], s: S) -> Result<S::Ok, S::Error> {
            s.collect_map(entries.iter().map(|(f, t)| (f.as_str(), t)))
        }
        Wire {
            age_years: self.age_years,
            sex: self.sex,
            conditions: list(self.conditions),
            side: self.side,
            symptom_weeks: self.symptom_weeks,
            conservative_care_weeks: self.conservative_care_weeks,
            conservative_care: list(self.conservative_care),
            pain_score: self.pain_score,
            findings: self.findings().collect(),
            medications: list(self.medications),
            allergies: list(self.allergies),
        }
        .serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn err(input: &str) -> (ErrorKind, String) {
        match Presentation::from_json(input) {
            Ok(p) => panic!("accepted {input}: {p:?}"),
            Err(e) => (e.kind(), e.path().to_string()),
        }
    }

    #[test]
    fn empty_object_is_all_unknown() {
        let p = Presentation::from_json("{}").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p, Presentation::default());
        assert_eq!(p.medications(), None);
    }

    #[test]
    fn null_is_the_same_as_missing() {
        let p = Presentation::from_json(r#"{"age_years": null, "medications": null}"#);
        assert_eq!(p, Ok(Presentation::default()));
    }

    #[test]
    fn every_bad_input_names_its_field() {
        use ErrorKind::*;
        let cases = [
            (r#"{"agee": 4}"#, UnknownField, "agee"),
            (r#"{"conditions": ["heel"]}"#, UnknownName, "conditions[0]"),
            (
                r#"{"findings": {"fevr": "present"}}"#,
                UnknownName,
                "findings.fevr",
            ),
            (
                r#"{"findings": {"fever": "yes"}}"#,
                UnknownName,
                "findings.fever",
            ),
            (
                r#"{"medications": ["aspirin"]}"#,
                UnknownName,
                "medications[0]",
            ),
            (r#"{"allergies": ["nuts"]}"#, UnknownName, "allergies[0]"),
            (
                r#"{"conservative_care": ["yoga"]}"#,
                UnknownName,
                "conservative_care[0]",
            ),
            (r#"{"sex": "f"}"#, UnknownName, "sex"),
            (r#"{"side": "up"}"#, UnknownName, "side"),
            (
                r#"{"allergies": ["corn", "corn"]}"#,
                DuplicateEntry,
                "allergies[1]",
            ),
            (
                r#"{"medications": ["nsaid", "nsaid"]}"#,
                DuplicateEntry,
                "medications[1]",
            ),
            (
                r#"{"age_years": 1, "age_years": 2}"#,
                DuplicateKey,
                "age_years",
            ),
            (
                r#"{"findings": {"fever": "absent", "fever": "present"}}"#,
                DuplicateKey,
                "findings.fever",
            ),
            (r#"{"age_years": 131}"#, OutOfRange, "age_years"),
            (r#"{"age_years": -1}"#, OutOfRange, "age_years"),
            (r#"{"pain_score": 11}"#, OutOfRange, "pain_score"),
            (r#"{"symptom_weeks": 5201}"#, OutOfRange, "symptom_weeks"),
            (r#"{"age_years": "47"}"#, WrongType, "age_years"),
            (r#"{"age_years": 47.5}"#, WrongType, "age_years"),
            (r#"{"findings": []}"#, WrongType, "findings"),
            (
                r#"{"findings": {"fever": true}}"#,
                WrongType,
                "findings.fever",
            ),
            (r#"{"conditions": "heel_pain"}"#, WrongType, "conditions"),
            (r#"[1, 2]"#, WrongType, "document"),
            (
                r#"{"symptom_weeks": 4, "conservative_care_weeks": 6}"#,
                Inconsistent,
                "symptom_weeks",
            ),
            (
                r#"{"sex": "male", "findings": {"pregnancy": "present"}}"#,
                Inconsistent,
                "findings.pregnancy",
            ),
        ];
        for (input, kind, path) in cases {
            assert_eq!(err(input), (kind, path.to_string()), "{input}");
        }
    }

    #[test]
    fn builder_and_json_agree() {
        let json = Presentation::from_json(
            r#"{"age_years": 50, "sex": "female", "conditions": ["heel_pain"], "findings": {"fever": "absent", "diabetes": "unknown"}, "medications": []}"#,
        );
        let built = Presentation::builder()
            .age_years(50)
            .sex(Sex::Female)
            .condition(Condition::HeelPain)
            .finding(Finding::Fever, Truth::Absent)
            .medications([])
            .build();
        assert_eq!(json, built);
    }

    #[test]
    fn builder_checks_ranges() {
        let e = Presentation::builder().age_years(131).build().err();
        assert_eq!(e.map(|e| e.path().to_string()), Some("age_years".into()));
        let e = Presentation::builder().pain_score(u32::MAX).build().err();
        assert_eq!(e.map(|e| e.kind()), Some(ErrorKind::OutOfRange));
    }

    #[test]
    fn round_trip_is_canonical() {
        let input = r#"{"age_years":47,"sex":"female","conditions":["plantar_fasciitis"],"side":"left","symptom_weeks":26,"conservative_care_weeks":12,"conservative_care":["stretching","orthoses","physical_therapy"],"pain_score":6,"findings":{"fever":"absent","ligament_laxity":"present"},"medications":["nsaid"],"allergies":[]}"#;
        let p = Presentation::from_json(input).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.to_json(), input);
    }
}
