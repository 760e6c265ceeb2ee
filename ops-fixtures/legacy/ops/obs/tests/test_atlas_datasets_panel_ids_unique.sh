#!/usr/bin/env bash
# Panel ids in atlas-datasets.json are unique.
source "$(dirname "$0")/lib.sh"
requires jq

dupes="$(jq '[.panels[].id] | group_by(.) | map(select(length > 1)) | length' "$DASHBOARDS/atlas-datasets.json")"
assert_eq "$dupes" "0" "duplicate panel ids in atlas-datasets"
pass
