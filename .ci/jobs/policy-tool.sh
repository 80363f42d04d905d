#!/usr/bin/env bash
# prolo-policy (policy-tool/): its tests (the diff's counts against batch's verdicts), the shipped golden cases, check and diff on the shipped policies and cohort.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo test --locked -p prolo-triage-policy
tool() { cargo run --locked -q -p prolo-triage-policy -- "$@"; }
junit="${CARGO_TARGET_DIR:-target}/policy-tool-junit.xml"
for policy in policy-tool/policies/*.json; do
  tool check "$policy" > /dev/null
done
tool test policy-tool/policies/literature-defaults.json policy-tool/cases/literature-defaults.jsonl --junit "$junit"
grep -q 'failures="0"' "$junit"
tool diff policy-tool/policies/literature-defaults.json policy-tool/policies/strict-anticoagulants.json \
  --cohort policy-tool/cases/cohort.jsonl
