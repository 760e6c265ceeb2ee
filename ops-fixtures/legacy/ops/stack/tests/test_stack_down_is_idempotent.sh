#!/usr/bin/env bash
# stack-down.sh succeeds twice in a row.
source "$(dirname "$0")/lib.sh"
requires docker kind

"$REPO_ROOT/ops/stack/scripts/stack-down.sh" >/dev/null 2>&1 || fail "first stack-down failed"
"$REPO_ROOT/ops/stack/scripts/stack-down.sh" >/dev/null 2>&1 || fail "second stack-down failed"
pass
