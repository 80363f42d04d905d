//! Prints the JSON Schemas of the presentation, the assessment and the
//! mapped record, generated from the Rust types by the core's and the
//! `fhir` crate's `schema` feature, as one JSON object keyed by the
//! TypeScript name each becomes. `wasm/types/generate.sh` turns them into
//! `.d.ts` files with json-schema-to-typescript.
//!
//! ```text
//! cargo run -p prolo-triage-wasm --features schema --bin prolo-triage-schemas
//! ```

fn main() {
    let schemas = serde_json::json!({
        "Presentation": prolo_triage::schema::presentation(),
        "Assessment": prolo_triage::schema::assessment(),
        "Step": prolo_triage::schema::step(),
        "MappedRecord": prolo_triage_fhir::schema::mapped(),
    });
    println!("{schemas:#}");
}
