//! The wire format of a presentation: the raw struct serde reads, its
//! validation into a [`Presentation`], and the canonical writer.

use enumset::{EnumSet, EnumSetType};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::answered::AnsweredBy;
use super::Presentation;
use super::{ClassList, FactName};
use crate::error::Error;
use crate::json::{self, Entries, ListForm, Text};
use crate::truth::Truth;
use crate::units::{AgeYears, PainScore, Weeks};
use crate::vocabulary::{
    Allergy, Condition, ConservativeCare, Finding, MedicationClass, Reporter, Sex, Side, Symptom,
};

/// The wire format as written, before validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFields<'a> {
    age_years: Option<i64>,
    #[serde(borrow)]
    sex: Option<Text<'a>>,
    #[serde(borrow)]
    conditions: Option<Vec<Text<'a>>>,
    #[serde(borrow)]
    side: Option<Text<'a>>,
    symptom_weeks: Option<i64>,
    conservative_care_weeks: Option<i64>,
    #[serde(borrow)]
    conservative_care: Option<Vec<Text<'a>>>,
    pain_score: Option<i64>,
    #[serde(borrow)]
    findings: Option<Entries<'a>>,
    #[serde(borrow)]
    medications: Option<ListForm<'a>>,
    #[serde(borrow)]
    allergies: Option<ListForm<'a>>,
    #[serde(borrow)]
    symptoms: Option<Entries<'a>>,
    #[serde(borrow)]
    answered_by: Option<Entries<'a>>,
}

/// The raw wire struct, read from a JSON object only; its strings borrow
/// from the document.
#[derive(Debug)]
pub(crate) struct RawPresentation<'a>(RawFields<'a>);

impl<'de> Deserialize<'de> for RawPresentation<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        json::object(deserializer, "a JSON object (a presentation)").map(RawPresentation)
    }
}

/// What each field of the wire format holds, for error messages.
pub(crate) fn expected(path: &str) -> Option<&'static str> {
    Some(match json::field_of(path) {
        ("document", _) => "a JSON object (a presentation)",
        ("age_years", _) => "an integer from 0 to 130",
        ("sex", _) => "one of female, male, other",
        ("side", _) => "one of left, right, both",
        ("symptom_weeks" | "conservative_care_weeks", _) => "an integer from 0 to 5200",
        ("pain_score", _) => "an integer from 0 to 10",
        ("conditions", false) => "a list of condition names",
        ("conservative_care", false) => "a list of conservative care names",
        ("medications", false) => {
            "a list of medication classes ([] means none), or an object of classes to present, absent or unknown"
        }
        ("allergies", false) => {
            "a list of allergies ([] means none), or an object of allergies to present, absent or unknown"
        }
        // An entry of an open list (`medications.nsaid`) holds a truth value;
        // an entry of a list (`medications[0]`) a name.
        ("medications" | "allergies", true) if !path.contains('[') => {
            "one of present, absent, unknown"
        }
        ("conditions" | "conservative_care" | "medications" | "allergies", true) => {
            "a name (string)"
        }
        ("findings", false) => "an object of finding names to present, absent or unknown",
        ("findings", true) => "one of present, absent, unknown",
        ("symptoms", false) => "an object of symptom names to present, absent or unknown",
        ("symptoms", true) => "one of present, absent, unknown",
        ("answered_by", false) => "an object of fact paths to patient or clinician",
        ("answered_by", true) => "one of patient, clinician",
        _ => return None,
    })
}

