#!/usr/bin/env bash
# CI for the FHIR member (called by .ci/run; run it alone from the repo
# root with `bash fhir/ci.sh`). Needs cargo and python3 (to read the
# example's JSON output), like .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> fhir: %s\n' "$*"; }

step "tests (unit, worked Bundles, code sources, generated files, properties, doc)"
cargo test --locked -p prolo-triage-fhir --all-targets
cargo test --locked -p prolo-triage-fhir --doc

step "properties, more cases (release)"
PROPTEST_CASES=4096 cargo test --locked --release -p prolo-triage-fhir --test properties

step "docs build without warnings"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps -p prolo-triage-fhir

step "fhir-triage example on every shipped Bundle"
cargo build --locked -p prolo-triage-fhir --example fhir-triage
bin="${CARGO_TARGET_DIR:-target}/debug/examples/fhir-triage"
fixtures=fhir/tests/fixtures
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0

verdict_of() {
  python3 -c 'import json,sys; print(json.load(sys.stdin)["assessment"]["verdict"])'
}

# file | options | expected verdict | a line the report must hold
while IFS='|' read -r file opts want needle; do
  [ -z "$file" ] && continue
  # shellcheck disable=SC2086 # options are words
  got=$("$bin" --as-of 2026-11-26 $opts --json "$fixtures/$file" | verdict_of)
  # shellcheck disable=SC2086
  report=$("$bin" --as-of 2026-11-26 $opts "$fixtures/$file")
  if [ "$got" != "$want" ]; then
    echo "FAIL $file $opts: $got, expected $want"; failed=1
  elif ! grep -qF -- "$needle" <<<"$report"; then
    echo "FAIL $file $opts: the report lacks: $needle"; failed=1
  else
    echo "ok   $file $opts -> $got"
  fi
done <<'CASES'
bundles/plantar-fasciitis-screened.json||discuss_with_precautions|findings.fever = absent
bundles/plantar-fasciitis-screened.json|--medications-complete --allergies-complete|discuss|medications = list ← declared complete
bundles/plantar-fasciitis-fever-f202.json||refer_urgently|findings.fever = present ← Observation/f202: 39 Cel at 2026-11-26T09:15:00Z
bundles/plantar-fasciitis-warfarin.json||discuss_with_precautions|medications = anticoagulant ← MedicationRequest/medrx0331
bundles/plantar-fasciitis-no-observations.json||needs_information|symptom_weeks = 26 ← Condition/plantar-fasciitis
bundles/prefetch-warfarin.json|--prefetch|discuss_with_precautions|prefetch.allergies is null
hl7/Bundle-101.json||needs_information|Observation/r6: no effectiveDateTime
hl7/Bundle-report.json||needs_information|DiagnosticReport/report
CASES

# Refused input: exit 2, one line on standard error, nothing on standard output.
for args in "--as-of 2026-11-26 $fixtures/hl7/Patient-example.json" \
            "$fixtures/bundles/plantar-fasciitis-screened.json" \
            "--as-of 2026-13-01 $fixtures/bundles/plantar-fasciitis-screened.json" \
            "--as-of 2026-11-26 --prefetch $fixtures/hl7/Bundle-101.json.missing" \
            "--as-of 2026-11-26 --codes $fixtures/hl7/Patient-example.json $fixtures/hl7/Bundle-101.json"; do
  set +e
  # shellcheck disable=SC2086
  out=$("$bin" $args 2>"$scratch/stderr")
  status=$?
  set -e
  err=$(cat "$scratch/stderr")
  if [ "$status" -ne 2 ] || [ -n "$out" ] || [ -z "$err" ] || [ "$(printf '%s\n' "$err" | wc -l)" -ne 1 ]; then
    echo "FAIL refused input ($args): exit $status"; failed=1
  else
    echo "ok   refused: $err"
  fi
done

# Standard input works too.
got=$("$bin" --as-of 2026-11-26 --json - < "$fixtures/bundles/plantar-fasciitis-fever-f202.json" | verdict_of)
[ "$got" = "refer_urgently" ] || { echo "FAIL stdin: $got"; failed=1; }

[ "$failed" -eq 0 ]
step "fhir green"
