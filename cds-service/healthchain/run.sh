#!/usr/bin/env bash
# Independent CDS Hooks client check (healthchain). Usage:
#   HC_VENV=/path/to/venv ./run.sh --url http://127.0.0.1:PORT --data DIR [client.py options]
# HC_VENV is created if missing and reused if present; without it a temporary
# venv is made and removed afterwards. Non-interactive (fine with CI=true).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-python3}"
export PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1

tmp=""
if [[ -n "${HC_VENV:-}" ]]; then
  venv="$HC_VENV"
else
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/hc-venv.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  venv="$tmp/venv"
fi
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q -r "$here/requirements.txt"
"$venv/bin/python" "$here/client.py" "$@"
