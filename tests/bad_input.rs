//! Every kind of bad input of `decision-model.md` §1 is an error naming
//! the field, through the public entry points.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]

use prolo_triage::{assess_json, Error, ErrorKind, Policy, Presentation, MAX_DOCUMENT_BYTES};

fn refused(input: &str) -> Error {
    match assess_json(input, &Policy::default()) {
        Ok(out) => panic!("accepted {input}: {out}"),
        Err(e) => e,
    }
}

#[track_caller]
fn check(input: &str, kind: ErrorKind, path: &str) {
    let e = refused(input);
    assert_eq!((e.kind(), e.path()), (kind, path), "{input}: {e}");
    assert!(
        e.to_string().starts_with(path),
        "message names the field: {e}"
    );
    // serde users get the same message through the Deserialize impl.
    let via_serde = serde_json::from_str::<Presentation>(input);
    assert!(via_serde.is_err(), "{input}");
}

#[test]
fn unknown_field() {
    check(r#"{"age": 40}"#, ErrorKind::UnknownField, "age");
    check(
        r#"{"findings": {}, "notes": "x"}"#,
        ErrorKind::UnknownField,
        "notes",
    );
    let e = refused(r#"{"age": 40}"#);
    assert!(e.to_string().contains("age_years"), "lists the fields: {e}");
}

#[test]
fn unknown_names_in_every_vocabulary() {
    check(
        r#"{"conditions": ["gout"]}"#,
        ErrorKind::UnknownName,
        "conditions[0]",
    );
    check(
        r#"{"findings": {"fevr": "present"}}"#,
        ErrorKind::UnknownName,
        "findings.fevr",
    );
    check(
        r#"{"findings": {"fever": "maybe"}}"#,
        ErrorKind::UnknownName,
        "findings.fever",
    );
    check(
        r#"{"medications": ["nsaid", "warfarin"]}"#,
        ErrorKind::UnknownName,
        "medications[1]",
    );
    check(
        r#"{"allergies": ["penicillin"]}"#,
        ErrorKind::UnknownName,
        "allergies[0]",
    );
    check(
        r#"{"conservative_care": ["massage"]}"#,
        ErrorKind::UnknownName,
        "conservative_care[0]",
    );
    check(r#"{"sex": "F"}"#, ErrorKind::UnknownName, "sex");
    check(r#"{"side": "middle"}"#, ErrorKind::UnknownName, "side");
    let e = refused(r#"{"findings": {"fevr": "present"}}"#);
    assert!(
        e.to_string()
            .contains("expected one of fever, hot_swollen_foot"),
        "{e}"
    );
}

#[test]
fn duplicate_list_entries() {
    check(
        r#"{"conditions": ["heel_pain", "heel_pain"]}"#,
        ErrorKind::DuplicateEntry,
        "conditions[1]",
    );
    check(
        r#"{"medications": ["nsaid", "nsaid"]}"#,
        ErrorKind::DuplicateEntry,
        "medications[1]",
    );
    check(
        r#"{"allergies": ["corn", "dextrose", "corn"]}"#,
        ErrorKind::DuplicateEntry,
        "allergies[2]",
    );
    check(
        r#"{"conservative_care": ["rest", "rest"]}"#,
        ErrorKind::DuplicateEntry,
        "conservative_care[1]",
    );
}

#[test]
fn duplicate_json_keys_at_every_level() {
    check(
        r#"{"sex": "male", "sex": "female"}"#,
        ErrorKind::DuplicateKey,
        "sex",
    );
    check(
        r#"{"findings": {}, "findings": {}}"#,
        ErrorKind::DuplicateKey,
        "findings",
    );
    check(
        r#"{"findings": {"diabetes": "absent", "diabetes": "absent"}}"#,
        ErrorKind::DuplicateKey,
        "findings.diabetes",
    );
}

#[test]
fn out_of_range() {
    check(r#"{"age_years": 131}"#, ErrorKind::OutOfRange, "age_years");
    check(r#"{"age_years": -3}"#, ErrorKind::OutOfRange, "age_years");
    check(
        r#"{"symptom_weeks": 5201}"#,
        ErrorKind::OutOfRange,
        "symptom_weeks",
    );
    check(
        r#"{"conservative_care_weeks": 99999}"#,
        ErrorKind::OutOfRange,
        "conservative_care_weeks",
    );
    check(r#"{"pain_score": 11}"#, ErrorKind::OutOfRange, "pain_score");
    check(
        r#"{"pain_score": 18446744073709551616}"#,
        ErrorKind::WrongType,
        "pain_score",
    );
}

#[test]
fn wrong_type() {
    check(r#"{"age_years": "47"}"#, ErrorKind::WrongType, "age_years");
    check(r#"{"age_years": 47.0}"#, ErrorKind::WrongType, "age_years");
    check(
        r#"{"conditions": "heel_pain"}"#,
        ErrorKind::WrongType,
        "conditions",
    );
    check(
        r#"{"conditions": [3]}"#,
        ErrorKind::WrongType,
        "conditions[0]",
    );
    check(
        r#"{"findings": ["fever"]}"#,
        ErrorKind::WrongType,
        "findings",
    );
    check(
        r#"{"findings": {"fever": false}}"#,
        ErrorKind::WrongType,
        "findings.fever",
    );
    check(
        r#"{"medications": "none"}"#,
        ErrorKind::WrongType,
        "medications",
    );
    check(r#"[]"#, ErrorKind::WrongType, "document");
    check(r#""a presentation""#, ErrorKind::WrongType, "document");
    let e = refused(r#"{"age_years": 47.5}"#);
    assert!(e.to_string().contains("an integer from 0 to 130"), "{e}");
}

#[test]
fn symptoms_shorter_than_care() {
    check(
        r#"{"symptom_weeks": 4, "conservative_care_weeks": 6}"#,
        ErrorKind::Inconsistent,
        "symptom_weeks",
    );
}

#[test]
fn pregnancy_with_sex_male() {
    check(
        r#"{"sex": "male", "findings": {"pregnancy": "present"}}"#,
        ErrorKind::Inconsistent,
        "findings.pregnancy",
    );
}

#[test]
fn malformed_json() {
    check("", ErrorKind::Syntax, "document");
    check("{", ErrorKind::Syntax, "document");
    check("{} {}", ErrorKind::Syntax, "document");
    check("\u{feff}{}", ErrorKind::Syntax, "document");
    check(r#"{"age_years": 4"#, ErrorKind::Syntax, "document");
    check(
        r#"{"conditions": ["heel_pain""#,
        ErrorKind::Syntax,
        "conditions",
    );
}

#[test]
fn oversize_documents_are_refused_before_parsing() {
    let padding = " ".repeat(MAX_DOCUMENT_BYTES - 2);
    let at_limit = format!("{{{padding}}}");
    assert_eq!(at_limit.len(), MAX_DOCUMENT_BYTES);
    assert!(assess_json(&at_limit, &Policy::default()).is_ok());
    // One byte more: refused, even though it would parse.
    let over = format!("{at_limit} ");
    let e = refused(&over);
    assert_eq!(
        e,
        Error::TooLarge {
            size: MAX_DOCUMENT_BYTES + 1,
            limit: MAX_DOCUMENT_BYTES
        }
    );
}

#[test]
fn shipped_bad_examples_name_their_field() {
    let cases = [
        ("bad-unknown-finding.json", "findings.fevr"),
        ("bad-out-of-range.json", "pain_score"),
        ("bad-duplicate-key.json", "findings.fever"),
        ("bad-duplicate-entry.json", "allergies[1]"),
        ("bad-inconsistent-weeks.json", "symptom_weeks"),
        ("bad-wrong-type.json", "age_years"),
        ("bad-truncated.json", "conditions"),
    ];
    for (file, path) in cases {
        let full = format!("{}/examples/data/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&full).unwrap();
        let e = refused(&text);
        assert_eq!(e.path(), path, "{file}: {e}");
    }
}
