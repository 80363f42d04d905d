//! The integration tests of `prolo-triage-cds`, as one test binary (one
//! link instead of six; `autotests = false` in Cargo.toml): each module
//! is one subject, over loopback HTTP or in process. Run one with a
//! filter, e.g. `cargo test -p prolo-triage-cds --test integration jwks::`.
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

mod app;
mod faults;
mod jwks;
mod properties;
mod regulatory;
mod rest;
mod service;
