#!/usr/bin/env bash
# The smoke baseline allows a p99 at least as high as its p95.
source "$(dirname "$0")/lib.sh"
requires jq

b="$LOAD/baselines/smoke.json"
[[ "$(jq '.p99_ms >= .p95_ms' "$b")" == true ]] || fail "p99 below p95 in smoke"
pass
