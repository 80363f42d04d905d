#!/usr/bin/env bash
# The brute-force semantic check in release, where it runs more cases (tests/semantics.rs).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo test --locked --release --test lib semantics::
