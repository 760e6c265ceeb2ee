#!/usr/bin/env bash
# atlas-overview.json is provisioned read-only.
source "$(dirname "$0")/lib.sh"
requires jq

assert_eq "$(jq -r '.editable' "$DASHBOARDS/atlas-overview.json")" "false"
pass
