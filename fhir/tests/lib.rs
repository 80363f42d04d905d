//! The integration tests of `prolo-triage-fhir`, through the public API,
//! as one test binary (one link instead of seven; `autotests = false` in
//! Cargo.toml). Each module is one subject; run one with a filter, e.g.
//! `cargo test -p prolo-triage-fhir --test integration properties::`.
//!
//! The lints a test may break (unwrap, expect, indexing, panics, unchecked
//! arithmetic) are allowed here, once, for every module.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects
)]

mod common;

mod bad_input;
mod bulk;
mod code_sources;
mod fhir_triage;
mod generated_files;
mod intake;
mod properties;
mod questionnaire;
mod worked_bundles;
