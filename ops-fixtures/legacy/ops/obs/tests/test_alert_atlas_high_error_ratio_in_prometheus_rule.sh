#!/usr/bin/env bash
# AtlasHighErrorRatio from alerts/rules.json is deployed in the PrometheusRule.
source "$(dirname "$0")/lib.sh"
requires yq

yq -e '.spec.groups[].rules[] | select(.alert == "AtlasHighErrorRatio")' "$RULES_DIR/atlas-alerts.yaml" >/dev/null \
  || fail "AtlasHighErrorRatio missing from atlas-alerts.yaml"
pass
