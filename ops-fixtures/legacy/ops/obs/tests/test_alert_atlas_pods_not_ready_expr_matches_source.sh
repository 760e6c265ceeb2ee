#!/usr/bin/env bash
# AtlasPodsNotReady has the same expression in rules.json and the PrometheusRule.
source "$(dirname "$0")/lib.sh"
requires yq jq

want="$(jq -r '.alerts[] | select(.name == "AtlasPodsNotReady") | .expr' "$ALERTS_JSON")"
got="$(yq '.spec.groups[].rules[] | select(.alert == "AtlasPodsNotReady") | .expr' "$RULES_DIR/atlas-alerts.yaml")"
assert_eq "$got" "$want"
pass
