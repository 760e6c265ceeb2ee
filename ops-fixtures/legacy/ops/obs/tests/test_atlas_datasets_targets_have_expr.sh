#!/usr/bin/env bash
# Every panel target in atlas-datasets.json has a PromQL expression.
source "$(dirname "$0")/lib.sh"
requires jq

empty="$(jq '[.panels[].targets[] | select((.expr // "") == "")] | length' "$DASHBOARDS/atlas-datasets.json")"
assert_eq "$empty" "0"
pass
