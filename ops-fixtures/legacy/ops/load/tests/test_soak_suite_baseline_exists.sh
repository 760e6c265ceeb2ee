#!/usr/bin/env bash
# The soak suite names its baseline and the file exists.
source "$(dirname "$0")/lib.sh"
requires yq

baseline="$(yq '.baseline' "$SUITES/soak.yaml")"
assert_eq "$baseline" "baselines/soak.json"
assert_file "$LOAD/$baseline"
pass
