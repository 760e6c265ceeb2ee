#!/usr/bin/env bash
# AtlasSyntheticHeartbeat from alerts/rules.json is deployed in the PrometheusRule.
source "$(dirname "$0")/lib.sh"
requires yq

yq -e '.spec.groups[].rules[] | select(.alert == "AtlasSyntheticHeartbeat")' "$RULES_DIR/atlas-alerts.yaml" >/dev/null \
  || fail "AtlasSyntheticHeartbeat missing from atlas-alerts.yaml"
pass
