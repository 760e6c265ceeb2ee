#!/usr/bin/env bash
# atlas-load.json is valid JSON.
source "$(dirname "$0")/lib.sh"
requires jq

jq empty "$DASHBOARDS/atlas-load.json" || fail "atlas-load.json does not parse"
pass
