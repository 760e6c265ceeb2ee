#!/usr/bin/env bash
# The smoke suite names a k6 script that exists.
source "$(dirname "$0")/lib.sh"
requires yq

assert_file "$LOAD/$(yq '.script' "$SUITES/smoke.yaml")"
pass
