#!/usr/bin/env bash
# CI for the CDS Hooks service, beyond `cargo test` (which runs its loopback
# integration tests): the binary as the README starts it, an independent
# client (PyPI healthchain) validating every response, a short load test,
# JWT on from the example config, and graceful shutdown.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${CARGO_TARGET_DIR:-target}"
cargo build --locked --release -p prolo-triage-cds --bin prolo-triage-cds --example load
bin="$target/release/prolo-triage-cds"

scratch=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# GET a URL; print the status code and keep the body in $scratch/body.
get() {
  python3 - "$1" "$scratch/body" <<'PY'
import sys, urllib.request, urllib.error
try:
    r = urllib.request.urlopen(sys.argv[1], timeout=5)
    status, body = r.status, r.read()
except urllib.error.HTTPError as e:
    status, body = e.code, e.read()
except OSError:
    status, body = 0, b""
open(sys.argv[2], "wb").write(body)
print(status)
PY
}

# POST a file; print the status code.
post() {
  python3 - "$1" "$2" "$scratch/body" <<'PY'
import sys, urllib.request, urllib.error
req = urllib.request.Request(sys.argv[1], data=open(sys.argv[2], "rb").read(),
                             headers={"Content-Type": "application/json"})
try:
    r = urllib.request.urlopen(req, timeout=5)
    status, body = r.status, r.read()
except urllib.error.HTTPError as e:
    status, body = e.code, e.read()
open(sys.argv[3], "wb").write(body)
print(status)
PY
}

wait_healthy() {
  for _ in $(seq 100); do
    [ "$(get "$1/health")" = 200 ] && return 0
    sleep 0.1
  done
  echo "FAIL: no answer on $1/health"; return 1
}

echo "-- no issuer and no --dangerously-disable-auth: refuses to start"
set +e
"$bin" --listen 127.0.0.1:0 2> "$scratch/refused.log"
status=$?
set -e
[ "$status" -eq 2 ] || { echo "FAIL: exit $status, want 2"; exit 1; }
grep -q "no JWT issuer configured" "$scratch/refused.log" || { echo "FAIL: message"; cat "$scratch/refused.log"; exit 1; }
echo "ok   exit 2: $(tail -1 "$scratch/refused.log")"

echo "-- the service as the README starts it (authentication off, fixed as-of date)"
port=$(free_port)
base="http://127.0.0.1:$port"
"$bin" --listen "127.0.0.1:$port" --as-of 2026-11-26 --dangerously-disable-auth 2> "$scratch/service.log" &
service=$!
pids+=("$service")
wait_healthy "$base"
grep -q "AUTHENTICATION IS DISABLED" "$scratch/service.log" || { echo "FAIL: no warning at start"; exit 1; }
echo "ok   started, warned that authentication is off"
[ "$(post "$base/cds-services/prolo-triage" cds-service/examples/data/patient-view-fever.json)" = 200 ] || { echo "FAIL: fever call"; cat "$scratch/body"; exit 1; }
grep -q '"indicator":"critical"' "$scratch/body" || { echo "FAIL: fever card not critical"; cat "$scratch/body"; exit 1; }
echo "ok   example request -> critical card"

echo "-- independent client: healthchain SandboxClient on patient-view, every response validated"
data="$scratch/healthchain-data"
mkdir -p "$data"
cp fhir/tests/fixtures/bundles/plantar-fasciitis-*.json "$data/"
# A patient without a foot condition: no card.
python3 - "$data/no-foot-condition.json" <<'PY'
import json, sys
patient = json.load(open("fhir/tests/fixtures/hl7/Patient-example.json"))
json.dump({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": patient}]}, open(sys.argv[1], "w"))
PY
HC_VENV="${HC_VENV:-$scratch/hc-venv}" bash cds-service/healthchain/run.sh --url "$base" --data "$data" \
  --align-patient-id --max-seconds 120 \
  --expect plantar-fasciitis-fever-f202.json=critical \
  --expect plantar-fasciitis-screened.json=warning \
  --expect plantar-fasciitis-warfarin.json=warning \
  --expect plantar-fasciitis-no-observations.json=warning \
  --expect no-foot-condition.json=-

echo "-- feedback: checked and logged as a structured line"
cat > "$scratch/feedback.json" <<'JSON'
{"feedback": [{"card": "ec5c4d5a-9a6c-4d5b-8f0e-1d8f64b5c2a1", "outcome": "overridden",
  "overrideReason": {"reason": {"system": "urn:prolo-triage:cds:override-reason", "code": "patient-declines",
                                "display": "Patient does not want to discuss prolotherapy"}},
  "outcomeTimestamp": "2026-11-26T10:00:00Z"}]}
JSON
[ "$(post "$base/cds-services/prolo-triage/feedback" "$scratch/feedback.json")" = 200 ] || { echo "FAIL: feedback"; cat "$scratch/body"; exit 1; }
grep -q 'card feedback.*card=ec5c4d5a-9a6c-4d5b-8f0e-1d8f64b5c2a1.*outcome="overridden".*override_reason="patient-declines"' "$scratch/service.log" \
  || { echo "FAIL: no feedback log line"; grep feedback "$scratch/service.log"; exit 1; }
echo "ok   feedback logged: $(grep 'card feedback' "$scratch/service.log" | tail -1 | cut -c1-160)"

echo "-- load: 64 concurrent connections on loopback (release build)"
"$target/release/examples/load" --url "$base/cds-services/prolo-triage" \
  --body cds-service/examples/data/patient-view-warfarin.json \
  --requests "${LOAD_REQUESTS:-5000}" --concurrency 64 --max-seconds 60

echo "-- graceful shutdown on SIGTERM"
kill -TERM "$service"
set +e
wait "$service"
status=$?
set -e
[ "$status" -eq 0 ] || { echo "FAIL: exit $status after SIGTERM"; tail -5 "$scratch/service.log"; exit 1; }
grep -q "stopped" "$scratch/service.log" || { echo "FAIL: no 'stopped' line"; exit 1; }
echo "ok   exit 0 after SIGTERM"

echo "-- JWT on, from the example config file"
port=$(free_port)
base="http://127.0.0.1:$port"
"$bin" --config cds-service/examples/config.toml --listen "127.0.0.1:$port" --public-url "$base" \
  --log-format json 2> "$scratch/jwt.log" &
pids+=("$!")
wait_healthy "$base"
status=$(post "$base/cds-services/prolo-triage" cds-service/examples/data/patient-view-warfarin.json)
[ "$status" = 401 ] || { echo "FAIL: unauthenticated call gave $status"; exit 1; }
grep -q '"kind":"unauthorized"' "$scratch/body" || { echo "FAIL: 401 body"; cat "$scratch/body"; exit 1; }
[ "$(get "$base/cds-services")" = 200 ] || { echo "FAIL: discovery"; exit 1; }
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1]) if l.strip()]' "$scratch/jwt.log" \
  || { echo "FAIL: --log-format json wrote a line that is not JSON"; exit 1; }
echo "ok   401 without a token; discovery open; JSON log lines"
echo "cds-service: all green"
