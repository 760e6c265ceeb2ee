#!/usr/bin/env bash
# Every panel target in atlas-overview.json has a PromQL expression.
source "$(dirname "$0")/lib.sh"
requires jq

empty="$(jq '[.panels[].targets[] | select((.expr // "") == "")] | length' "$DASHBOARDS/atlas-overview.json")"
assert_eq "$empty" "0"
pass
