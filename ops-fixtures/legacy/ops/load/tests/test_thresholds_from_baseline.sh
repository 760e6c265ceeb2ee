#!/usr/bin/env bash
# lib/config.js builds thresholds from the baseline fields that exist.
source "$(dirname "$0")/lib.sh"
requires jq

for field in error_ratio p95_ms; do
  grep -q "baseline.$field" "$LOAD/k6/lib/config.js" || fail "config.js does not read $field"
  jq -e --arg f "$field" 'has($f)' "$LOAD/baselines/smoke.json" >/dev/null || fail "baseline has no $field"
done
pass
