#!/usr/bin/env bash
# AtlasSyntheticHeartbeat is routed to the drill receiver, never to a pager.
source "$(dirname "$0")/lib.sh"
requires yq

receiver="$(yq '.route.routes[] | select(.matchers[] == "alertname=\"AtlasSyntheticHeartbeat\"") | .receiver' "$ROUTE")"
assert_eq "$receiver" "atlas-drill"
pass
