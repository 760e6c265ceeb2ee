#!/usr/bin/env bash
# The committed suite index lists regression.
source "$(dirname "$0")/lib.sh"
requires jq

jq -e --arg s "regression" '.suites[] | select(.name == $s)' "$SUITE_INDEX" >/dev/null || fail "regression not in suite-index.json"
pass