impl TryFrom<RawPresentation<'_>> for Presentation {
    type Error = Error;

    fn try_from(raw: RawPresentation<'_>) -> Result<Presentation, Error> {
        let raw = raw.0;
        let (present, absent) = findings(raw.findings.unwrap_or_default())?;
        let (symptoms_present, symptoms_absent) = json::truth_entries(
            "symptoms",
            &raw.symptoms.unwrap_or_default(),
            "symptom",
            Symptom::all(),
        )?;
        Presentation {
            age_years: AgeYears::checked_opt("age_years", raw.age_years)?,
            sex: optional_name("sex", raw.sex, "sex", Sex::all())?,
            conditions: raw
                .conditions
                .map(|c| json::name_set("conditions", &c, "condition", Condition::all()))
                .transpose()?,
            side: optional_name("side", raw.side, "side", Side::all())?,
            symptom_weeks: Weeks::checked_opt("symptom_weeks", raw.symptom_weeks)?,
            conservative_care_weeks: Weeks::checked_opt(
                "conservative_care_weeks",
                raw.conservative_care_weeks,
            )?,
            conservative_care: raw
                .conservative_care
                .map(|c| json::name_set("conservative_care", &c, "care", ConservativeCare::all()))
                .transpose()?,
            pain_score: PainScore::checked_opt("pain_score", raw.pain_score)?,
            present,
            absent,
            medications: raw
                .medications
                .map(|m| class_list("medications", &m, "medication", MedicationClass::all()))
                .transpose()?,
            allergies: raw
                .allergies
                .map(|a| class_list("allergies", &a, "allergy", Allergy::all()))
                .transpose()?,
            symptoms_present,
            symptoms_absent,
            answered_by: answered_by(raw.answered_by.unwrap_or_default())?,
        }
        .checked()
    }
}

fn optional_name<T>(
    path: &str,
    value: Option<Text<'_>>,
    vocabulary: &'static str,
    all: &[T],
) -> Result<Option<T>, Error>
where
    T: std::str::FromStr + Copy + Into<&'static str>,
{
    value
        .map(|v| json::name(path, v.as_str(), vocabulary, all))
        .transpose()
}

/// The findings map: names from the vocabulary, each once, each a truth
/// value.
fn findings(entries: Entries<'_>) -> Result<(EnumSet<Finding>, EnumSet<Finding>), Error> {
    json::truth_entries("findings", &entries, "finding", Finding::all())
}

/// `answered_by`: fact paths, each once, each a reporter.
fn answered_by(entries: Entries<'_>) -> Result<AnsweredBy, Error> {
    let mut by = AnsweredBy::default();
    let mut seen = std::collections::HashSet::new();
    for (key, value) in &entries.0 {
        let (key, value) = (key.as_str(), value.as_str());
        let path = || json::join("answered_by", &json::echo(key));
        let fact: FactName = key.parse().map_err(|_| Error::UnknownName {
            path: path(),
            value: json::echo(key),
            vocabulary: "fact path",
            expected: "a field (age_years...), a finding, symptoms.<name>, medications.<class> or allergies.<allergy>".into(),
        })?;
        if !seen.insert(fact) {
            return Err(Error::DuplicateKey { path: path() });
        }
        let reporter = json::name(&path(), value, "reporter", Reporter::all())?;
        by.set(fact, Some(reporter));
    }
    Ok(by)
}

