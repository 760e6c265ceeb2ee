#!/usr/bin/env bash
# AtlasLatencyP95High from alerts/rules.json is deployed in the PrometheusRule.
source "$(dirname "$0")/lib.sh"
requires yq

yq -e '.spec.groups[].rules[] | select(.alert == "AtlasLatencyP95High")' "$RULES_DIR/atlas-alerts.yaml" >/dev/null \
  || fail "AtlasLatencyP95High missing from atlas-alerts.yaml"
pass
