#!/usr/bin/env bash
# Proves run.sh passes against stub_server.py and fails against each --bad mode.
# Leaves the captured request bodies in $HC_SELFTEST_OUT (default: a temp dir).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/hc-selftest.XXXXXX")"
export HC_VENV="${HC_VENV:-$work/venv}"
out="${HC_SELFTEST_OUT:-$work/out}"
mkdir -p "$out"
python3 "$here/make_sample_data.py" "$work/data"
stub_pid=""
stop_stub() { if [[ -n "$stub_pid" ]]; then kill "$stub_pid" 2>/dev/null; wait "$stub_pid" 2>/dev/null; stub_pid=""; fi; }
trap 'stop_stub; [[ -z "${HC_SELFTEST_OUT:-}" ]] && rm -rf "$work"' EXIT

start_stub() {  # $1: capture dir, rest: stub args
  local cap="$1"; shift
  rm -f "$work/port"
  python3 "$here/stub_server.py" --port-file "$work/port" --capture "$cap" "$@" >/dev/null &
  stub_pid=$!
  for _ in $(seq 50); do [[ -s "$work/port" ]] && break; sleep 0.1; done
  [[ -s "$work/port" ]] || { echo "stub did not start"; exit 1; }
}

passed=0; failed=0
expect() {  # $1: pass|fail, $2: label, rest: stub args
  local want="$1" label="$2"; shift 2
  start_stub "$out/$label" "$@"
  "$here/run.sh" --url "http://127.0.0.1:$(cat "$work/port")" --data "$work/data" \
      --save-requests "$out/$label/sent" >"$out/$label.log" 2>&1
  local rc=$?
  stop_stub
  if [[ "$want" == pass && $rc -eq 0 ]] || [[ "$want" == fail && $rc -ne 0 ]]; then
    passed=$((passed + 1)); echo "ok   $label (exit $rc)"
  else
    failed=$((failed + 1)); echo "FAIL $label (exit $rc, wanted $want)"; sed 's/^/    /' "$out/$label.log"
  fi
}

expect pass good
expect fail bad-summary --bad summary
expect fail bad-indicator --bad indicator
expect fail bad-null --bad null
expect fail bad-empty --bad empty
expect fail bad-status --bad status
expect fail bad-notjson --bad notjson
sed 's/^/    good: /' "$out/good.log"
echo "selftest: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