/// A medication or allergy list in either form of contract v2.
fn class_list<T>(
    path: &str,
    form: &ListForm<'_>,
    vocabulary: &'static str,
    all: &[T],
) -> Result<ClassList<T>, Error>
where
    T: EnumSetType + std::str::FromStr + Into<&'static str>,
{
    Ok(match form {
        ListForm::Closed(names) => ClassList::closed(json::name_set(path, names, vocabulary, all)?),
        ListForm::Open(entries) => {
            let (present, absent) = json::truth_entries(path, entries, vocabulary, all)?;
            ClassList::open(
                present
                    .iter()
                    .map(|c| (c, Truth::Present))
                    .chain(absent.iter().map(|c| (c, Truth::Absent))),
            )
        }
    })
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
        let raw: RawPresentation<'_> = json::parse(input, expected)?;
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

/// A list written in the form it was read: an array of the classes
/// present, or an object of every class named.
struct WireList<T: EnumSetType>(ClassList<T>);

impl<T: EnumSetType + Into<&'static str>> Serialize for WireList<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let list = &self.0;
        if list.is_open() {
            s.collect_map(list.named().map(|(c, t)| (c.into(), t)))
        } else {
            s.collect_seq(list.present().iter().map(Into::<&'static str>::into))
        }
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
            medications: Option<WireList<MedicationClass>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            allergies: Option<WireList<Allergy>>,
            #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "symptom_map")]
            symptoms: Vec<(Symptom, Truth)>,
            #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "reporter_map")]
            answered_by: Vec<(FactName, Reporter)>,
        }
        fn reporter_map<S: Serializer>(
            entries: &[(FactName, Reporter)],
            s: S,
        ) -> Result<S::Ok, S::Error> {
            s.collect_map(entries.iter().map(|(f, r)| (f.as_str(), r)))
        }
        fn symptom_map<S: Serializer>(
            entries: &[(Symptom, Truth)],
            s: S,
        ) -> Result<S::Ok, S::Error> {
            s.collect_map(entries.iter().map(|(f, t)| (f.as_str(), t)))
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
            medications: self.medications.map(WireList),
            allergies: self.allergies.map(WireList),
            symptoms: self.symptoms().collect(),
            answered_by: self.answers_by(),
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
            (
                r#"{"symptoms": {"first_step": "present"}}"#,
                UnknownName,
                "symptoms.first_step",
            ),
            (
                r#"{"symptoms": {"first_step_pain": "yes"}}"#,
                UnknownName,
                "symptoms.first_step_pain",
            ),
            (r#"{"symptoms": []}"#, WrongType, "symptoms"),
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
                r#"{"medications": {"aspirin": "present"}}"#,
                UnknownName,
                "medications.aspirin",
            ),
            (
                r#"{"medications": {"nsaid": "yes"}}"#,
                UnknownName,
                "medications.nsaid",
            ),
            (
                r#"{"allergies": {"corn": "absent", "corn": "present"}}"#,
                DuplicateKey,
                "allergies.corn",
            ),
            (
                r#"{"allergies": {"corn": null}}"#,
                WrongType,
                "allergies.corn",
            ),
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
    fn wrong_types_say_what_each_field_holds() {
        let cases = [
            (r#"{"sex": 1}"#, "one of female, male, other"),
            (r#"{"side": 1}"#, "one of left, right, both"),
            (r#"{"symptom_weeks": "1"}"#, "an integer from 0 to 5200"),
            (
                r#"{"conservative_care_weeks": "1"}"#,
                "an integer from 0 to 5200",
            ),
            (r#"{"pain_score": "1"}"#, "an integer from 0 to 10"),
            (r#"{"conditions": {}}"#, "a list of condition names"),
            (
                r#"{"conservative_care": {}}"#,
                "a list of conservative care names",
            ),
            (
                r#"{"medications": 1}"#,
                "a list of medication classes ([] means none), or an object of classes to present, absent or unknown",
            ),
            (
                r#"{"allergies": "corn"}"#,
                "a list of allergies ([] means none), or an object of allergies to present, absent or unknown",
            ),
            (
                r#"{"medications": {"nsaid": true}}"#,
                "one of present, absent, unknown",
            ),
            (r#"{"medications": [true]}"#, "a name (string)"),
            (r#"{"allergies": [1]}"#, "a name (string)"),
            (
                r#"{"findings": 1}"#,
                "an object of finding names to present, absent or unknown",
            ),
            (
                r#"{"findings": {"fever": 1}}"#,
                "one of present, absent, unknown",
            ),
        ];
        for (input, expected) in cases {
            let message = Presentation::from_json(input)
                .map_err(|e| e.to_string())
                .err();
            assert!(
                message
                    .as_deref()
                    .is_some_and(|m| m.ends_with(&format!("expected {expected}"))),
                "{input}: {message:?}"
            );
        }
    }

    #[test]
    fn builder_setters_keep_what_they_set() {
        let p = Presentation::builder()
            .condition(Condition::HeelPain)
            .condition(Condition::HeelPain)
            .side(Side::Left)
            .conservative_care([ConservativeCare::Rest])
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            p.conditions().map(|c| c.len()),
            Some(1),
            "repeating is harmless"
        );
        assert_eq!(p.side(), Some(Side::Left));
        assert_eq!(p.conservative_care().map(|c| c.len()), Some(1));
    }

    #[test]
    fn symptoms_read_and_write_back_as_a_map() {
        let input = r#"{"symptoms":{"pain_under_heel":"present","first_step_pain":"absent","windlass_test_positive":"unknown"}}"#;
        let p = Presentation::from_json(input).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.symptom(Symptom::PainUnderHeel), Truth::Present);
        assert_eq!(p.symptom(Symptom::FirstStepPain), Truth::Absent);
        assert_eq!(p.symptom(Symptom::WindlassTestPositive), Truth::Unknown);
        assert_eq!(
            p.to_json(),
            r#"{"symptoms":{"pain_under_heel":"present","first_step_pain":"absent"}}"#
        );
    }

    #[test]
    fn getters_return_what_was_read() {
        let p = Presentation::from_json(
            r#"{"side": "both", "conservative_care": ["taping", "rest"], "pain_score": 4, "findings": {"fever": "absent", "diabetes": "present", "pregnancy": "unknown"}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.side(), Some(Side::Both));
        assert_eq!(p.conservative_care().map(|c| c.len()), Some(2));
        assert_eq!(p.pain_score().map(PainScore::get), Some(4));
        let findings: Vec<(Finding, Truth)> = p.findings().collect();
        assert_eq!(
            findings,
            [
                (Finding::Fever, Truth::Absent),
                (Finding::Diabetes, Truth::Present)
            ]
        );
        assert_eq!(p.to_builder().build(), Ok(p));
    }

    #[test]
    fn lists_keep_the_form_they_were_read_in() {
        for input in [
            r#"{"medications":[],"allergies":["corn"]}"#,
            r#"{"medications":{"nsaid":"present","anticoagulant":"absent"}}"#,
            r#"{"medications":{},"allergies":{"dextrose":"absent"}}"#,
        ] {
            let p = Presentation::from_json(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(p.to_json(), input, "{input}");
        }
        // An open list: the classes named, the rest unknown ("unknown" named
        // is the same as not named, and is not written back).
        let p = Presentation::from_json(
            r#"{"medications": {"anticoagulant": "present", "nsaid": "unknown"}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.medication(MedicationClass::Anticoagulant), Truth::Present);
        assert_eq!(p.medication(MedicationClass::Nsaid), Truth::Unknown);
        assert_eq!(p.medication(MedicationClass::Antiplatelet), Truth::Unknown);
        assert_eq!(
            p.to_json(),
            r#"{"medications":{"anticoagulant":"present"}}"#
        );
        assert_eq!(p.to_builder().build(), Ok(p));
        // A closed list settles every class.
        let p =
            Presentation::from_json(r#"{"allergies": ["corn"]}"#).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.allergy(Allergy::Dextrose), Truth::Absent);
        assert_eq!(
            Presentation::default().allergy(Allergy::Dextrose),
            Truth::Unknown
        );
    }

    #[test]
    fn round_trip_is_canonical() {
        let input = r#"{"age_years":47,"sex":"female","conditions":["plantar_fasciitis"],"side":"left","symptom_weeks":26,"conservative_care_weeks":12,"conservative_care":["stretching","orthoses","physical_therapy"],"pain_score":6,"findings":{"fever":"absent","ligament_laxity":"present"},"medications":["nsaid"],"allergies":[]}"#;
        let p = Presentation::from_json(input).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.to_json(), input);
    }
}
