//! The calls the JavaScript exports make, as plain Rust on text: each takes
//! JSON text and gives JSON text (or a typed [`Failure`]), so they are
//! tested natively and the exports in `lib.rs` only convert values.

use prolo_triage::{
    Allergy, Answer, Assessment, Audience, Clinic, Condition, ConservativeCare, Date, FactName,
    Finding, Group, Handout, Interview, MedicationClass, Policy, Presentation, RuleId, Sex, Side,
    Subject, Truth, Verdict, HANDOUT_FOOTER,
};
use prolo_triage_fhir::{CodeTables, MappingOptions};
use serde_json::{json, Map, Value};

/// Why a call was refused: the field path, the kind (a wire name such as
/// `unknown_name`) and the whole message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The path of the field (`document` for the whole input).
    pub path: String,
    /// The kind, snake_case.
    pub kind: String,
    /// The message, starting with the path.
    pub message: String,
}

impl Failure {
    /// A failure about `path`.
    pub fn new(path: &str, kind: &str, message: String) -> Failure {
        Failure {
            path: path.to_owned(),
            kind: kind.to_owned(),
            message,
        }
    }
}

impl From<prolo_triage::Error> for Failure {
    fn from(e: prolo_triage::Error) -> Failure {
        Failure::new(e.path(), e.kind().into(), e.to_string())
    }
}

impl From<prolo_triage_fhir::Error> for Failure {
    fn from(e: prolo_triage_fhir::Error) -> Failure {
        Failure::new(e.path(), e.kind().into(), e.to_string())
    }
}

/// Parses a presentation.
pub fn presentation(text: &str) -> Result<Presentation, Failure> {
    Ok(Presentation::from_json(text)?)
}

/// Parses a policy file.
pub fn policy(text: &str) -> Result<Policy, Failure> {
    Ok(Policy::from_json(text)?)
}

/// The assessment as its wire JSON: exactly what `triage --json` prints
/// (without the newline).
pub fn assess(text: &str, policy: &Policy) -> Result<String, Failure> {
    Ok(prolo_triage::assess_json(text, policy)?)
}

/// The full trace of the evaluation as JSON: exactly the `trace` member
/// of `triage --trace --json` (every rule with its group, Kleene value and
/// the facts it read; each group; the best and worst completions).
pub fn trace(text: &str, policy: &Policy) -> Result<String, Failure> {
    let trace = prolo_triage::trace(&presentation(text)?, policy);
    // The trace is enums, strings and lists: serializing it cannot fail.
    Ok(serde_json::to_string(&trace).unwrap_or_default())
}

/// The verdict's wire name.
pub fn decide(text: &str, policy: &Policy) -> Result<&'static str, Failure> {
    Ok(prolo_triage::decide(&presentation(text)?, policy).as_str())
}

/// An assessment read back from its wire JSON (for the handout).
pub fn assessment(text: &str) -> Result<Assessment, Failure> {
    serde_json::from_str(text).map_err(|e| {
        Failure::new(
            "assessment",
            "invalid",
            format!("assessment: expected an assessment as `assess` returns it: {e}"),
        )
    })
}

/// Handout options as JavaScript passes them: the clinic's details and
/// the date of issue, both optional.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct HandoutOptions {
    #[serde(default)]
    clinic: Option<Value>,
    #[serde(default)]
    date: Option<String>,
}

/// The clinic and the date of issue of `{clinic?, date?}` (JSON text);
/// none for no options. Errors name the field under `options`
/// (`options.clinic.phone`, `options.date`).
pub fn handout_options(options_text: Option<&str>) -> Result<(Clinic, Option<Date>), Failure> {
    let Some(options_text) = options_text else {
        return Ok((Clinic::default(), None));
    };
    // serde's derived structs also read an array; only an object is meant.
    if !options_text.trim_start().starts_with('{') {
        return Err(Failure::new(
            "options",
            "wrong_type",
            "options: expected an object {clinic?, date?}".into(),
        ));
    }
    let options: HandoutOptions = serde_path_to_error::deserialize(
        &mut serde_json::Deserializer::from_str(options_text),
    )
    .map_err(|e| {
        let path = match e.path().to_string().as_str() {
            "." => "options".to_owned(),
            p => format!("options.{p}"),
        };
        Failure::new(
            &path,
            "invalid",
            format!(
                "{path}: {}; expected {{clinic?: {{name?, phone?, out_of_hours?, urgent_care?, emergency_number?}}, date?: \"YYYY-MM-DD\"}}",
                e.inner()
            ),
        )
    })?;
    let under_options = |e: prolo_triage::Error| {
        Failure::new(
            &format!("options.{}", e.path()),
            e.kind().into(),
            format!("options.{e}"),
        )
    };
    let clinic = match &options.clinic {
        None | Some(Value::Null) => Clinic::default(),
        Some(value) => Clinic::from_json(&value.to_string()).map_err(under_options)?,
    };
    let date = options
        .date
        .map(|text| text.parse::<Date>())
        .transpose()
        .map_err(under_options)?;
    Ok((clinic, date))
}

