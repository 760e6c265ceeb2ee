#!/usr/bin/env bash
# The search-burst suite names its baseline and the file exists.
source "$(dirname "$0")/lib.sh"
requires yq

baseline="$(yq '.baseline' "$SUITES/search-burst.yaml")"
assert_eq "$baseline" "baselines/search-burst.json"
assert_file "$LOAD/$baseline"
pass
