#!/usr/bin/env bash
# atlas-postgres.json is provisioned read-only.
source "$(dirname "$0")/lib.sh"
requires jq

assert_eq "$(jq -r '.editable' "$DASHBOARDS/atlas-postgres.json")" "false"
pass
