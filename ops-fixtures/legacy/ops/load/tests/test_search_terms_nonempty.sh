#!/usr/bin/env bash
# The search-burst term list has no empty lines.
source "$(dirname "$0")/lib.sh"

if grep -n '^$' "$LOAD/k6/data/search-terms.txt"; then
  fail "empty search term"
fi
pass
