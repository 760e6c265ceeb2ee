#!/usr/bin/env bash
# Scenario weights in scenarios/scenarios.json add up to 100.
source "$(dirname "$0")/lib.sh"
requires jq

assert_eq "$(jq '[.scenarios[].weight] | add' "$LOAD/scenarios/scenarios.json")" "100"
pass
