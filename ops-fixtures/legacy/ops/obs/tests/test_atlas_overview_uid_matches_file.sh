#!/usr/bin/env bash
# atlas-overview.json has uid atlas-overview, so links between dashboards keep working.
source "$(dirname "$0")/lib.sh"
requires jq

assert_eq "$(jq -r '.uid' "$DASHBOARDS/atlas-overview.json")" "atlas-overview"
pass
