#!/usr/bin/env bash
# summarize.py fails cleanly when the summary file is missing.
source "$(dirname "$0")/lib.sh"
requires python3

if python3 "$LOAD/scripts/summarize.py" smoke /nonexistent.json >/dev/null 2>&1; then
  fail "summarize.py accepted a missing summary"
fi
pass
