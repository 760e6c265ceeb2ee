#!/usr/bin/env bash
# Adapter behind `atlasctl ops obs drill`: runs one drill and records its evidence.
set -euo pipefail
source "$(dirname "$0")/../../_lib/common.sh"
source "$(dirname "$0")/../lib/promql.sh"

drill="${1:?usage: run-drill.sh DRILL}"
evidence_dir="$REPO_ROOT/artifacts/evidence/obs/drills"
mkdir -p "$evidence_dir"

case "$drill" in
  alert-routing)
    started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    promql_wait 'ALERTS{alertname="AtlasSyntheticHeartbeat",alertstate="firing"}' 120 \
      && outcome=pass || outcome=fail
    ;;
  dashboard-freshness)
    started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    "$(dirname "$0")/check-dashboards.sh" && outcome=pass || outcome=fail
    ;;
  *) die "unknown drill: $drill" ;;
esac

jq -n --arg d "$drill" --arg s "$started" --arg o "$outcome" \
  '{schema_version: 1, kind: "drill", subject: $d, level: "functional", started_at: $s, outcome: $o}' \
  > "$evidence_dir/${drill}.json"
[[ "$outcome" == pass ]]
