#!/usr/bin/env bash
# atlas-load.json uses the DS_PROMETHEUS input, not a hard-coded datasource uid.
source "$(dirname "$0")/lib.sh"
requires jq

uids="$(jq -r '[.panels[].datasource.uid] | unique | join(",")' "$DASHBOARDS/atlas-load.json")"
assert_eq "$uids" '${DS_PROMETHEUS}'
pass
