#!/usr/bin/env bash
# The qc package's unit tests pass.
source "$(dirname "$0")/lib.sh"
requires python3

(cd "$DATASETS/tools" && python3 -m pytest -q qc >/dev/null) || fail "qc unit tests failed"
pass
