#!/usr/bin/env bash
# CI for the FHIR member (called by .ci/run; run it alone from the repo
# root with `bash fhir/ci.sh`). Needs cargo and python3 (to read the
# bulk-fhir example's JSON output), like .ci/run.
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

# The fhir-triage example's command lines (every shipped Bundle, refused
# input, standard input) are tested in Rust, tests/fhir_triage.rs, in the
# test step above.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0

step "bulk-fhir on a synthetic export (2 000 patients, one with 3 000 readings): --jobs 1 and 2 agree"
cargo build --locked -p prolo-triage-fhir --example bulk-fhir --example bulk-fhir-synth
examples="${CARGO_TARGET_DIR:-target}/debug/examples"
"$examples/bulk-fhir-synth" --patients 2000 --seed 3 --heavy 3000 "$scratch/export"
"$examples/bulk-fhir" --as-of 2026-11-26 --jobs 1 "$scratch/export" > "$scratch/bulk1.out" 2> "$scratch/bulk1.err"
"$examples/bulk-fhir" --as-of 2026-11-26 --jobs 2 "$scratch/export" > "$scratch/bulk2.out" 2> /dev/null
cmp -s "$scratch/bulk1.out" "$scratch/bulk2.out" || { echo "FAIL bulk-fhir: --jobs 2 differs from --jobs 1"; failed=1; }
"$examples/bulk-fhir" --as-of 2026-11-26 --full --jobs 8 "$scratch/export" 2> /dev/null | cmp -s - <("$examples/bulk-fhir" --as-of 2026-11-26 --full --jobs 1 "$scratch/export" 2> /dev/null) ||
  { echo "FAIL bulk-fhir: --full --jobs 8 differs from --jobs 1"; failed=1; }
# A failed write stops every worker: exit 2 with the cause, never a hang.
status=0; timeout 60 "$examples/bulk-fhir" --as-of 2026-11-26 --jobs 2 "$scratch/export" > /dev/full 2> "$scratch/full.err" || status=$?
[ "$status" -eq 2 ] && grep -q 'stdout: No space left' "$scratch/full.err" || { echo "FAIL bulk-fhir to a full disk: status $status"; cat "$scratch/full.err"; failed=1; }
python3 - "$scratch/bulk1.out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 2000, len(rows)
assert all("verdict" in r and "patient" in r for r in rows), [r for r in rows if "verdict" not in r][:3]
heavy = next(r for r in rows if r["patient"] == "p1")
assert heavy["resources"] > 3000, heavy
verdicts = {r["verdict"] for r in rows}
assert {"refer_urgently", "needs_information", "discuss_with_precautions"} <= verdicts, verdicts
print("ok   bulk-fhir: 2000 patients,", len(verdicts), "verdicts, p1 with", heavy["resources"], "resources")
PY
grep -q '^bad lines (reported) *0$' "$scratch/bulk1.err" || { echo "FAIL bulk-fhir: bad lines in a clean export"; cat "$scratch/bulk1.err"; failed=1; }
tail -1 "$scratch/bulk1.err"
[ "$failed" -eq 0 ]
step "fhir green"
