#!/usr/bin/env bash
# stack-up.sh refuses flags it does not know instead of ignoring them.
source "$(dirname "$0")/lib.sh"

if out="$("$REPO_ROOT/ops/stack/scripts/stack-up.sh" --bogus 2>&1)"; then
  fail "stack-up.sh accepted --bogus"
fi
assert_contains "$out" "unknown argument"
pass
