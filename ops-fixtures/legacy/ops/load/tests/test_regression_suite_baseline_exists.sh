#!/usr/bin/env bash
# The regression suite names its baseline and the file exists.
source "$(dirname "$0")/lib.sh"
requires yq

baseline="$(yq '.baseline' "$SUITES/regression.yaml")"
assert_eq "$baseline" "baselines/regression.json"
assert_file "$LOAD/$baseline"
pass
