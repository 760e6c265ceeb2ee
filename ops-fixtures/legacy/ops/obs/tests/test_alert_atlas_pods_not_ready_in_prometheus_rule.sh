#!/usr/bin/env bash
# AtlasPodsNotReady from alerts/rules.json is deployed in the PrometheusRule.
source "$(dirname "$0")/lib.sh"
requires yq

yq -e '.spec.groups[].rules[] | select(.alert == "AtlasPodsNotReady")' "$RULES_DIR/atlas-alerts.yaml" >/dev/null \
  || fail "AtlasPodsNotReady missing from atlas-alerts.yaml"
pass
