#!/usr/bin/env bash
# CI for the web app, the clinician's page and the patient's intake (called
# by .ci/run after wasm/ci.sh; alone from
# the repo root: `bash web/ci.sh`, which builds the package when
# missing). Installs Debian's chromium
# when missing, builds web/dist (web/build.sh: npm ci from the committed
# package-lock.json, esbuild), and runs the browser tests on loopback
# (web/tests/app.test.mjs; one starts the CDS service on a free loopback
# port with web/dist at /app/, posts a hook call and follows the card's
# link, killing the service at its end; web/tests/patient.test.mjs, the
# patient's journeys at phone and desktop widths, the QR code decoded and
# followed to the clinician's page). Screenshots go to web/screenshots/
# (not in git; the README's are copied into web/docs/).
#
# Needs node 20 and npm, the native `triage` example and the
# `prolo-triage-cds` binary (debug, both built here), and apt-get as root
# when chromium is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> web: %s\n' "$*"; }
start=$(date +%s)

step "chromium"
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
chromium --version 2>/dev/null

step "build web/dist"
bash web/build.sh

step "native triage to compare with, and the CDS service whose card links open the app"
nice -n 10 cargo build --locked --example triage
nice -n 10 cargo build --locked -p prolo-triage-cds --bin prolo-triage-cds

step "browser tests (node --test web/tests/)"
# playwright-core never downloads a browser: it drives the chromium above.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
node --test --test-concurrency=1 web/tests/

step "web green in $(( $(date +%s) - start )) s; screenshots in web/screenshots/"