/// The patient handout of an assessment, with the clinic's details and
/// the date of issue of the options (`{clinic?, date?}`, JSON text).
pub fn handout(assessment_text: &str, options_text: Option<&str>) -> Result<Handout, Failure> {
    let assessment = assessment(assessment_text)?;
    let (clinic, date) = handout_options(options_text)?;
    Ok(Handout::issued(&assessment, &clinic, date))
}

/// The handout as JSON: `title`, `details` (the clinic's and the date;
/// `value` null for a blank), `sections` (each `heading`, `boxed` and
/// `lines` with their source and `note` number), `notes` (the plain label
/// a patient reads, and the sources behind it for the clinician) and the
/// `footer`. A renderer shows a line's note number and the labels, never
/// a citation to the patient.
pub fn handout_json(assessment_text: &str, options_text: Option<&str>) -> Result<String, Failure> {
    let handout = handout(assessment_text, options_text)?;
    let mut value = serde_json::to_value(&handout).unwrap_or(Value::Null);
    if let Some(sections) = value.get_mut("sections").and_then(Value::as_array_mut) {
        for (section, of) in sections.iter_mut().zip(&handout.sections) {
            let Some(lines) = section.get_mut("lines").and_then(Value::as_array_mut) else {
                continue;
            };
            for (line, item) in lines.iter_mut().zip(&of.lines) {
                if let Some(line) = line.as_object_mut() {
                    line.insert("note".into(), handout.note_of(&item.source).into());
                }
            }
        }
    }
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "notes".into(),
            serde_json::to_value(handout.notes()).unwrap_or(Value::Null),
        );
        object.insert("footer".into(), HANDOUT_FOOTER.into());
    }
    Ok(value.to_string())
}

/// Mapping options as JavaScript passes them.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Options {
    as_of: String,
    #[serde(default)]
    medications_complete: bool,
    #[serde(default)]
    allergies_complete: bool,
    /// A clinic's code table (the `--codes` file of `fhir-triage`).
    #[serde(default)]
    codes: Option<Value>,
}

fn mapping_options(options_text: &str) -> Result<MappingOptions, Failure> {
    let options: Options = serde_path_to_error::deserialize(
        &mut serde_json::Deserializer::from_str(options_text),
    )
    .map_err(|e| {
        let path = match e.path().to_string().as_str() {
            "." => "options".to_owned(),
            p => format!("options.{p}"),
        };
        Failure::new(
            &path,
            "invalid",
            format!(
                "{path}: {}; expected {{asOf: \"YYYY-MM-DD\", medicationsComplete?, allergiesComplete?, codes?}}",
                e.inner()
            ),
        )
    })?;
    let as_of = options
        .as_of
        .parse()
        .map_err(|e: prolo_triage_fhir::Error| {
            Failure::new("options.asOf", e.kind().into(), e.to_string())
        })?;
    let codes = match &options.codes {
        None | Some(Value::Null) => CodeTables::default(),
        Some(Value::String(text)) => CodeTables::default().extended_from_json(text)?,
        Some(table) => CodeTables::default().extended_from_json(&table.to_string())?,
    };
    Ok(MappingOptions::new(as_of)
        .with_codes(codes)
        .medication_list_complete(options.medications_complete)
        .allergy_list_complete(options.allergies_complete))
}

/// The mapped record as JSON (`as_of`, `presentation`, `provenance`,
/// `unused`): exactly the `mapped` part of `fhir-triage --json`.
pub fn map(text: &str, options_text: &str, prefetch: bool) -> Result<String, Failure> {
    let options = mapping_options(options_text)?;
    let mapped = if prefetch {
        prolo_triage_fhir::map_prefetch(text, &options)?
    } else {
        prolo_triage_fhir::map_bundle(text, &options)?
    };
    Ok(mapped.to_json())
}

