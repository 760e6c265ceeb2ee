#!/usr/bin/env bash
# The committed suite index lists soak.
source "$(dirname "$0")/lib.sh"
requires jq

jq -e --arg s "soak" '.suites[] | select(.name == $s)' "$SUITE_INDEX" >/dev/null || fail "soak not in suite-index.json"
pass
