#!/usr/bin/env bash
# Clippy on every target of the workspace (Python's crate: python/ci.sh), warnings as errors.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo clippy --locked --workspace --exclude prolo-triage-python --all-targets -- -D warnings
