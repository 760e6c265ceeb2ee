#!/usr/bin/env bash
# The chart renders with the staging values.
source "$(dirname "$0")/lib.sh"
requires helm

render staging > "$TEST_OUT/staging.yaml" || fail "helm template failed for staging"
[[ -s "$TEST_OUT/staging.yaml" ]] || fail "empty render for staging"
pass
