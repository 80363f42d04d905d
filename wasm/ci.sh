#!/usr/bin/env bash
# CI for the WebAssembly member (called by .ci/run; alone from the repo
# root: `bash wasm/ci.sh`). Lints and tests the crate natively, builds the
# npm package (wasm/build.sh: wasm-bindgen CLI and binaryen installed when
# missing, the generated types drift-checked), type-checks the package's
# .d.ts, then runs the Node tests against the native examples. The
# clinician app's browser tests are web/ci.sh, the next member in .ci/run.
#
# Needs cargo, node 20 and npm; apt-get as root when wasm-opt is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> wasm: %s\n' "$*"; }
start=$(date +%s)

step "format and clippy (host and wasm32)"
cargo fmt -p prolo-triage-wasm -- --check
cargo clippy --locked -p prolo-triage-wasm --all-targets -- -D warnings
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  cargo clippy --locked -p prolo-triage-wasm --lib --target wasm32-unknown-unknown -- -D warnings
fi

step "native tests of the glue (calls, QuestionnaireResponse round trip)"
cargo test --locked -p prolo-triage-wasm

step "npm ci (build tools: json-schema-to-typescript, typescript)"
(cd wasm && npm ci --no-audit --no-fund --ignore-scripts)

step "build the npm package"
bash wasm/build.sh

step "the package's .d.ts type-check (tsc --noEmit)"
wasm/node_modules/.bin/tsc -p wasm/tests/tsconfig.json

step "native examples to compare with"
cargo build --locked --example triage --example handout
cargo build --locked --release --example batch
cargo build --locked -p prolo-triage-fhir --example fhir-triage

step "node --test wasm/tests/"
node --test wasm/tests/

step "wasm green in $(( $(date +%s) - start )) s"