/// A subject (a finding's or field's wire name) a question asks about.
pub fn subject(name: &str) -> Result<Subject, Failure> {
    name.parse::<Subject>().map_err(|_| {
        Failure::new(
            "subject",
            "unknown_name",
            format!("subject: `{name}` is not a finding or a field a question asks about"),
        )
    })
}

/// The interview's next question (the most important blocking question
/// not set aside), as JSON, or `None` once the verdict is determinate.
pub fn next_question(
    text: &str,
    policy: &Policy,
    set_aside: &[String],
    audience: Audience,
) -> Result<Option<String>, Failure> {
    let mut interview = Interview::with_audience(presentation(text)?, policy, audience);
    for name in set_aside {
        interview.answer(subject(name)?, Answer::Unknown)?;
    }
    Ok(interview
        .next_question()
        .map(|q| serde_json::to_string(&q).unwrap_or_default()))
}

/// The presentation with one answer recorded, as JSON: `yes` / `no` /
/// `unknown` for a finding, a whole number for ages and weeks, names (or
/// `none`) for the lists, as the `interview` example reads them. `unknown`
/// takes the fact back to unknown.
/// `by` says who answered (`answered_by`): the clinician unless it is the
/// patient, whose no to a `both` fact leaves it unknown.
pub fn answer(
    text: &str,
    subject_name: &str,
    answer_text: &str,
    by: Audience,
) -> Result<String, Failure> {
    let subject = subject(subject_name)?;
    let start = presentation(text)?;
    match Answer::parse(subject, answer_text)? {
        Answer::Unknown => forget(&start, subject),
        answer => {
            let policy = Policy::default();
            let mut interview = Interview::with_audience(start, &policy, by);
            interview.answer(subject, answer)?;
            Ok(interview.presentation().to_json())
        }
    }
}

/// The presentation with `subject` unknown again: a field left out of the
/// wire format is unknown (`docs/decision-model.md`).
fn forget(start: &Presentation, subject: Subject) -> Result<String, Failure> {
    // Taken back: nobody answered it any more.
    let start = &match subject.as_str().parse::<FactName>() {
        Ok(fact) => start.to_builder().clear_answered_by(fact).build()?,
        Err(_) => *start,
    };
    // One class of an open list goes back to unknown inside the list.
    match subject {
        Subject::Medication(m) => {
            return Ok(start
                .to_builder()
                .medication(m, Truth::Unknown)
                .build()?
                .to_json())
        }
        Subject::Allergy(a) => {
            return Ok(start
                .to_builder()
                .allergy(a, Truth::Unknown)
                .build()?
                .to_json())
        }
        Subject::Symptom(s) => {
            return Ok(start
                .to_builder()
                .symptom(s, Truth::Unknown)
                .build()?
                .to_json())
        }
        // "Not sure where it hurts" leaves every place as it was.
        Subject::WhereItHurts => return Ok(start.to_json()),
        _ => {}
    }
    let mut value: Value = serde_json::from_str(&start.to_json()).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        match subject {
            Subject::Finding(f) => {
                if let Some(findings) = object.get_mut("findings").and_then(Value::as_object_mut) {
                    findings.remove(f.as_str());
                }
            }
            other => {
                object.remove(other.as_str());
            }
        }
    }
    Ok(presentation(&value.to_string())?.to_json())
}

/// The screening Questionnaire (FHIR R4 JSON).
pub fn questionnaire() -> String {
    prolo_triage_fhir::screening_questionnaire()
}

