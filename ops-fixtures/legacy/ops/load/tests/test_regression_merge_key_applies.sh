#!/usr/bin/env bash
# The YAML merge key gives every regression scenario the shared duration.
source "$(dirname "$0")/lib.sh"
requires yq

durations="$(yq 'explode(.) | [.scenarios[].duration] | unique | join(",")' "$SUITES/regression.yaml")"
assert_eq "$durations" "10m"
pass
