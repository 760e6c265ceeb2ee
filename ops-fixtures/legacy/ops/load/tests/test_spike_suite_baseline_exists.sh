#!/usr/bin/env bash
# The spike suite names its baseline and the file exists.
source "$(dirname "$0")/lib.sh"
requires yq

baseline="$(yq '.baseline' "$SUITES/spike.yaml")"
assert_eq "$baseline" "baselines/spike.json"
assert_file "$LOAD/$baseline"
pass
