//! Input refused as a whole, through the public API: each error names
//! where and what was expected.

use crate::common::options;
use prolo_triage_fhir::{map_bundle, map_prefetch, AsOf, CodeTables, Date, Error, MAX_INPUT_BYTES};

#[test]
fn documents_that_are_not_a_readable_bundle() {
    let cases: [(&str, &str); 8] = [
        (
            "",
            "document: malformed JSON: EOF while parsing a value at line 1 column 0",
        ),
        (
            "{\"resourceType\": \"Bundle\"",
            "document: malformed JSON: EOF while parsing an object at line 1 column 25",
        ),
        ("[]", "document: expected a Bundle, found an array"),
        (
            "{}",
            "document: expected a Bundle, found an object without a resourceType",
        ),
        (
            r#"{"resourceType": "Patient"}"#,
            "document: expected a Bundle, found a Patient resource",
        ),
        (
            r#"{"resourceType": "Bundle"}"#,
            "document: Bundle.type is ``, expected searchset or collection",
        ),
        (
            r#"{"resourceType": "Bundle", "type": "transaction"}"#,
            "document: Bundle.type is `transaction`, expected searchset or collection",
        ),
        (
            r#"{"resourceType": "Bundle", "type": "searchset", "entry": 3}"#,
            "entry: expected a list of entries",
        ),
    ];
    for (input, message) in cases {
        assert_eq!(
            map_bundle(input, &options()).unwrap_err().to_string(),
            message,
            "{input}"
        );
    }
}

#[test]
fn oversize_documents_are_refused_before_parsing() {
    let big = " ".repeat(MAX_INPUT_BYTES + 1);
    assert!(matches!(
        map_bundle(&big, &options()),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        map_prefetch(&big, &options()),
        Err(Error::TooLarge { .. })
    ));
}

#[test]
fn a_prefetch_must_be_an_object() {
    let err = map_prefetch("[1]", &options()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "document: expected a prefetch object (keys to resources, Bundles or null)"
    );
}

#[test]
fn as_of_dates_are_checked() {
    for bad in ["", "2026-11-31", "2026-11-26T10:00", "tomorrow", "2026-11"] {
        let err = bad.parse::<AsOf>().unwrap_err();
        assert!(err.to_string().starts_with("as_of: `"), "{bad}: {err}");
    }
    assert!(Date::new(2026, 2, 29).is_err());
    assert!(Date::new(0, 1, 1).is_err());
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
    let err = CodeTables::from_json(r#"{"codes": [{"system": 1}]}"#).unwrap_err();
    assert!(
        err.to_string().starts_with("codes[0].system: invalid type"),
        "{err}"
    );
}
