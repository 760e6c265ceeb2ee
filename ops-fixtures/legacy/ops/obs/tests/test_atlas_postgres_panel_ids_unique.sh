#!/usr/bin/env bash
# Panel ids in atlas-postgres.json are unique.
source "$(dirname "$0")/lib.sh"
requires jq

dupes="$(jq '[.panels[].id] | group_by(.) | map(select(length > 1)) | length' "$DASHBOARDS/atlas-postgres.json")"
assert_eq "$dupes" "0" "duplicate panel ids in atlas-postgres"
pass
