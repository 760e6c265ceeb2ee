#!/usr/bin/env bash
# manifests/genes.yaml sets QC row and null thresholds.
source "$(dirname "$0")/lib.sh"
requires yq

[[ "$(yq '.qc.min_rows' "$MANIFESTS/genes.yaml")" -gt 0 ]] || fail "genes: min_rows not set"
ratio="$(yq '.qc.max_null_ratio' "$MANIFESTS/genes.yaml")"
awk -v r="$ratio" 'BEGIN { exit !(r >= 0 && r <= 1) }' || fail "genes: max_null_ratio out of range"
pass
