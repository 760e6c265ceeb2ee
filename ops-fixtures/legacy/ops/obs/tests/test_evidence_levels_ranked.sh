#!/usr/bin/env bash
# Evidence levels in report/evidence-levels.json have distinct increasing ranks.
source "$(dirname "$0")/lib.sh"
requires jq

ranks="$(jq -c '[.levels[].rank]' "$REPO_ROOT/ops/obs/report/evidence-levels.json")"
assert_eq "$ranks" "$(jq -c 'sort | unique' <<<"$ranks")"
pass
