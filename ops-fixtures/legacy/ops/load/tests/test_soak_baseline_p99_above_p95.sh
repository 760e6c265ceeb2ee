#!/usr/bin/env bash
# The soak baseline allows a p99 at least as high as its p95.
source "$(dirname "$0")/lib.sh"
requires jq

b="$LOAD/baselines/soak.json"
[[ "$(jq '.p99_ms >= .p95_ms' "$b")" == true ]] || fail "p99 below p95 in soak"
pass
