#!/usr/bin/env bash
# Builds the clinician app and the patient's intake into web/dist/ (static
# files: index.html, app.js, style.css; patient.html, patient.js,
# patient.css; the .wasm): `bash web/build.sh`. Builds the npm
# package first (bash wasm/build.sh) when wasm/pkg is missing, installs the
# npm dependencies from package-lock.json when node_modules is missing, and
# bundles with esbuild. Nothing is loaded from a CDN: the page is the files
# in dist/ and nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> web build: %s\n' "$*"; }

if [ ! -f wasm/pkg/prolo_triage_bg.wasm ] || [ "${WEB_REBUILD_WASM:-0}" = 1 ]; then
  step "the npm package (wasm/build.sh)"
  bash wasm/build.sh
fi

step "npm ci"
# Always: prolo-triage is a file: dependency, copied from wasm/pkg.
(cd web && nice -n 10 npm ci --no-audit --no-fund --install-links --ignore-scripts)

step "esbuild"
rm -rf web/dist
mkdir -p web/dist
nice -n 10 web/node_modules/.bin/esbuild web/src/app.js web/src/patient.js --bundle --format=esm \
  --target=es2022 --platform=browser --minify --sourcemap --outdir=web/dist --log-level=warning
cp web/src/index.html web/src/style.css web/src/patient.html web/src/patient.css web/dist/
cp web/node_modules/prolo-triage/prolo_triage_bg.wasm web/dist/
ls -l web/dist
