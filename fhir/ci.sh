#!/usr/bin/env bash
# CI for the FHIR member (called by .ci/run; run it alone from the repo
# root with `bash fhir/ci.sh`). Needs cargo.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> fhir: %s\n' "$*"; }

step "tests (unit, worked Bundles, code sources, generated files, properties, examples' command lines, doc)"
# tests/bulk.rs and tests/fhir_triage.rs run the example binaries: build
# the examples first (`--all-targets` builds them only as test harnesses).
cargo build --locked -p prolo-triage-fhir --examples
cargo test --locked -p prolo-triage-fhir --all-targets
cargo test --locked -p prolo-triage-fhir --doc

step "properties, more cases (release)"
PROPTEST_CASES=4096 cargo test --locked --release -p prolo-triage-fhir --test integration properties::

step "docs build without warnings"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps -p prolo-triage-fhir

# The examples' command lines are tested in Rust: fhir-triage's in
# tests/fhir_triage.rs and bulk-fhir's on a composed export in
# tests/bulk.rs, both in the test step above; the larger synthetic export
# below is an ignored test of tests/bulk.rs, run here.
step "bulk-fhir on a synthetic export (2 000 patients, one with 3 000 readings): --jobs 1 and 2 agree, --full on 8 and 1, a full disk"
cargo test --locked -p prolo-triage-fhir --test integration bulk::a_synthetic_export -- --ignored

step "fhir green"
