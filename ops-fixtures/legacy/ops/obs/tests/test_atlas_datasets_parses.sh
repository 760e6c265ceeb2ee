#!/usr/bin/env bash
# atlas-datasets.json is valid JSON.
source "$(dirname "$0")/lib.sh"
requires jq

jq empty "$DASHBOARDS/atlas-datasets.json" || fail "atlas-datasets.json does not parse"
pass
