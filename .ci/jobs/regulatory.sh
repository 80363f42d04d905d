#!/usr/bin/env bash
# docs/regulatory/ against the tables: source attributes, intended use, the clinical change log's tie to RULES_FINGERPRINT, the CycloneDX SBOM (cargo-cyclonedx); without --check, regenerates them.
#
#   bash .ci/jobs/regulatory.sh --check   # CI: fail when a document has drifted
#   bash .ci/jobs/regulatory.sh           # regenerate docs/regulatory/ (review the diff)
set -euo pipefail
cd "$(dirname "$0")/../.."

check=0
case "${1:-}" in
  --check) check=1 ;;
  "") ;;
  *) echo "usage: bash .ci/jobs/regulatory.sh [--check]" >&2; exit 2 ;;
esac

# The SBOM tool, installed once (idempotent: an installed copy of this
# version is kept).
cyclonedx_version=0.5.9
if ! cargo cyclonedx --version 2>/dev/null | grep -q "$cyclonedx_version"; then
  cargo install cargo-cyclonedx --locked --version "$cyclonedx_version"
fi

# The generated documents and the change log's tie, by their test.
if [ "$check" = 1 ]; then
  cargo test --locked -q -p prolo-triage-cds --test integration regulatory::
else
  PROLO_REGENERATE=1 cargo test --locked -q -p prolo-triage-cds --test integration regulatory::
fi

# The SBOMs of what a device maker embeds (the core library) and what an
# EHR vendor hosts (the CDS service), made in a scratch copy of the
# manifests so the work tree gains no stray files.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cargo cyclonedx --format json --spec-version 1.5 --target all \
  --override-filename sbom >/dev/null 2>"$scratch/cyclonedx.log" || { cat "$scratch/cyclonedx.log" >&2; exit 1; }
# cargo-cyclonedx writes one file beside each member's Cargo.toml; the
# workspace's own bom-refs name the checkout's absolute path, written here
# as `file://.` so the document is the same in any clone.
root=$(pwd)
for pair in ".:prolo-triage" "cds-service:prolo-triage-cds"; do
  dir=${pair%%:*} name=${pair#*:}
  sed "s|file://$root|file://.|g" "$dir/sbom.json" > "$scratch/$name.cdx.json"
done
git ls-files --others -- 'sbom.json' '*/sbom.json' | xargs -r rm -f

# What varies by run (serial number, timestamps) is left out of the
# comparison and kept as committed.
normalise() {
  python3 - "$1" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc.pop("serialNumber", None)
doc.get("metadata", {}).pop("timestamp", None)
print(json.dumps(doc, indent=2, sort_keys=True))
PY
}
status=0
for name in prolo-triage prolo-triage-cds; do
  committed="docs/regulatory/sbom/$name.cdx.json"
  if [ "$check" = 1 ]; then
    if ! diff -u <(normalise "$committed") <(normalise "$scratch/$name.cdx.json") > "$scratch/$name.diff"; then
      echo "$committed has drifted (regenerate: bash .ci/jobs/regulatory.sh):" >&2
      head -40 "$scratch/$name.diff" >&2
      status=1
    fi
  else
    mkdir -p docs/regulatory/sbom
    cp "$scratch/$name.cdx.json" "$committed"
  fi
  printf '%s: %s components\n' "$committed" \
    "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1])).get("components", [])))' "$scratch/$name.cdx.json")"
done
exit "$status"
