//! The core crate's integration tests, one binary with a module per area
//! (`cargo test --test lib MODULE::`). Fixtures and proptest strategies
//! that more than one module uses are in `common`. The JSON Schema test
//! (`tests/schema.rs`) is a binary of its own: it needs the `schema`
//! feature.
//!
//! Drift tests rewrite the generated file they check when run with
//! `PROLO_REGENERATE=1` (`safety_doc`, and `schema`).

// Tests may panic, index and count: the library lints (docs/style.md 9) are for
// library code. The one place this is allowed for the whole binary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]

mod common;

mod bad_input;
mod candidates;
mod cli;
mod clinical_content;
mod clinician_text;
mod handout;
mod interview;
mod patient_safety;
mod patient_text;
mod properties;
mod readability;
mod rules;
mod safety_doc;
mod semantics;
mod symptom_cases;
mod worked_cases;
