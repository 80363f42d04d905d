#!/usr/bin/env bash
# JSON Schemas (feature schema): docs/schema/ current, shipped examples and worked-case assessments valid.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo clippy --locked -p prolo-triage --features schema --all-targets -- -D warnings
cargo test --locked -p prolo-triage --features schema --test schema
cargo test --locked -p prolo-triage --features schema --doc schema
