#!/usr/bin/env bash
# The chart renders with the local values.
source "$(dirname "$0")/lib.sh"
requires helm

render local > "$TEST_OUT/local.yaml" || fail "helm template failed for local"
[[ -s "$TEST_OUT/local.yaml" ]] || fail "empty render for local"
pass
