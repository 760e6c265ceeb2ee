#!/usr/bin/env bash
# The smoke suite names its baseline and the file exists.
source "$(dirname "$0")/lib.sh"
requires yq

baseline="$(yq '.baseline' "$SUITES/smoke.yaml")"
assert_eq "$baseline" "baselines/smoke.json"
assert_file "$LOAD/$baseline"
pass
