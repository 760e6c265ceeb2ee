#!/usr/bin/env bash
# atlas-postgres.json is valid JSON.
source "$(dirname "$0")/lib.sh"
requires jq

jq empty "$DASHBOARDS/atlas-postgres.json" || fail "atlas-postgres.json does not parse"
pass
