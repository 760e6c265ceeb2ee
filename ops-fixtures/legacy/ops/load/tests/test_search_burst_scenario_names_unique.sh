#!/usr/bin/env bash
# Scenario names in the search-burst suite are unique.
source "$(dirname "$0")/lib.sh"
requires yq

dupes="$(yq -o=json 'explode(.) | [.scenarios[].name] | group_by(.) | map(select(length > 1)) | length' "$SUITES/search-burst.yaml")"
assert_eq "$dupes" "0"
pass
