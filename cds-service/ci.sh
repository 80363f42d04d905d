#!/usr/bin/env bash
# CI for the CDS Hooks service and REST API, beyond `cargo test` (which runs
# its loopback integration tests): the systemd unit verified, typed start-up
# errors, the binary as the README starts it (card links to the app at
# /app/ and the app served), the REST calls of the README,
# an independent CDS Hooks client (PyPI healthchain) validating every
# response, an independent OpenAPI fuzzer (PyPI schemathesis) against
# /openapi.json, 64-connection load on the hook and the REST route, SIGTERM
# under load, and JWT on from the example config and from the environment.
# Load runs last LOAD_SECONDS each (default 10); SCHEMATHESIS_EXAMPLES bounds
# the fuzzer (default 25 per operation).
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

echo "-- the example systemd unit"
if command -v systemd-analyze >/dev/null 2>&1; then
  # verify needs the ExecStart binary to exist: point it at the one built.
  sed "s|/usr/local/bin/prolo-triage-cds|$(realpath "$bin")|" cds-service/deploy/prolo-triage-cds.service \
    > "$scratch/prolo-triage-cds.service"
  systemd-analyze verify "$scratch/prolo-triage-cds.service"
  echo "ok   systemd-analyze verify"
else
  echo "skip systemd-analyze not installed"
fi

echo "-- settings that cannot work are refused at start, by name (flags and environment)"
expect_refusal() {
  local want="$1"; shift
  set +e
  "$@" 2> "$scratch/refused.log"
  local status=$?
  set -e
  [ "$status" -eq 2 ] || { echo "FAIL: $* exited $status, want 2"; cat "$scratch/refused.log"; exit 1; }
  grep -qF "$want" "$scratch/refused.log" || { echo "FAIL: want '$want'"; cat "$scratch/refused.log"; exit 1; }
  echo "ok   exit 2: $(tail -1 "$scratch/refused.log")"
}
expect_refusal "fhir_timeout_ms must be more than 0" \
  env PROLO_CDS_FHIR_TIMEOUT_MS=0 "$bin" --listen 127.0.0.1:0 --dangerously-disable-auth
expect_refusal "policies.default:" \
  "$bin" --listen 127.0.0.1:0 --dangerously-disable-auth --policy-named default=x.json
expect_refusal "issuer https://ehr.example.org: not a JWK Set" \
  "$bin" --listen 127.0.0.1:0 --issuer "https://ehr.example.org=cds-service/examples/data/patient-view-fever.json"
# The clinician app's folder (here a stand-in: web/dist is built by web/ci.sh).
app="$scratch/app"
mkdir -p "$app"
printf '<!DOCTYPE html><title>app</title>\n' > "$app/index.html"
expect_refusal "holds no index.html" \
  "$bin" --listen 127.0.0.1:8080 --dangerously-disable-auth --app-dir cds-service/examples
expect_refusal "set public_url" \
  env PROLO_CDS_APP_DIR="$app" "$bin" --listen 0.0.0.0:8080 --dangerously-disable-auth

echo "-- no issuer and no --dangerously-disable-auth: refuses to start"
set +e
"$bin" --listen 127.0.0.1:0 2> "$scratch/refused.log"
status=$?
set -e
[ "$status" -eq 2 ] || { echo "FAIL: exit $status, want 2"; exit 1; }
grep -q "no JWT issuer configured" "$scratch/refused.log" || { echo "FAIL: message"; cat "$scratch/refused.log"; exit 1; }
echo "ok   exit 2: $(tail -1 "$scratch/refused.log")"

