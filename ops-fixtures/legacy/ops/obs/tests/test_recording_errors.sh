#!/usr/bin/env bash
# The recording rule route:atlas_http_errors:ratio_rate5m is defined and follows level:metric:operation.
source "$(dirname "$0")/lib.sh"
requires yq

yq -e '.spec.groups[].rules[] | select(.record == "route:atlas_http_errors:ratio_rate5m")' "$RULES_DIR/atlas-recording.yaml" >/dev/null \
  || fail "route:atlas_http_errors:ratio_rate5m not defined"
assert_match "route:atlas_http_errors:ratio_rate5m" '^[a-z_]+:[a-z0-9_]+:[a-z0-9_]+$'
pass
