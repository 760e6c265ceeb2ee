#!/usr/bin/env bash
# manifests/phenotypes.yaml sets QC row and null thresholds.
source "$(dirname "$0")/lib.sh"
requires yq

[[ "$(yq '.qc.min_rows' "$MANIFESTS/phenotypes.yaml")" -gt 0 ]] || fail "phenotypes: min_rows not set"
ratio="$(yq '.qc.max_null_ratio' "$MANIFESTS/phenotypes.yaml")"
awk -v r="$ratio" 'BEGIN { exit !(r >= 0 && r <= 1) }' || fail "phenotypes: max_null_ratio out of range"
pass
