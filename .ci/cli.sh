#!/usr/bin/env bash
# The example tools' command lines (clap, examples/common/mod.rs): `--help`
# lists every option, `--version` prints the version, `--opt=value` means
# `--opt value`, a usage error exits 2 with one line on standard error and
# nothing on standard output, and every file read is bounded (an endless
# /dev/zero is refused at the limit instead of filling memory).
# Run alone from the repository root: `bash .ci/cli.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --locked --example triage --example handout --example interview
cargo build --locked -p prolo-triage-fhir --example fhir-triage
dir="${CARGO_TARGET_DIR:-target}/debug/examples"
version=$(cargo metadata --locked --no-deps --format-version 1 \
  | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "prolo-triage"))')
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0
fail() { echo "FAIL $*"; failed=1; }

# tool | the options its --help must list
while IFS='|' read -r tool options; do
  help=$("$dir/$tool" --help)
  for option in $options --help --version; do
    grep -qE -- "(^|[ ,])$option( |$)" <<<"$help" || fail "$tool --help does not list $option"
  done
  got=$("$dir/$tool" --version)
  [ "$got" = "$tool $version" ] || fail "$tool --version: $got"
done <<'TOOLS'
triage|--json --policy
handout|--markdown --policy
interview|--policy --save
fhir-triage|--as-of --prefetch --medications-complete --allergies-complete --codes --policy --json
TOOLS

# Usage errors and refused input: exit 2, one line on standard error,
# nothing on standard output. Each case: tool and arguments.
while read -r tool args; do
  [ -z "$tool" ] && continue
  set +e
  # shellcheck disable=SC2086 # arguments are words
  out=$(timeout 60 "$dir/$tool" $args 2>"$scratch/stderr" </dev/null)
  status=$?
  set -e
  err=$(cat "$scratch/stderr")
  if [ "$status" -ne 2 ] || [ -n "$out" ] || [ -z "$err" ] || [ "$(printf '%s\n' "$err" | wc -l)" -ne 1 ]; then
    fail "$tool $args: exit $status, want 2 with one stderr line and empty stdout"
  else
    echo "ok   $tool $args -> $err"
  fi
done <<'CASES'
triage --bogus examples/data/07-child.json
triage
triage examples/data/07-child.json examples/data/03-unscreened.json
triage examples/data/07-child.json --policy
triage /dev/zero
triage --policy /dev/zero examples/data/07-child.json
handout --bogus examples/data/07-child.json
handout --policy=/dev/zero examples/data/07-child.json
interview --bogus
interview -
interview --policy /dev/zero
fhir-triage fhir/tests/fixtures/bundles/plantar-fasciitis-screened.json
fhir-triage --as-of=2026-11-26 --bogus fhir/tests/fixtures/bundles/plantar-fasciitis-screened.json
fhir-triage --as-of=2026-11-26 /dev/zero
fhir-triage --as-of=2026-11-26 --codes /dev/zero fhir/tests/fixtures/bundles/plantar-fasciitis-screened.json
fhir-triage --as-of=2026-11-26 --policy /dev/zero fhir/tests/fixtures/bundles/plantar-fasciitis-screened.json
CASES

# `--opt=value` gives what `--opt value` gives.
cat > "$scratch/policy.json" <<'JSON'
{"name": "ci strict", "version": "1", "classification": {"medications.anticoagulant": "absolute"}}
JSON
case=examples/data/02-ankle-instability-apixaban.json
same() { # label, then the two outputs' files
  if cmp -s "$2" "$3"; then echo "ok   $1: --opt=value as --opt value"; else fail "$1: --opt=value differs from --opt value"; fi
}
"$dir/triage" --json --policy "$scratch/policy.json" "$case" > "$scratch/a"
"$dir/triage" --json --policy="$scratch/policy.json" "$case" > "$scratch/b"
same triage "$scratch/a" "$scratch/b"
grep -q '"verdict":"contraindicated"' "$scratch/b" || fail "triage --policy=FILE: the policy was not applied"
"$dir/handout" --markdown --policy "$scratch/policy.json" "$case" > "$scratch/a"
"$dir/handout" --markdown --policy="$scratch/policy.json" "$case" > "$scratch/b"
same handout "$scratch/a" "$scratch/b"
printf 'no\n' | "$dir/interview" --save "$scratch/a.json" examples/data/06-ready-but-infection-unknown.json > /dev/null
printf 'no\n' | "$dir/interview" --save="$scratch/b.json" examples/data/06-ready-but-infection-unknown.json > /dev/null
same interview "$scratch/a.json" "$scratch/b.json"
bundle=fhir/tests/fixtures/bundles/plantar-fasciitis-warfarin.json
"$dir/fhir-triage" --as-of 2026-11-26 --policy "$scratch/policy.json" --json "$bundle" > "$scratch/a"
"$dir/fhir-triage" --as-of=2026-11-26 --policy="$scratch/policy.json" --json "$bundle" > "$scratch/b"
same fhir-triage "$scratch/a" "$scratch/b"
grep -q '"verdict":"contraindicated"' "$scratch/b" || fail "fhir-triage --policy=FILE: the policy was not applied"

[ "$failed" -eq 0 ]
echo "ok   command lines"
