#!/usr/bin/env bash
# The core and fhir tests on the newest semver-compatible dependencies (a copy).
#
# A host application that needs newer, semver-compatible versions of our
# dependencies (say serde ^1.0.230 while Cargo.lock pins 1.0.229) can build
# with the library crates: their requirements are carets, and this proves
# they hold. A copy of the workspace (the checkout's files, no target/ and
# no .git) takes `cargo update`, the newest compatible version of every
# dependency, and runs the core and fhir tests on it. The checkout's own
# Cargo.lock is left as it is: it keeps CI reproducible.
#
# Needs the crates.io registry (for the newest versions), nothing else.
# Builds in a target directory of its own (target/host-compat): cargo names
# a workspace crate's build by its path inside the workspace, the same in
# the copy as in the checkout, so in a shared directory the two would take
# each other's builds (and a test would read the other tree's files).
# Run alone from the repository root: `bash .ci/jobs/host-compat.sh`.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT

# Tracked and new files alike (so a local run tests the work in progress),
# not what .gitignore leaves out.
git ls-files -z --cached --others --exclude-standard \
  | tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null \
  | tar -xf - -C "$copy"
cd "$copy"
changes=$(cargo update 2>&1 | grep -E '^ +(Updating|Adding|Removing|Downgrading) ' | grep -v ' index$' || true)
if [ -z "$changes" ]; then
  echo "Cargo.lock already holds the newest compatible versions"
else
  echo "newest compatible versions, beyond Cargo.lock:"
  printf '%s\n' "$changes"
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}/host-compat"
# fhir/tests/bulk.rs runs the bulk-fhir example binary.
cargo build --locked -p prolo-triage-fhir --examples
cargo test --locked -p prolo-triage -p prolo-triage-fhir --lib --tests
echo "ok   host-compat: core and fhir pass their tests on the newest compatible dependencies"
# In CI this build is never reused: give its disk back to the steps after it.
if [ "${CI:-}" = true ]; then rm -rf "$CARGO_TARGET_DIR"; fi
