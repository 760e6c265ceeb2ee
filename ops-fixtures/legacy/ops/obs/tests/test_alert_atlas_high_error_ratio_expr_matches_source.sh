#!/usr/bin/env bash
# AtlasHighErrorRatio has the same expression in rules.json and the PrometheusRule.
source "$(dirname "$0")/lib.sh"
requires yq jq

want="$(jq -r '.alerts[] | select(.name == "AtlasHighErrorRatio") | .expr' "$ALERTS_JSON")"
got="$(yq '.spec.groups[].rules[] | select(.alert == "AtlasHighErrorRatio") | .expr' "$RULES_DIR/atlas-alerts.yaml")"
assert_eq "$got" "$want"
pass
