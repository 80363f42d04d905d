# The job runner of .ci/run (sourced): `job NAME SCRIPT [ARGS]` runs one
# job and records its time and result; `summary` prints the table and
# exits non-zero if any job failed.

ci_names=()
ci_seconds=()
ci_results=()
ci_failed=0
ci_started=$SECONDS

# The disk space left: a full disk shows as a linker's "Bus error".
ci_free_disk() { df -Ph . 2>/dev/null | awk 'NR == 2 { print $4 }' || true; }

job() {
  local name=$1 script=$2
  shift 2
  if [ "$ci_failed" -ne 0 ] && [ "${CI_FAIL_FAST:-}" = 1 ]; then
    ci_names+=("$name"); ci_seconds+=(0); ci_results+=(skipped)
    return
  fi
  # The script's second line is its one-line description.
  printf '\n==> %s: %s\n' "$name" "$(sed -n '2s/^# *//p' "$script")"
  local started=$SECONDS status=0
  bash "$script" "$@" </dev/null || status=$?
  local took=$((SECONDS - started)) result=ok
  if [ "$status" -ne 0 ]; then
    result="FAILED ($status)"
    ci_failed=1
  fi
  printf '    (%s: %s in %d s; %d s in all; %s free on disk)\n' \
    "$name" "$result" "$took" $((SECONDS - ci_started)) "$(ci_free_disk)"
  ci_names+=("$name"); ci_seconds+=("$took"); ci_results+=("$result")
}

summary() {
  local i
  printf '\n| job | seconds | result |\n| --- | ---: | --- |\n'
  for i in "${!ci_names[@]}"; do
    printf '| %s | %d | %s |\n' "${ci_names[$i]}" "${ci_seconds[$i]}" "${ci_results[$i]}"
  done
  printf '| total | %d | %s |\n' $((SECONDS - ci_started)) \
    "$([ "$ci_failed" -eq 0 ] && echo "all green" || echo FAILED)"
  [ "$ci_failed" -eq 0 ]
}
