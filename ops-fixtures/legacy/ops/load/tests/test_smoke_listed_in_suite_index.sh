#!/usr/bin/env bash
# The committed suite index lists smoke.
source "$(dirname "$0")/lib.sh"
requires jq

jq -e --arg s "smoke" '.suites[] | select(.name == $s)' "$SUITE_INDEX" >/dev/null || fail "smoke not in suite-index.json"
pass
