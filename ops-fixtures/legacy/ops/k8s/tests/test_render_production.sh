#!/usr/bin/env bash
# The chart renders with the production values.
source "$(dirname "$0")/lib.sh"
requires helm

render production > "$TEST_OUT/production.yaml" || fail "helm template failed for production"
[[ -s "$TEST_OUT/production.yaml" ]] || fail "empty render for production"
pass
