#!/usr/bin/env bash
# schemathesis (PyPI) against a running service's OpenAPI document: no server
# error, every response conforming to its schema, documented status codes and
# content types. Usage: ST_VENV=DIR ./run.sh URL/openapi.json [EXAMPLES] [SECONDS]
# The venv is created if missing and reused if present. Loopback only; bounded
# by the number of examples per operation and by SECONDS in all.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
url="$1"
examples="${2:-25}"
seconds="${3:-240}"
export PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
venv="${ST_VENV:?ST_VENV must name a venv directory}"
if [[ ! -x "$venv/bin/schemathesis" ]]; then
  "${PYTHON:-python3}" -m venv "$venv"
  "$venv/bin/python" -m pip install -q -r "$here/requirements.txt"
fi
case "$url" in
  http://127.0.0.1:*|http://localhost:*|http://\[::1\]:*) ;;
  *) echo "schemathesis: loopback URLs only, not $url" >&2; exit 2 ;;
esac
# It keeps reports under ./.schemathesis: run it in a scratch folder.
work="$(mktemp -d "${TMPDIR:-/tmp}/st.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
timeout --kill-after=10 "$seconds" "$venv/bin/schemathesis" run "$url" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,negative_data_rejection,unsupported_method \
  --generation-with-security-parameters false \
  --max-examples "$examples" \
  --request-timeout 10 \
  --seed 1 \
  --no-color \
  --suppress-health-check all \
  --generation-database none
