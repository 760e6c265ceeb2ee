#!/usr/bin/env bash
# The regression suite runs exactly the scenarios of scenarios.json.
source "$(dirname "$0")/lib.sh"
requires jq yq

want="$(jq -r '.scenarios | keys | sort | join(",")' "$LOAD/scenarios/scenarios.json")"
got="$(yq -o=json 'explode(.) | [.scenarios[].name] | sort | join(",")' "$SUITES/regression.yaml" | tr -d '"')"
assert_eq "$got" "$want"
pass
