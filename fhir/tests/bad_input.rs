//! Input refused as a whole, through the public API: each error names
//! where (`path()`, the start of its message), its kind (`kind()`) and
//! what was expected.

use crate::common::options;
use prolo_triage_fhir::{
    map_bundle, map_prefetch, AsOf, CodeTables, Date, Error, ErrorKind, MAX_INPUT_BYTES,
};

/// Asserts the error's path and kind, and that its message starts with
/// the path.
fn names(err: &Error, path: &str, kind: ErrorKind) {
    assert_eq!((err.path(), err.kind()), (path, kind), "{err}");
    assert!(err.to_string().starts_with(&format!("{path}: ")), "{err}");
}

#[test]
fn documents_that_are_not_a_readable_bundle() {
    use ErrorKind::{Malformed, NotABundle, Syntax, UnsupportedBundleType};
    let cases: [(&str, ErrorKind, &str); 8] = [
        (
            "",
            Syntax,
            "document: malformed JSON: EOF while parsing a value at line 1 column 0",
        ),
        (
            "{\"resourceType\": \"Bundle\"",
            Syntax,
            "document: malformed JSON: EOF while parsing an object at line 1 column 25",
        ),
        (
            "[]",
            NotABundle,
            "document: expected a Bundle, found an array",
        ),
        (
            "{}",
            NotABundle,
            "document: expected a Bundle, found an object without a resourceType",
        ),
        (
            r#"{"resourceType": "Patient"}"#,
            NotABundle,
            "document: expected a Bundle, found a Patient resource",
        ),
        (
            r#"{"resourceType": "Bundle"}"#,
            UnsupportedBundleType,
            "document: Bundle.type is ``, expected searchset or collection",
        ),
        (
            r#"{"resourceType": "Bundle", "type": "transaction"}"#,
            UnsupportedBundleType,
            "document: Bundle.type is `transaction`, expected searchset or collection",
        ),
        (
            r#"{"resourceType": "Bundle", "type": "searchset", "entry": 3}"#,
            Malformed,
            "entry: expected a list of entries",
        ),
    ];
    for (input, kind, message) in cases {
        let err = map_bundle(input, &options()).unwrap_err();
        assert_eq!(err.to_string(), message, "{input}");
        let path = if kind == Malformed {
            "entry"
        } else {
            "document"
        };
        names(&err, path, kind);
    }
}

#[test]
fn oversize_documents_are_refused_before_parsing() {
    let big = " ".repeat(MAX_INPUT_BYTES + 1);
    for err in [
        map_bundle(&big, &options()).unwrap_err(),
        map_prefetch(&big, &options()).unwrap_err(),
    ] {
        assert!(matches!(err, Error::TooLarge { .. }), "{err}");
        names(&err, "document", ErrorKind::TooLarge);
    }
}

#[test]
fn a_prefetch_must_be_an_object() {
    let err = map_prefetch("[1]", &options()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "document: expected a prefetch object (keys to resources, Bundles or null)"
    );
    names(&err, "document", ErrorKind::Malformed);
}

#[test]
fn as_of_dates_are_checked() {
    for bad in ["", "2026-11-31", "2026-11-26T10:00", "tomorrow", "2026-11"] {
        let err = bad.parse::<AsOf>().unwrap_err();
        assert!(err.to_string().starts_with("as_of: `"), "{bad}: {err}");
        names(&err, "as_of", ErrorKind::InvalidDate);
    }
    // The date type is the core's: no such day, no date.
    assert_eq!(Date::new(2026, 2, 29), None);
    assert_eq!(Date::new(0, 1, 1), None);
    let err = "2026-02-29".parse::<Date>().unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (prolo_triage::ErrorKind::Invalid, "date")
    );
}

#[test]
fn code_tables_name_the_entry() {
    let err = CodeTables::default()
        .extended_from_json(
            r#"{"codes": [{"system": "http://www.whocc.no/atc", "code": "B01AA",
                "match": "prefix", "means": "medications.anticoagulant", "source": "secondary",
                "citation": "again"}]}"#,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "codes[0]: duplicate entry: http://www.whocc.no/atc B01AA already means medications.anticoagulant"
    );
    names(&err, "codes[0]", ErrorKind::InvalidCodeTable);
    let err = CodeTables::from_json(r#"{"codes": [{"system": 1}]}"#).unwrap_err();
    assert!(
        err.to_string().starts_with("codes[0].system: invalid type"),
        "{err}"
    );
    names(&err, "codes[0].system", ErrorKind::InvalidCodeTable);
}
