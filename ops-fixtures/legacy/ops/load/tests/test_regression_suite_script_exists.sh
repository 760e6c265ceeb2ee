#!/usr/bin/env bash
# The regression suite names a k6 script that exists.
source "$(dirname "$0")/lib.sh"
requires yq

assert_file "$LOAD/$(yq '.script' "$SUITES/regression.yaml")"
pass
