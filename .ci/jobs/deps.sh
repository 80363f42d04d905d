#!/usr/bin/env bash
# Lock files current; cargo deny check bans licenses sources (installs cargo-deny).
#
# The dependency graph: both lock files current, and cargo-deny's bans
# (duplicate versions, wildcards, [workspace.dependencies] used as such),
# licenses and sources checks, configured in deny.toml. Not advisories:
# that check fetches the RustSec database from its git repository, which
# CI's network (package registries only) does not reach.
# Installs cargo-deny from crates.io if it is missing.
# Run alone from the repository root: `bash .ci/jobs/deps.sh`.
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo metadata --locked --format-version 1 >/dev/null
cargo metadata --locked --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null
echo "ok   Cargo.lock and fuzz/Cargo.lock are current"

if ! command -v cargo-deny >/dev/null 2>&1; then
  # Without the fat LTO and single codegen unit of cargo-deny's release
  # profile: a few times faster to build, and it runs for seconds.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --locked cargo-deny --version 0.20.2
fi
cargo deny --version
cargo deny --workspace --locked check bans licenses sources
