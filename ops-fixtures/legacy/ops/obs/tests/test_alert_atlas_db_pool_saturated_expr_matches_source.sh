#!/usr/bin/env bash
# AtlasDbPoolSaturated has the same expression in rules.json and the PrometheusRule.
source "$(dirname "$0")/lib.sh"
requires yq jq

want="$(jq -r '.alerts[] | select(.name == "AtlasDbPoolSaturated") | .expr' "$ALERTS_JSON")"
got="$(yq '.spec.groups[].rules[] | select(.alert == "AtlasDbPoolSaturated") | .expr' "$RULES_DIR/atlas-alerts.yaml")"
assert_eq "$got" "$want"
pass
