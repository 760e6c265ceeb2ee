#!/usr/bin/env bash
# atlas-datasets.json has uid atlas-datasets, so links between dashboards keep working.
source "$(dirname "$0")/lib.sh"
requires jq

assert_eq "$(jq -r '.uid' "$DASHBOARDS/atlas-datasets.json")" "atlas-datasets"
pass