echo "-- the service as the README starts it (authentication off, fixed as-of date, the app at /app/)"
port=$(free_port)
base="http://127.0.0.1:$port"
"$bin" --listen "127.0.0.1:$port" --as-of 2026-11-26 --dangerously-disable-auth --app-dir "$app" 2> "$scratch/service.log" &
service=$!
pids+=("$service")
wait_healthy "$base"
grep -q "AUTHENTICATION IS DISABLED" "$scratch/service.log" || { echo "FAIL: no warning at start"; exit 1; }
echo "ok   started, warned that authentication is off"
[ "$(post "$base/cds-services/prolo-triage" cds-service/examples/data/patient-view-fever.json)" = 200 ] || { echo "FAIL: fever call"; cat "$scratch/body"; exit 1; }
grep -q '"indicator":"critical"' "$scratch/body" || { echo "FAIL: fever card not critical"; cat "$scratch/body"; exit 1; }
echo "ok   example request -> critical card"
[ "$(post "$base/cds-services/prolo-triage" cds-service/examples/data/patient-view-warfarin.json)" = 200 ] || { echo "FAIL: warfarin call"; cat "$scratch/body"; exit 1; }
python3 - "$scratch/body" "$base" <<'PY'
import base64, json, sys
card = json.load(open(sys.argv[1]))["cards"][0]
(link,) = card["links"]
assert link["type"] == "absolute" and link["label"] == "Answer the open questions", link
prefix = sys.argv[2] + "/app/#p="
assert link["url"].startswith(prefix), link["url"]
p = link["url"][len(prefix):]
presentation = json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))
assert "conditions" in presentation, presentation
PY
[ "$(get "$base/app/")" = 200 ] || { echo "FAIL: /app/"; exit 1; }
grep -q '<title>app</title>' "$scratch/body" || { echo "FAIL: /app/ is not the folder's index.html"; exit 1; }
[ "$(get "$base/app/policy.json")" = 200 ] || { echo "FAIL: /app/policy.json"; exit 1; }
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["name"] == "literature-defaults"' "$scratch/body"
[ "$(get "$base/app/missing.js")" = 404 ] || { echo "FAIL: /app/missing.js"; exit 1; }
echo "ok   card with open questions -> link to /app/#p=<presentation>; /app/ and /app/policy.json served"

echo "-- the REST API as the README calls it"
for f in examples/data/0*.json; do
  [ "$(post "$base/v1/assess" "$f")" = 200 ] || { echo "FAIL: /v1/assess $f"; cat "$scratch/body"; exit 1; }
done
[ "$(post "$base/v1/assess" examples/data/07-child.json)" = 200 ] || { echo "FAIL: /v1/assess 07"; exit 1; }
python3 - "$scratch/body" <<'PY2'
import json, sys
a = json.load(open(sys.argv[1]))
assert a["verdict"] == "not_suitable" and a["policy"]["name"] == "literature-defaults", a["verdict"]
PY2
[ "$(post "$base/v1/assess" examples/data/bad-unknown-finding.json)" = 400 ] || { echo "FAIL: bad presentation"; exit 1; }
python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); assert p["path"] and p["status"] == 400 and p["type"].startswith("urn:prolo-triage:problem:"), p' "$scratch/body"
[ "$(get "$base/v1/policies")" = 200 ] || { echo "FAIL: policies"; exit 1; }
[ "$(get "$base/v1/questionnaire")" = 200 ] || { echo "FAIL: questionnaire"; exit 1; }
[ "$(get "$base/v1/intake-questionnaire")" = 200 ] || { echo "FAIL: intake questionnaire"; exit 1; }
[ "$(get "$base/openapi.json")" = 200 ] || { echo "FAIL: openapi.json"; exit 1; }
python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == json.load(open(sys.argv[2])), "served /openapi.json differs from docs/openapi.json"' "$scratch/body" docs/openapi.json
[ "$(get "$base/metrics")" = 200 ] || { echo "FAIL: metrics"; exit 1; }
grep -q '^prolo_triage_cds_verdicts_total{verdict="not_suitable",via="rest"} 2$' "$scratch/body" || { echo "FAIL: metrics"; cat "$scratch/body"; exit 1; }
echo "ok   /v1/assess, problem documents, /v1/policies, /v1/questionnaire, /v1/intake-questionnaire, /openapi.json = docs/openapi.json, /metrics"

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
[ "$(get "$base/v1/feedback?format=csv")" = 200 ] || { echo "FAIL: feedback export"; cat "$scratch/body"; exit 1; }
grep -q '^prolo-triage,ec5c4d5a-9a6c-4d5b-8f0e-1d8f64b5c2a1,overridden,patient-declines,' "$scratch/body" \
  || { echo "FAIL: the exported CSV lacks the feedback"; cat "$scratch/body"; exit 1; }
