#!/usr/bin/env bash
# atlas-load.json has uid atlas-load, so links between dashboards keep working.
source "$(dirname "$0")/lib.sh"
requires jq

assert_eq "$(jq -r '.uid' "$DASHBOARDS/atlas-load.json")" "atlas-load"
pass
