#!/usr/bin/env bash
# CI for the C ABI: build the library, check the checked-in header against a
# fresh cbindgen run, compile the C smoke test with the system `cc` against
# the shared and the static library, run both, then once under valgrind.
#
#   bash ffi/ci.sh                   # from the repository root (.ci/run does)
#   bash ffi/ci.sh --update-header   # regenerate ffi/include/prolo_triage.h
#
# Needs cargo, cc and valgrind; installs the pinned cbindgen with cargo when
# none is on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

# The header in ffi/include was generated with this version; another
# version may lay it out differently.
CBINDGEN_VERSION=0.29.4

header=ffi/include/prolo_triage.h
target="${CARGO_TARGET_DIR:-target}"
libdir="$target/debug"

step() { printf '\n==> ffi: %s\n' "$*"; }

update_header=0
case "${1:-}" in
  "") ;;
  --update-header) update_header=1 ;;
  *) echo "usage: bash ffi/ci.sh [--update-header]" >&2; exit 2 ;;
esac
# The one variable that regenerates every generated file of the workspace.
if [ "${PROLO_REGENERATE:-}" = 1 ]; then update_header=1; fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

step "cbindgen"
if command -v cbindgen >/dev/null 2>&1; then
  cbindgen=$(command -v cbindgen)
else
  # A tool, not part of the project: built without the project's RUSTFLAGS.
  env -u RUSTFLAGS cargo install cbindgen --locked --version "$CBINDGEN_VERSION"
  cbindgen="${CARGO_HOME:-$HOME/.cargo}/bin/cbindgen"
fi
have=$("$cbindgen" --version | awk '{print $2}')
echo "cbindgen $have ($cbindgen)"
if [ "$have" != "$CBINDGEN_VERSION" ]; then
  echo "warning: the header is generated with cbindgen $CBINDGEN_VERSION, this is $have;" \
    "a difference below may come from the version" >&2
fi

step "header"
"$cbindgen" --quiet --config ffi/cbindgen.toml --output "$scratch/prolo_triage.h" ffi
if [ "$update_header" -eq 1 ]; then
  cp "$scratch/prolo_triage.h" "$header"
  echo "wrote $header"
  exit 0
fi
if ! diff -u "$header" "$scratch/prolo_triage.h"; then
  echo "FAIL $header differs from what cbindgen makes of ffi/src (diff above);" \
    "regenerate it with: bash ffi/ci.sh --update-header" >&2
  exit 1
fi
echo "ok   $header is up to date"

step "build (cdylib, staticlib)"
cargo build --locked -p prolo-triage-ffi
shared="$libdir/libprolo_triage_ffi.so"
static="$libdir/libprolo_triage_ffi.a"
ls -l "$shared" "$static"

step "compile the C smoke test"
# The header alone, as the README promises: C99 and C++.
cc -std=c99 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -x c "$header"
if command -v c++ >/dev/null 2>&1; then
  c++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -x c++ "$header"
fi
cflags=(-std=c11 -Wall -Wextra -Wpedantic -Werror -g -Iffi/include)
cc "${cflags[@]}" ffi/tests/smoke.c -o "$scratch/smoke-shared" \
  -L"$libdir" -l:libprolo_triage_ffi.so -Wl,-rpath,"$(cd "$libdir" && pwd)"
cc "${cflags[@]}" ffi/tests/smoke.c -o "$scratch/smoke-static" \
  "$static" -lpthread -ldl -lm

step "run the C smoke test (shared library)"
"$scratch/smoke-shared" examples/data

step "run the C smoke test (static library)"
"$scratch/smoke-static" examples/data

step "run the C smoke test under valgrind (static library)"
command -v valgrind >/dev/null || { echo "FAIL valgrind is not installed" >&2; exit 1; }
valgrind --leak-check=full --error-exitcode=1 \
  "$scratch/smoke-static" examples/data >"$scratch/valgrind.out" 2>&1 || {
  cat "$scratch/valgrind.out"
  echo "FAIL valgrind found errors or leaks (above)" >&2
  exit 1
}
grep -E 'ERROR SUMMARY|definitely lost|All heap blocks|in use at exit|smoke:' "$scratch/valgrind.out"
