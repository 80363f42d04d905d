#!/usr/bin/env bash
# The API docs build without a warning.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps
