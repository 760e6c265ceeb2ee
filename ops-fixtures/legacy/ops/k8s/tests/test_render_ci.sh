#!/usr/bin/env bash
# The chart renders with the ci values.
source "$(dirname "$0")/lib.sh"
requires helm

render ci > "$TEST_OUT/ci.yaml" || fail "helm template failed for ci"
[[ -s "$TEST_OUT/ci.yaml" ]] || fail "empty render for ci"
pass
