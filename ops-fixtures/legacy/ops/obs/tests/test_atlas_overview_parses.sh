#!/usr/bin/env bash
# atlas-overview.json is valid JSON.
source "$(dirname "$0")/lib.sh"
requires jq

jq empty "$DASHBOARDS/atlas-overview.json" || fail "atlas-overview.json does not parse"
pass
