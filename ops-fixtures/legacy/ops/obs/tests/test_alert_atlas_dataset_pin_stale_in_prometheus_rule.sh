#!/usr/bin/env bash
# AtlasDatasetPinStale from alerts/rules.json is deployed in the PrometheusRule.
source "$(dirname "$0")/lib.sh"
requires yq

yq -e '.spec.groups[].rules[] | select(.alert == "AtlasDatasetPinStale")' "$RULES_DIR/atlas-alerts.yaml" >/dev/null \
  || fail "AtlasDatasetPinStale missing from atlas-alerts.yaml"
pass
