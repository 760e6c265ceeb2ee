#!/usr/bin/env bash
# manifests/clinvar-summary.yaml sets QC row and null thresholds.
source "$(dirname "$0")/lib.sh"
requires yq

[[ "$(yq '.qc.min_rows' "$MANIFESTS/clinvar-summary.yaml")" -gt 0 ]] || fail "clinvar-summary: min_rows not set"
ratio="$(yq '.qc.max_null_ratio' "$MANIFESTS/clinvar-summary.yaml")"
awk -v r="$ratio" 'BEGIN { exit !(r >= 0 && r <= 1) }' || fail "clinvar-summary: max_null_ratio out of range"
pass
