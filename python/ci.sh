#!/usr/bin/env bash
# CI for the Python package: run from the repository root as
# `bash python/ci.sh` (.ci/run does). Needs python3 (3.9 or later, with
# venv and pip), the Rust toolchain, PyPI and crates.io.
#
# Builds the wheel with maturin into a virtual environment (python/.venv,
# or $PROLO_TRIAGE_VENV), installs it as a user would, and runs pytest, the
# stub check and the Rust lints. Cargo builds go to $CARGO_TARGET_DIR when
# set, else the workspace's target/.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> python: %s\n' "$*"; }

venv="${PROLO_TRIAGE_VENV:-python/.venv}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

step "format and clippy (prolo-triage-python)"
cargo fmt -p prolo-triage-python -- --check
cargo clippy --locked -p prolo-triage-python --all-targets -- -D warnings

step "virtual environment $venv"
# Reuse a working environment; rebuild one that a killed run left broken.
if ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
  rm -rf "$venv"
  python3 -m venv "$venv"
fi
py="$(cd "$venv" && pwd)/bin/python"
"$py" --version
"$py" -m pip install --quiet -r python/requirements-ci.txt

step "build the wheel (maturin, release)"
"$(dirname "$py")/maturin" build --release --locked \
  --manifest-path python/Cargo.toml --interpreter "$py" --out "$scratch/wheels"
wheel=$(ls "$scratch"/wheels/prolo_triage-*.whl)
# The stubs and the py.typed marker travel in the wheel.
listing=$("$py" -m zipfile -l "$wheel")
for file in prolo_triage/__init__.pyi prolo_triage/py.typed; do
  grep -qF "$file" <<<"$listing" || { echo "FAIL: $file not in $wheel"; exit 1; }
done
"$py" -m pip install --quiet --force-reinstall --no-deps "$wheel"

step "pytest (the Spark job's test included: local[2], loopback, 20 000 rows)"
# The Spark test checks every row against the Rust batch example.
cargo build --locked --release --example batch
target_dir="${CARGO_TARGET_DIR:-target}"
case "$target_dir" in /*) ;; *) target_dir="$(pwd)/$target_dir" ;; esac
export PROLO_BATCH="$target_dir/release/examples/batch"
export PROLO_REQUIRE_SPARK=1 SPARK_LOCAL_IP=127.0.0.1
(cd python && "$py" -m pytest)

step "benchmark: rows/s of assess, assess_many, assess_arrow beside the Rust batch (small, not asserted)"
"$py" python/benchmarks/bench.py --rows 5000 --batch "$PROLO_BATCH"

step "stubs match the module; tests type-check against them"
(cd python &&
  "$py" -m mypy.stubtest prolo_triage --allowlist stubtest-allowlist.txt &&
  "$py" -m mypy --strict tests)

step "python ok (${SECONDS}s)"
