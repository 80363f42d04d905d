#!/usr/bin/env bash
# Every crate formatted as cargo fmt formats it.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo fmt --all -- --check
