#!/usr/bin/env bash
# Every public item of the core crate has an example in its docs (rustdoc JSON, nightly).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo +nightly rustdoc --locked -q -p prolo-triage --lib -- -Z unstable-options --output-format json
python3 .ci/jobs/check-examples.py "${CARGO_TARGET_DIR:-target}/doc/prolo_triage.json"
