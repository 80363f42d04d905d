#!/usr/bin/env bash
# The doc tests of the default members, on their own.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo test --locked --doc
