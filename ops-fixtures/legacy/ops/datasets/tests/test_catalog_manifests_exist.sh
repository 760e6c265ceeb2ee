#!/usr/bin/env bash
# Every catalog entry points at a manifest that exists.
source "$(dirname "$0")/lib.sh"
requires jq

for m in $(jq -r '.datasets[].manifest' "$CATALOG"); do
  assert_file "$DATASETS/$m"
done
pass
