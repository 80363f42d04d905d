#!/usr/bin/env bash
# The libraries build on the rust-version they state (installs those toolchains).
#
# The library crates build on the oldest Rust they state (`rust-version`),
# as a host application on that toolchain would build them.
#
# For each rust-version among the library crates (read from their
# manifests, so this check follows them), a throw-away host crate depends
# on those crates by path and states the same rust-version. Its lock file
# is resolved by the current cargo with the rust-version-aware resolver
# (CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback): the newest
# dependency versions that still support that Rust, as a host on it gets.
# The workspace's own Cargo.lock is not used: it pins the newest versions
# for CI, which may need a newer Rust, and its format (v4) is newer than
# cargo 1.77 reads. Only the libraries (`--lib`, normal dependencies) are
# checked; their tests, examples and benches need a newer toolchain
# (README, "Toolchains").
#
# Installs each toolchain (minimal profile) if it is missing. Warnings are
# not errors here: lints are the current toolchain's job (clippy step).
# Run alone from the repository root: `bash .ci/jobs/msrv.sh`.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
target="${CARGO_TARGET_DIR:-$root/target}/msrv"
libs="prolo-triage prolo-triage-fhir prolo-triage-ffi"

# "version crate" lines, from the manifests as cargo reads them.
versions=$(cargo metadata --locked --no-deps --format-version 1 | python3 -c '
import json, sys
libs = sys.argv[1].split()
for p in json.load(sys.stdin)["packages"]:
    if p["name"] in libs:
        print(p["rust_version"] or "none", p["name"], p["manifest_path"].rsplit("/", 1)[0])
' "$libs")
if printf '%s\n' "$versions" | grep -q '^none '; then
  echo "FAIL a library crate states no rust-version:"; printf '%s\n' "$versions"; exit 1
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for version in $(printf '%s\n' "$versions" | cut -d' ' -f1 | sort -uV); do
  # (`rustup run` itself may install a missing toolchain, with more parts.)
  if ! rustup toolchain list | grep -q "^$version-"; then
    rustup toolchain install "$version" --profile minimal
  fi
  host="$scratch/host-$version"
  mkdir -p "$host/src"
  {
    printf '[package]\nname = "msrv-host"\nversion = "0.0.0"\nedition = "2021"\n'
    printf 'rust-version = "%s"\npublish = false\n\n[dependencies]\n' "$version"
    printf '%s\n' "$versions" | awk -v v="$version" '$1 == v { printf "%s = { path = \"%s\" }\n", $2, $3 }'
    printf '\n[workspace]\n'
  } > "$host/Cargo.toml"
  printf '//! Builds the library crates that state rust-version %s.\n' "$version" > "$host/src/lib.rs"
  crates=$(printf '%s\n' "$versions" | awk -v v="$version" '$1 == v { printf "%s ", $2 }')
  echo "rust $version: $crates"
  CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback \
    cargo generate-lockfile --quiet --manifest-path "$host/Cargo.toml"
  RUSTFLAGS="" cargo "+$version" check --quiet --locked \
    --manifest-path "$host/Cargo.toml" --target-dir "$target"
  echo "ok   $crates build on $(rustup run "$version" rustc --version)"
done
