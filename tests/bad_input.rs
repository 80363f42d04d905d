//! Bad input through the public entry points: every kind of
//! `docs/decision-model.md` §1 is an error naming the field, and hostile input
//! (deep nesting, huge numbers, a hundred thousand findings, control
//! characters) gets a typed error naming the field in a short message,
//! without a stack overflow. Time and memory are not measured here: the
//! 64 KiB limit, refused before parsing, is what bounds them.

use prolo_triage::{assess_json, Error, ErrorKind, Policy, Presentation, MAX_DOCUMENT_BYTES};

fn refused(input: &str) -> Error {
    match assess_json(input, &Policy::default()) {
        Ok(out) => panic!(
            "accepted {}: {}",
            input.chars().take(200).collect::<String>(),
            out.chars().take(200).collect::<String>()
        ),
        Err(e) => e,
    }
}

/// Refused with this kind at this path, the message starting with the
/// path, and refused through serde's `Deserialize` too.
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

/// Refused with this kind at this path, in a short message (for hostile
/// input, which `check` would print whole).
#[track_caller]
fn check_short(input: &str, kind: ErrorKind, path: &str) {
    let e = refused(input);
    assert_eq!((e.kind(), e.path()), (kind, path), "{e}");
    assert!(
        e.to_string().len() < 2_000,
        "message stays short: {} bytes",
        e.to_string().len()
    );
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
        let full = format!("{}/{file}", crate::common::EXAMPLE_DATA);
        let text = std::fs::read_to_string(&full).unwrap();
        let e = refused(&text);
        assert_eq!(e.path(), path, "{file}: {e}");
    }
}

// Hostile input.

