#!/usr/bin/env bash
# Scenario names in the smoke suite are unique.
source "$(dirname "$0")/lib.sh"
requires yq

dupes="$(yq -o=json 'explode(.) | [.scenarios[].name] | group_by(.) | map(select(length > 1)) | length' "$SUITES/smoke.yaml")"
assert_eq "$dupes" "0"
pass
