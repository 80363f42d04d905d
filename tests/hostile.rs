//! Hostile input: each case gets a typed error naming the field, in
//! bounded time and memory (no case here may take more than a moment; the
//! 64 KiB limit bounds the work).

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
        Ok(out) => panic!("accepted: {}", &out[..out.len().min(200)]),
        Err(e) => e,
    }
}

#[track_caller]
fn check(input: &str, kind: ErrorKind, path: &str) {
    let e = refused(input);
    assert_eq!((e.kind(), e.path()), (kind, path), "{e}");
    assert!(
        e.to_string().len() < 2_000,
        "message stays short: {} bytes",
        e.to_string().len()
    );
}

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
    check(&just_under, ErrorKind::WrongType, "document");
}

#[test]
fn numbers_beyond_64_bits() {
    check(
        r#"{"age_years": 18446744073709551616}"#,
        ErrorKind::WrongType,
        "age_years",
    );
    check(
        r#"{"age_years": 9223372036854775808}"#,
        ErrorKind::OutOfRange,
        "age_years",
    );
    check(
        r#"{"age_years": -9223372036854775809}"#,
        ErrorKind::WrongType,
        "age_years",
    );
    check(
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
        check(
            &format!(r#"{{"pain_score": {v}}}"#),
            ErrorKind::WrongType,
            "pain_score",
        );
    }
    check(r#"{"pain_score": NaN}"#, ErrorKind::Syntax, "pain_score");
}

#[test]
fn byte_order_mark() {
    check("\u{feff}{\"age_years\": 40}", ErrorKind::Syntax, "document");
}

#[test]
fn invalid_utf8_is_caught_before_the_library() {
    // The library takes &str; bytes must become text first, and invalid
    // UTF-8 is an error there (the examples report `document: not UTF-8`).
    let bytes: Vec<u8> = [&b"{\"sex\": \""[..], &[0xff], &b"\"}"[..]].concat();
    assert!(String::from_utf8(bytes).is_err());
    // Escaped lone surrogates inside JSON strings are refused by the parser.
    check(r#"{"sex": "\udc00"}"#, ErrorKind::Syntax, "sex");
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
    check(&doc, ErrorKind::UnknownName, "findings.f0");
    // A real finding repeated thousands of times: a duplicate key.
    let entries: Vec<&str> = (0..3_000).map(|_| "\"fever\":\"absent\"").collect();
    check(
        &format!("{{\"findings\":{{{}}}}}", entries.join(",")),
        ErrorKind::DuplicateKey,
        "findings.fever",
    );
    // And a list with thousands of entries.
    let items: Vec<&str> = (0..5_000).map(|_| "\"nsaid\"").collect();
    check(
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
    check(
        r#"{"age_years": 1, "age_years": 1}"#,
        ErrorKind::DuplicateKey,
        "age_years",
    );
    check(
        r#"{"findings": {}, "findings": {}}"#,
        ErrorKind::DuplicateKey,
        "findings",
    );
    check(
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
