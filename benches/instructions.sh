#!/usr/bin/env bash
# Instruction counts for the entry points (benches/instructions.rs), under
# Valgrind's callgrind through gungraun (the renamed iai-callgrind).
# Installs the runner binary if it is missing or of another version: it
# must match the `gungraun` version pinned in Cargo.toml.
# Usage: bash benches/instructions.sh [extra cargo bench arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^gungraun = "=\([0-9.]*\)"$/\1/p' Cargo.toml)
[ -n "$version" ] || { echo "gungraun is not pinned in Cargo.toml" >&2; exit 1; }
command -v valgrind >/dev/null 2>&1 || { echo "valgrind is needed" >&2; exit 1; }
if ! gungraun-runner --version 2>/dev/null | grep -qF "$version"; then
  cargo install --locked gungraun-runner --version "$version"
fi
cargo bench --locked -p prolo-triage --bench instructions "$@"
