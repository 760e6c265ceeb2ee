#!/usr/bin/env bash
# AtlasDatasetPinStale has the same expression in rules.json and the PrometheusRule.
source "$(dirname "$0")/lib.sh"
requires yq jq

want="$(jq -r '.alerts[] | select(.name == "AtlasDatasetPinStale") | .expr' "$ALERTS_JSON")"
got="$(yq '.spec.groups[].rules[] | select(.alert == "AtlasDatasetPinStale") | .expr' "$RULES_DIR/atlas-alerts.yaml")"
assert_eq "$got" "$want"
pass
