#!/usr/bin/env bash
# Chart.yaml quotes appVersion so 1.10 never becomes 1.1.
source "$(dirname "$0")/lib.sh"

grep -q '^appVersion: "' "$CHART/Chart.yaml" || fail "appVersion is not quoted"
pass
