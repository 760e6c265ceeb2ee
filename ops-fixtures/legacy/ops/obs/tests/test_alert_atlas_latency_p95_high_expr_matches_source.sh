#!/usr/bin/env bash
# AtlasLatencyP95High has the same expression in rules.json and the PrometheusRule.
source "$(dirname "$0")/lib.sh"
requires yq jq

want="$(jq -r '.alerts[] | select(.name == "AtlasLatencyP95High") | .expr' "$ALERTS_JSON")"
got="$(yq '.spec.groups[].rules[] | select(.alert == "AtlasLatencyP95High") | .expr' "$RULES_DIR/atlas-alerts.yaml")"
assert_eq "$got" "$want"
pass
