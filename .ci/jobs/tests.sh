#!/usr/bin/env bash
# The README's test command: cargo test over the default members, the example tools' command lines included (tests/cli.rs).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo test --locked
