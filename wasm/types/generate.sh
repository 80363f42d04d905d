#!/usr/bin/env bash
# The package's TypeScript types, generated from the Rust types, never
# written by hand:
#
#   Rust types --(schemars: the core's and fhir's `schema` feature)--> JSON Schema
#     --(src/bin/prolo-triage-schemas.rs)--> one JSON object
#     --(json-schema-to-typescript, generate.mjs)--> wasm/types/*.d.ts
#
#   bash wasm/types/generate.sh           # regenerate wasm/types/*.d.ts
#   bash wasm/types/generate.sh --check   # fail when the checked-in copy drifted
#
set -euo pipefail
cd "$(dirname "$0")/../.."

check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  *) echo "usage: bash wasm/types/generate.sh [--check]" >&2; exit 2 ;;
esac

if [ ! -d wasm/node_modules/json-schema-to-typescript ]; then
  (cd wasm && nice -n 10 npm ci --no-audit --no-fund --ignore-scripts)
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

nice -n 10 cargo run -q --locked -p prolo-triage-wasm --features schema --bin prolo-triage-schemas \
  > "$scratch/schemas.json"
node wasm/types/generate.mjs "$scratch/out" "$scratch/schemas.json"

if [ "$check" -eq 1 ]; then
  if ! diff -ru wasm/types/generated "$scratch/out"; then
    echo "FAIL: wasm/types/generated/ drifted from the Rust types; run bash wasm/types/generate.sh and commit" >&2
    exit 1
  fi
  echo "ok   wasm/types/generated/ matches the Rust types"
else
  rm -rf wasm/types/generated
  cp -r "$scratch/out" wasm/types/generated
  echo "wrote wasm/types/generated/"
fi
