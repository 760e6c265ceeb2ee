#!/usr/bin/env bash
# The deprecated up.sh tells callers which make target replaces it.
source "$(dirname "$0")/lib.sh"

msg="$(sed -n '4p' "$REPO_ROOT/ops/stack/scripts/up.sh")"
assert_contains "$msg" "make ops-up"
assert_contains "$msg" ">&2"
pass
