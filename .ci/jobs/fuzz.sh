#!/usr/bin/env bash
# cargo fuzz (nightly) on each target for about a minute (FUZZ_SECONDS); installs cargo-fuzz.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked --version 0.13.2
fi
mkdir -p fuzz/corpus/assess_json fuzz/corpus/policy_json fuzz/corpus/structured
cp examples/data/*.json fuzz/corpus/assess_json/
for target in assess_json policy_json structured; do
  (cd fuzz && cargo +nightly fuzz run "$target" "corpus/$target" -- \
     -max_total_time="${FUZZ_SECONDS:-60}" -max_len=70000 -print_final_stats=1 2>&1 | tail -4)
done
