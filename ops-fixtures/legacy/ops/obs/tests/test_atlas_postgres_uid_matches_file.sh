#!/usr/bin/env bash
# atlas-postgres.json has uid atlas-postgres, so links between dashboards keep working.
source "$(dirname "$0")/lib.sh"
requires jq

assert_eq "$(jq -r '.uid' "$DASHBOARDS/atlas-postgres.json")" "atlas-postgres"
pass
