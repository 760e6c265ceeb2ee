#!/usr/bin/env bash
# The chart's values.schema.json accepts the chart's own defaults.
source "$(dirname "$0")/lib.sh"
requires helm

helm template atlas "$CHART" >/dev/null || fail "defaults rejected by values.schema.json"
pass