[ "$(get "$base/v1/source-attributes")" = 200 ] || { echo "FAIL: source attributes"; exit 1; }
python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == json.load(open(sys.argv[2])), "served source attributes differ from docs/regulatory/source-attributes.json"' "$scratch/body" docs/regulatory/source-attributes.json
echo "ok   feedback exported as CSV; /v1/source-attributes = docs/regulatory/source-attributes.json"

echo "-- independent OpenAPI fuzzer: schemathesis against /openapi.json (bounded)"
ST_VENV="${ST_VENV:-$scratch/st-venv}" bash cds-service/schemathesis/run.sh "$base/openapi.json" \
  "${SCHEMATHESIS_EXAMPLES:-25}" "${SCHEMATHESIS_SECONDS:-240}"

seconds="${LOAD_SECONDS:-10}"
echo "-- load: 64 concurrent connections for ${seconds} s on the hook route (release build)"
"$target/release/examples/load" --url "$base/cds-services/prolo-triage" \
  --body cds-service/examples/data/patient-view-warfarin.json \
  --seconds "$seconds" --concurrency 64 --pid "$service"
echo "-- load: 64 concurrent connections for ${seconds} s on POST /v1/assess"
"$target/release/examples/load" --url "$base/v1/assess" \
  --body examples/data/02-ankle-instability-apixaban.json \
  --seconds "$seconds" --concurrency 64 --pid "$service"

echo "-- SIGTERM under load: requests in flight finish, new ones refused, exit 0"
"$target/release/examples/load" --url "$base/v1/assess" \
  --body examples/data/02-ankle-instability-apixaban.json \
  --seconds 4 --concurrency 64 > "$scratch/load-term.out" 2>&1 &
loader=$!
sleep 1.5
kill -TERM "$service"
set +e
wait "$service"
status=$?
wait "$loader"
set -e
[ "$status" -eq 0 ] || { echo "FAIL: exit $status after SIGTERM"; tail -5 "$scratch/service.log"; exit 1; }
grep -q "stopped" "$scratch/service.log" || { echo "FAIL: no 'stopped' line"; exit 1; }
grep -q "stopping anyway" "$scratch/service.log" && { echo "FAIL: requests cut off"; exit 1; }
[ "$(get "$base/health")" = 0 ] || { echo "FAIL: still answering after SIGTERM"; exit 1; }
echo "ok   exit 0 after SIGTERM under load, connections refused after; load: $(head -1 "$scratch/load-term.out")"

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

echo "-- JWT on, configured by environment only, keys by JWK Set URL"
jwks_port=$(free_port)
python3 -m http.server "$jwks_port" --bind 127.0.0.1 --directory cds-service/examples > "$scratch/jwks.log" 2>&1 &
pids+=("$!")
port=$(free_port)
base="http://127.0.0.1:$port"
PROLO_CDS_LISTEN="127.0.0.1:$port" PROLO_CDS_PUBLIC_URL="$base" \
PROLO_CDS_ISSUERS="https://ehr.example.org=http://127.0.0.1:$jwks_port/test-issuer-jwks.json" \
PROLO_CDS_DOCS_URL="https://clinic.example.org/prolotherapy" PROLO_CDS_AS_OF=2026-11-26 \
  "$bin" 2> "$scratch/env.log" &
pids+=("$!")
wait_healthy "$base"
grep -q "JWT verification on" "$scratch/env.log" || { echo "FAIL: JWT not on"; cat "$scratch/env.log"; exit 1; }
[ "$(post "$base/v1/assess" examples/data/07-child.json)" = 401 ] || { echo "FAIL: REST without a token"; exit 1; }
grep -q '"status":401' "$scratch/body" || { echo "FAIL: 401 problem"; cat "$scratch/body"; exit 1; }
echo "ok   settings from the environment; REST refuses a call without a token (problem+json)"
echo "cds-service: all green"
