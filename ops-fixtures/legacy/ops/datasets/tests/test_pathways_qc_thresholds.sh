#!/usr/bin/env bash
# manifests/pathways.yaml sets QC row and null thresholds.
source "$(dirname "$0")/lib.sh"
requires yq

[[ "$(yq '.qc.min_rows' "$MANIFESTS/pathways.yaml")" -gt 0 ]] || fail "pathways: min_rows not set"
ratio="$(yq '.qc.max_null_ratio' "$MANIFESTS/pathways.yaml")"
awk -v r="$ratio" 'BEGIN { exit !(r >= 0 && r <= 1) }' || fail "pathways: max_null_ratio out of range"
pass
