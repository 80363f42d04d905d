#!/usr/bin/env bash
# Instruction counts under callgrind (gungraun; needs valgrind, installs gungraun-runner).
# The criterion benches are type-checked by the clippy job (--all-targets);
# building them in release only repeated that, for 5 minutes and 1 GB.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash benches/instructions.sh
