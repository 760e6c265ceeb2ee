#!/usr/bin/env bash
# The committed suite index lists spike.
source "$(dirname "$0")/lib.sh"
requires jq

jq -e --arg s "spike" '.suites[] | select(.name == $s)' "$SUITE_INDEX" >/dev/null || fail "spike not in suite-index.json"
pass
