#!/usr/bin/env bash
# Adapter: fails when a dashboard panel returns no series for the last hour.
set -euo pipefail
source "$(dirname "$0")/../../_lib/common.sh"
source "$(dirname "$0")/../lib/promql.sh"

status=0
for dashboard in "$REPO_ROOT"/ops/obs/dashboards/*.json; do
  while IFS= read -r expr; do
    promql_has_series "$expr" || { log "no data: $(basename "$dashboard"): $expr"; status=1; }
  done < <(jq -r '.panels[].targets[0].expr' "$dashboard")
done
exit "$status"
