#!/usr/bin/env bash
# run-drill.sh fails for a drill it does not know.
source "$(dirname "$0")/lib.sh"

if "$REPO_ROOT/ops/obs/scripts/run-drill.sh" nosuchdrill >/dev/null 2>&1; then
  fail "unknown drill accepted"
fi
pass
