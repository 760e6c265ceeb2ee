#!/usr/bin/env bash
# Every replayed request path starts with /.
source "$(dirname "$0")/lib.sh"
requires jq

bad="$(jq -r '.scenarios[].requests[].path | select(startswith("/") | not)' "$LOAD/scenarios/scenarios.json")"
[[ -z "$bad" ]] || fail "relative paths: $bad"
pass