#[test]
fn deep_nesting() {
    // serde_json stops at depth 128: a syntax error, not a stack overflow.
    let deep = format!(
        "{{\"findings\": {}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    // Every field has a fixed shape, so a nested value is refused at its
    // first bracket: nothing recurses into attacker-controlled depth.
    let e = refused(&deep);
    assert_eq!(
        (e.kind(), e.path()),
        (ErrorKind::WrongType, "findings"),
        "{e}"
    );
    let deep_object = format!("{}{}", "{\"a\":".repeat(20_000), "}".repeat(20_000));
    assert_eq!(refused(&deep_object).kind(), ErrorKind::TooLarge);
    let just_under = format!("{}1{}", "[".repeat(5_000), "]".repeat(5_000));
    check_short(&just_under, ErrorKind::WrongType, "document");
}

#[test]
fn numbers_beyond_64_bits() {
    check_short(
        r#"{"age_years": 18446744073709551616}"#,
        ErrorKind::WrongType,
        "age_years",
    );
    check_short(
        r#"{"age_years": 9223372036854775808}"#,
        ErrorKind::OutOfRange,
        "age_years",
    );
    check_short(
        r#"{"age_years": -9223372036854775809}"#,
        ErrorKind::WrongType,
        "age_years",
    );
    check_short(
        &format!(r#"{{"symptom_weeks": 1{}}}"#, "0".repeat(400)),
        ErrorKind::Syntax,
        "symptom_weeks",
    );
}

#[test]
fn floats_where_integers_belong() {
    for v in ["47.0", "47.5", "4.7e1", "-0.0", "1e400"] {
        let e = refused(&format!(r#"{{"age_years": {v}}}"#));
        assert_eq!(e.path(), "age_years", "{v}: {e}");
        assert!(
            matches!(e.kind(), ErrorKind::WrongType | ErrorKind::Syntax),
            "{v}: {e}"
        );
    }
}

#[test]
fn nan_like_strings() {
    for v in ["\"NaN\"", "\"Infinity\"", "\"-inf\"", "\"47\""] {
        check_short(
            &format!(r#"{{"pain_score": {v}}}"#),
            ErrorKind::WrongType,
            "pain_score",
        );
    }
    check_short(r#"{"pain_score": NaN}"#, ErrorKind::Syntax, "pain_score");
}

#[test]
fn byte_order_mark() {
    check_short("\u{feff}{\"age_years\": 40}", ErrorKind::Syntax, "document");
}

#[test]
fn invalid_utf8_is_caught_before_the_library() {
    // The library takes &str; bytes must become text first, and invalid
    // UTF-8 is an error there (the examples report `document: not UTF-8`).
    let bytes: Vec<u8> = [&b"{\"sex\": \""[..], &[0xff], &b"\"}"[..]].concat();
    assert!(String::from_utf8(bytes).is_err());
    // Escaped lone surrogates inside JSON strings are refused by the parser.
    check_short(r#"{"sex": "\udc00"}"#, ErrorKind::Syntax, "sex");
}

#[test]
fn a_hundred_thousand_findings() {
    // 100 000 entries cannot fit in 64 KiB: refused before parsing.
    let entries: Vec<String> = (0..100_000)
        .map(|i| format!("\"f{i}\": \"absent\""))
        .collect();
    let doc = format!("{{\"findings\": {{{}}}}}", entries.join(","));
    assert_eq!(refused(&doc).kind(), ErrorKind::TooLarge);
    // As many as fit: the first unknown name is reported.
    let entries: Vec<String> = (0..3_000).map(|i| format!("\"f{i}\":\"absent\"")).collect();
    let doc = format!("{{\"findings\":{{{}}}}}", entries.join(","));
    assert!(doc.len() <= MAX_DOCUMENT_BYTES);
    check_short(&doc, ErrorKind::UnknownName, "findings.f0");
    // A real finding repeated thousands of times: a duplicate key.
    let entries: Vec<&str> = (0..3_000).map(|_| "\"fever\":\"absent\"").collect();
    check_short(
        &format!("{{\"findings\":{{{}}}}}", entries.join(",")),
        ErrorKind::DuplicateKey,
        "findings.fever",
    );
    // And a list with thousands of entries.
    let items: Vec<&str> = (0..5_000).map(|_| "\"nsaid\"").collect();
    check_short(
        &format!("{{\"medications\":[{}]}}", items.join(",")),
        ErrorKind::DuplicateEntry,
        "medications[1]",
    );
}

#[test]
fn just_over_64_kib() {
    let at = format!("{{{}}}", " ".repeat(MAX_DOCUMENT_BYTES - 2));
    assert!(assess_json(&at, &Policy::default()).is_ok());
    let over = format!("{at} ");
    assert_eq!(
        refused(&over),
        Error::TooLarge {
            size: MAX_DOCUMENT_BYTES + 1,
            limit: MAX_DOCUMENT_BYTES
        }
    );
    // The policy reader has the same limit.
    let policy = format!(
        "{{\"name\":\"a\",\"version\":\"1\"{}}}",
        " ".repeat(MAX_DOCUMENT_BYTES)
    );
    assert_eq!(
        Policy::from_json(&policy).unwrap_err().kind(),
        ErrorKind::TooLarge
    );
}

#[test]
fn duplicate_keys_at_every_level() {
    check_short(
        r#"{"age_years": 1, "age_years": 1}"#,
        ErrorKind::DuplicateKey,
        "age_years",
    );
    check_short(
        r#"{"findings": {}, "findings": {}}"#,
        ErrorKind::DuplicateKey,
        "findings",
    );
    check_short(
        r#"{"findings": {"fever": "absent", "fever": "absent"}}"#,
        ErrorKind::DuplicateKey,
        "findings.fever",
    );
    let p = Policy::from_json(r#"{"name": "a", "name": "b", "version": "1"}"#).unwrap_err();
    assert_eq!((p.kind(), p.path()), (ErrorKind::DuplicateKey, "name"));
    let p = Policy::from_json(
        r#"{"name": "a", "version": "1", "classification": {"diabetes": "absolute", "diabetes": "absolute"}}"#,
    )
    .unwrap_err();
    assert_eq!(
        (p.kind(), p.path()),
        (ErrorKind::DuplicateKey, "classification.diabetes")
    );
}

#[test]
fn control_characters_and_huge_names_stay_one_short_line() {
    let long = "x".repeat(60_000);
    let e = refused(&format!(r#"{{"findings": {{"{long}": "present"}}}}"#));
    assert_eq!(e.kind(), ErrorKind::UnknownName);
    assert!(e.path().len() < 100, "{}", e.path());
    let e = refused("{\"sex\": \"a\\r\\nb\\u0000\"}");
    assert!(!e.to_string().contains(['\n', '\r', '\0']), "{e}");
    let e = refused("{\"a\\nb\": 1}");
    assert!(!e.to_string().contains('\n'), "{e}");
}

#[test]
fn serde_users_are_as_safe() {
    for input in [
        "[]",
        "{\"age_years\": 1e400}",
        "\u{feff}{}",
        "{\"findings\": {\"fever\": 1}}",
    ] {
        assert!(
            serde_json::from_str::<Presentation>(input).is_err(),
            "{input}"
        );
    }
}

/// `answered_by` (contract v3 §10): fact paths to a reporter, each once;
/// anything else is refused at `answered_by.<key>`.
#[test]
fn answered_by_names_a_fact_and_a_reporter() {
    use prolo_triage::{ErrorKind, Presentation};
    let ok = Presentation::from_json(
        r#"{"answered_by": {"fever": "patient", "symptoms.first_step_pain": "patient", "medications.nsaid": "clinician", "age_years": "patient"}}"#,
    )
    .unwrap();
    assert_eq!(
        ok.to_json(),
        r#"{"answered_by":{"age_years":"patient","fever":"patient","medications.nsaid":"clinician","symptoms.first_step_pain":"patient"}}"#
    );
    for (input, kind, path) in [
        (
            r#"{"answered_by": {"fevr": "patient"}}"#,
            ErrorKind::UnknownName,
            "answered_by.fevr",
        ),
        (
            r#"{"answered_by": {"symptoms.fever": "patient"}}"#,
            ErrorKind::UnknownName,
            "answered_by.symptoms.fever",
        ),
        (
            r#"{"answered_by": {"fever": "nurse"}}"#,
            ErrorKind::UnknownName,
            "answered_by.fever",
        ),
        (
            r#"{"answered_by": {"fever": "patient", "fever": "clinician"}}"#,
            ErrorKind::DuplicateKey,
            "answered_by.fever",
        ),
        (
            r#"{"answered_by": ["fever"]}"#,
            ErrorKind::WrongType,
            "answered_by",
        ),
    ] {
        let err = Presentation::from_json(input).unwrap_err();
        assert_eq!((err.kind(), err.path()), (kind, path), "{input}");
    }
}
