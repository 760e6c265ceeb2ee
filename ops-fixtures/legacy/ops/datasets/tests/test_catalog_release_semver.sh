#!/usr/bin/env bash
# Catalog releases are semantic versions.
source "$(dirname "$0")/lib.sh"
requires jq

for r in $(jq -r '.datasets[].release' "$CATALOG"); do
  assert_match "$r" '^[0-9]+\.[0-9]+\.[0-9]+$'
done
pass
