#!/usr/bin/env bash
# The committed suite index lists search-burst.
source "$(dirname "$0")/lib.sh"
requires jq

jq -e --arg s "search-burst" '.suites[] | select(.name == $s)' "$SUITE_INDEX" >/dev/null || fail "search-burst not in suite-index.json"
pass
