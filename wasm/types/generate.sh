#!/usr/bin/env bash
# The package's TypeScript types, generated from the Rust types, never
# written by hand:
#
#   Rust types --(schemars, the core's and fhir's `schema` feature)--> JSON Schema
#     --(src/bin/prolo-triage-schemas.rs)--> one JSON object
#     --(json-schema-to-typescript, generate.mjs)--> wasm/types/*.d.ts
#
#   bash wasm/types/generate.sh           # regenerate wasm/types/*.d.ts
#   bash wasm/types/generate.sh --check   # fail when the checked-in copy drifted
#
# TODO(schema): until the core crate has its `schema` feature
# (prolo_triage::schema::{presentation, assessment} and
# prolo_triage_fhir::schema::mapped_record), there is nothing to generate
# from: generate.mjs then writes types that say so (each is `unknown`-valued
# JSON, with this TODO in its comment) rather than types copied by hand.
# Once the feature is in, this script picks it up with no change.
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

has_schema_feature=$(cargo metadata --locked --no-deps --format-version 1 | node -e '
  const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const has = (name) => m.packages.some((p) => p.name === name && "schema" in p.features);
  console.log(has("prolo-triage") && has("prolo-triage-fhir") ? "yes" : "no");')

if [ "$has_schema_feature" = yes ]; then
  nice -n 10 cargo run -q --locked -p prolo-triage-wasm --bin prolo-triage-schemas \
    --features schema,prolo-triage/schema,prolo-triage-fhir/schema > "$scratch/schemas.json"
  node wasm/types/generate.mjs "$scratch/out" "$scratch/schemas.json"
else
  echo "types: TODO(schema): the core has no \`schema\` feature yet; writing the placeholder types" >&2
  node wasm/types/generate.mjs "$scratch/out"
fi

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
