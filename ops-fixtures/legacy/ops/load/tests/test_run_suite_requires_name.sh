#!/usr/bin/env bash
# run-suite.sh without a suite prints its usage and fails.
source "$(dirname "$0")/lib.sh"

if out="$("$LOAD/scripts/run-suite.sh" 2>&1)"; then
  fail "run-suite.sh ran without a suite"
fi
assert_contains "$out" "usage: run-suite.sh SUITE"
pass
