#!/usr/bin/env bash
# catalog.json lists datasets sorted by name.
source "$(dirname "$0")/lib.sh"
requires jq

names="$(jq -r '.datasets[].name' "$CATALOG")"
assert_eq "$names" "$(sort <<<"$names")"
pass
