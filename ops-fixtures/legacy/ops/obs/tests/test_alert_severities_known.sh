#!/usr/bin/env bash
# Alert severities are page, ticket or info.
source "$(dirname "$0")/lib.sh"
requires jq

bad="$(jq -r '.alerts[] | select(.severity | IN("page", "ticket", "info") | not) | .name' "$ALERTS_JSON")"
[[ -z "$bad" ]] || fail "unknown severity on: $bad"
pass
