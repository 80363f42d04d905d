//! The JSON Schema of a mapped record (with the `schema` feature),
//! generated from the Rust types like the core's
//! [`prolo_triage::schema`].
//!
//! # Example
//!
//! ```
//! let schema = prolo_triage_fhir::schema::mapped();
//! assert_eq!(schema["title"], "Mapped");
//! assert!(schema["properties"]["provenance"].is_object());
//! ```

/// The JSON Schema (draft 2020-12) of [`Mapped`](crate::Mapped) as
/// `to_json` writes it.
///
/// # Example
///
/// ```
/// let schema = prolo_triage_fhir::schema::mapped();
/// assert!(schema["required"].as_array().is_some_and(|r| r.iter().any(|f| f == "presentation")));
/// ```
#[must_use]
pub fn mapped() -> serde_json::Value {
    schemars::schema_for!(crate::Mapped).to_value()
}