/// The vocabularies a form needs: the verdicts with their headlines and
/// families, the list classes with their labels, the
/// findings with their groups and questions, and each subject's kind of
/// answer (`finding`, `number` or `list`; one class of an open list,
/// `medications.<class>`, is answered like a finding) and hint.
pub fn vocabulary() -> String {
    fn named<T: Copy + Into<&'static str>>(all: &[T], label: fn(T) -> &'static str) -> Value {
        all.iter()
            .map(|v| json!({"name": (*v).into(), "label": label(*v)}))
            .collect()
    }
    let findings: Vec<Value> = Finding::all()
        .iter()
        .map(|f| {
            json!({"name": f.as_str(), "label": f.label(), "group": f.group().as_str(),
                   "question": f.question()})
        })
        .collect();
    let fields = [
        Subject::AgeYears,
        Subject::Conditions,
        Subject::SymptomWeeks,
        Subject::ConservativeCareWeeks,
        Subject::Medications,
        Subject::Allergies,
    ];
    // One class of an open list (contract v2) is answered like a finding.
    let classes = MedicationClass::all()
        .iter()
        .map(|m| Subject::Medication(*m))
        .chain(Allergy::all().iter().map(|a| Subject::Allergy(*a)));
    let subjects: Map<String, Value> = Finding::all()
        .iter()
        .map(|f| Subject::Finding(*f))
        .chain(fields)
        .chain(classes)
        .map(|s| {
            let kind = match s {
                Subject::Finding(_) | Subject::Medication(_) | Subject::Allergy(_) => "finding",
                Subject::AgeYears | Subject::SymptomWeeks | Subject::ConservativeCareWeeks => {
                    "number"
                }
                _ => "list",
            };
            (
                s.as_str().to_owned(),
                json!({"kind": kind, "label": s.label(), "question": s.question(),
                       "hint": Answer::hint(s)}),
            )
        })
        .collect();
    let verdicts: Vec<Value> = Verdict::all()
        .iter()
        .map(|v| {
            json!({"name": v.as_str(), "headline": v.headline(),
                   "family": v.family().map(|f| f.to_string())})
        })
        .collect();
    // The trace's words: each rule's short label, each fact a rule reads
    // with its label (from the table, so every fact of a trace has one),
    // each ladder group with the verdict it gives.
    let rules: Vec<Value> = RuleId::all()
        .iter()
        .map(|r| json!({"name": r.as_str(), "label": r.rule().label}))
        .collect();
    let facts: Map<String, Value> = RuleId::all()
        .iter()
        .flat_map(|r| r.rule().formula.facts())
        .map(|f| (f.to_string(), Value::from(f.label())))
        .collect();
    let groups: Vec<Value> = Group::all()
        .iter()
        .map(|g| json!({"name": g.as_str(), "verdict": g.verdict().as_str()}))
        .collect();
    json!({
        "verdicts": verdicts,
        "rules": rules,
        "facts": facts,
        "groups": groups,
        "conditions": named(Condition::all(), Condition::label),
        "medications": named(MedicationClass::all(), MedicationClass::label),
        "allergies": named(Allergy::all(), Allergy::label),
        "sexes": Sex::all().iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        "sides": Side::all().iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        "conservative_care": ConservativeCare::all().iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        "findings": findings,
        "subjects": subjects,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    const CHILD: &str = include_str!("../../examples/data/07-child.json");
    const SIX: &str = include_str!("../../examples/data/06-ready-but-infection-unknown.json");

    #[test]
    fn assess_is_the_core_wire_text() {
        let policy = Policy::default();
        assert_eq!(
            assess(CHILD, &policy).unwrap(),
            prolo_triage::assess_json(CHILD, &policy).unwrap()
        );
        assert_eq!(decide(CHILD, &policy).unwrap(), "not_suitable");
    }

    #[test]
    fn failures_carry_path_and_kind() {
        let f = assess(r#"{"findings": {"fevr": "present"}}"#, &Policy::default()).unwrap_err();
        assert_eq!(
            (f.path.as_str(), f.kind.as_str()),
            ("findings.fevr", "unknown_name")
        );
        assert!(f.message.starts_with("findings.fevr: "));
        let f = map("{}", r#"{"asOf": "2026-13-01"}"#, false).unwrap_err();
        assert_eq!(
            (f.path.as_str(), f.kind.as_str()),
            ("options.asOf", "invalid_date")
        );
        let f = map("{}", r#"{"as_of": "2026-11-26"}"#, false).unwrap_err();
        assert_eq!(f.path, "options.as_of");
        assert!(f.message.contains("unknown field"), "{}", f.message);
        let f = map("{}", "{}", false).unwrap_err();
        assert_eq!(f.path, "options");
        assert!(f.message.contains("asOf"), "{}", f.message);
        let f = map(
            r#"{"resourceType": "Patient"}"#,
            r#"{"asOf": "2026-11-26"}"#,
            false,
        )
        .unwrap_err();
        assert_eq!(
            (f.path.as_str(), f.kind.as_str()),
            ("document", "not_a_bundle")
        );
        let f = policy(r#"{"name": "x", "version": "1", "min_age_years": "x"}"#).unwrap_err();
        assert_eq!(f.path, "min_age_years");
    }

    /// A FHIR refusal is reported with the mapping's own path and kind,
    /// for every kind: a bad code table names its entry.
    #[test]
    fn fhir_failures_carry_the_mappings_path_and_kind() {
        use prolo_triage_fhir::Error as E;
        let f = map(
            r#"{"resourceType": "Bundle", "type": "collection"}"#,
            r#"{"asOf": "2026-11-26", "codes": {"codes": [{"system": "http://snomed.info/sct",
                "code": "1", "means": "findings.diabetus", "source": "local"}]}}"#,
            false,
        )
        .unwrap_err();
        assert_eq!(
            (f.path.as_str(), f.kind.as_str()),
            ("codes[0].means", "invalid_code_table")
        );
        let errors = [
            E::TooLarge { size: 9, limit: 8 },
            E::Malformed {
                path: "entry".into(),
                expected: "a list of entries",
            },
            E::InvalidDate {
                path: "as_of".into(),
                value: "x".into(),
                expected: "YYYY-MM-DD",
            },
            E::Presentation(prolo_triage::Error::DuplicateKey {
                path: "findings.fever".into(),
            }),
        ];
        for e in errors {
            let f = Failure::from(e.clone());
            assert_eq!(f.path, e.path());
            assert_eq!(f.kind, <&str>::from(e.kind()));
            assert_eq!(f.message, e.to_string());
            assert!(f.message.starts_with(&format!("{}: ", f.path)), "{f:?}");
        }
    }

    #[test]
    fn answers_go_through_the_core_interview() {
        let q: Value = serde_json::from_str(
            &next_question(SIX, &Policy::default(), &[], Audience::Clinician)
                .unwrap()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(q["finding"], "skin_infection_at_site");
        let done = answer(SIX, "skin_infection_at_site", "no", Audience::Clinician).unwrap();
        assert_eq!(
            next_question(&done, &Policy::default(), &[], Audience::Clinician).unwrap(),
            None
        );
        assert_eq!(decide(&done, &Policy::default()).unwrap(), "discuss");
        // Unknown takes an answer back.
        let again = answer(
            &done,
            "skin_infection_at_site",
            "unknown",
            Audience::Clinician,
        )
        .unwrap();
        assert_eq!(presentation(&again).unwrap(), presentation(SIX).unwrap());
        let f = answer(SIX, "age_years", "old", Audience::Clinician).unwrap_err();
        assert_eq!(f.path, "age_years");
        assert_eq!(
            answer(SIX, "fevr", "no", Audience::Clinician)
                .unwrap_err()
                .path,
            "subject"
        );
        // Set aside: the next blocking question, or none.
        let none = next_question(
            SIX,
            &Policy::default(),
            &["skin_infection_at_site".into()],
            Audience::Clinician,
        );
        assert_eq!(none.unwrap(), None);
        // One class of an open list (contract v2): answered yes/no, taken
        // back to unknown inside the list.
        let open = r#"{"medications": {"nsaid": "absent"}}"#;
        let yes = answer(
            open,
            "medications.anticoagulant",
            "yes",
            Audience::Clinician,
        )
        .unwrap();
        assert_eq!(
            yes,
            r#"{"medications":{"nsaid":"absent","anticoagulant":"present"},"answered_by":{"medications.anticoagulant":"clinician"}}"#
        );
        let back = answer(
            &yes,
            "medications.anticoagulant",
            "unknown",
            Audience::Clinician,
        )
        .unwrap();
        assert_eq!(back, r#"{"medications":{"nsaid":"absent"}}"#);
        let v: Value = serde_json::from_str(&vocabulary()).unwrap();
        assert_eq!(v["subjects"]["allergies.corn"]["kind"], "finding");
    }

    #[test]
    fn handout_has_sections_and_footer() {
        let a = assess(CHILD, &Policy::default()).unwrap();
        let h: Value = serde_json::from_str(&handout_json(&a, None).unwrap()).unwrap();
        assert!(!h["sections"].as_array().unwrap().is_empty());
        assert_eq!(h["footer"], HANDOUT_FOOTER);
        // Every line's note resolves to a plain label, never a citation.
        let notes = h["notes"].as_array().unwrap();
        for line in h["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["lines"].as_array().unwrap())
        {
            let n = line["note"].as_u64().unwrap() as usize;
            let note = &notes[n - 1];
            assert!(
                note["label"].as_str().unwrap().starts_with("From")
                    || note["label"].as_str().unwrap().starts_with("Our")
                    || note["label"].as_str().unwrap().starts_with("Your")
            );
            assert!(note["sources"]
                .as_array()
                .unwrap()
                .contains(&line["source"]));
        }
        assert_eq!(handout("{}", None).unwrap_err().path, "assessment");
    }

    #[test]
    fn handout_options_give_the_clinic_and_the_date() {
        let (clinic, date) = handout_options(Some(
            r#"{"clinic": {"name": "Riverside Podiatry", "emergency_number": "999"}, "date": "2026-12-07"}"#,
        ))
        .unwrap();
        assert_eq!(clinic.name(), Some("Riverside Podiatry"));
        assert_eq!(clinic.emergency_number(), Some("999"));
        assert_eq!(date, Date::new(2026, 12, 7));
        assert_eq!(
            handout_options(Some("{}")).unwrap(),
            (Clinic::default(), None)
        );
        assert_eq!(
            handout_options(Some(r#"{"clinic": null, "date": null}"#)).unwrap(),
            (Clinic::default(), None)
        );
        let a = assess(CHILD, &Policy::default()).unwrap();
        let with = handout(
            &a,
            Some(r#"{"clinic": {"name": "Riverside"}, "date": "2026-12-07"}"#),
        );
        let expected = Handout::issued(
            &assessment(&a).unwrap(),
            &Clinic::default().with_name("Riverside").unwrap(),
            Date::new(2026, 12, 7),
        );
        assert_eq!(with.unwrap().to_html(), expected.to_html());
    }

    #[test]
    fn bad_handout_options_name_the_field() {
        for (options, path, kind) in [
            (r#"{"date": "2026-02-29"}"#, "options.date", "invalid"),
            (r#"{"date": 20261207}"#, "options.date", "invalid"),
            (
                r#"{"clinic": {"phone": ""}}"#,
                "options.clinic.phone",
                "invalid",
            ),
            (
                r#"{"clinic": {"fax": "1"}}"#,
                "options.clinic.fax",
                "unknown_field",
            ),
            (
                r#"{"clinic": {"name": 1}}"#,
                "options.clinic.name",
                "wrong_type",
            ),
            (r#"{"clinic": []}"#, "options.clinic", "wrong_type"),
            (r#"{"colour": "blue"}"#, "options.colour", "invalid"),
            ("[]", "options", "wrong_type"),
            ("\"2026-12-07\"", "options", "wrong_type"),
        ] {
            let e = handout_options(Some(options)).unwrap_err();
            assert_eq!(
                (e.path.as_str(), e.kind.as_str()),
                (path, kind),
                "{options}: {e:?}"
            );
            assert!(e.message.starts_with(path), "{options}: {}", e.message);
        }
    }

    #[test]
    fn vocabulary_lists_every_subject() {
        let v: Value = serde_json::from_str(&vocabulary()).unwrap();
        assert_eq!(
            v["findings"].as_array().unwrap().len(),
            Finding::all().len()
        );
        assert_eq!(v["subjects"]["age_years"]["kind"], "number");
        assert_eq!(v["subjects"]["medications"]["kind"], "list");
        assert_eq!(v["subjects"]["fever"]["kind"], "finding");
        assert_eq!(v["rules"].as_array().unwrap().len(), RuleId::all().len());
        assert_eq!(v["groups"][0]["verdict"], "refer_urgently");
    }

    /// Every rule and fact a trace names has its label in the vocabulary.
    #[test]
    fn trace_is_the_core_trace_and_its_words_are_in_the_vocabulary() {
        let policy = Policy::default();
        let t: Value = serde_json::from_str(&trace(SIX, &policy).unwrap()).unwrap();
        let core = prolo_triage::trace(&presentation(SIX).unwrap(), &policy);
        assert_eq!(t, serde_json::to_value(&core).unwrap());
        let v: Value = serde_json::from_str(&vocabulary()).unwrap();
        let rules = v["rules"].as_array().unwrap();
        for rule in t["rules"].as_array().unwrap() {
            assert!(rules.iter().any(|r| r["name"] == rule["rule"]), "{rule}");
            for fact in rule["facts"].as_array().unwrap() {
                let name = fact["fact"].as_str().unwrap();
                assert!(v["facts"][name].is_string(), "{name}");
            }
        }
        assert_eq!(
            trace("{", &policy).unwrap_err().path,
            "document",
            "a bad presentation is refused"
        );
    }
}
