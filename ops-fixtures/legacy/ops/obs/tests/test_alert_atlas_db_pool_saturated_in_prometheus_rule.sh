#!/usr/bin/env bash
# AtlasDbPoolSaturated from alerts/rules.json is deployed in the PrometheusRule.
source "$(dirname "$0")/lib.sh"
requires yq

yq -e '.spec.groups[].rules[] | select(.alert == "AtlasDbPoolSaturated")' "$RULES_DIR/atlas-alerts.yaml" >/dev/null \
  || fail "AtlasDbPoolSaturated missing from atlas-alerts.yaml"
pass
