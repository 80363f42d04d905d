#!/usr/bin/env bash
# A workspace member's own checks, <member>/ci.sh (header drift, C and valgrind, wheel and pytest, FHIR fixtures, ...).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash "$1/ci.sh"
