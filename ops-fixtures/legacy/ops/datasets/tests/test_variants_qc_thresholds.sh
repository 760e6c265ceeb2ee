#!/usr/bin/env bash
# manifests/variants.yaml sets QC row and null thresholds.
source "$(dirname "$0")/lib.sh"
requires yq

[[ "$(yq '.qc.min_rows' "$MANIFESTS/variants.yaml")" -gt 0 ]] || fail "variants: min_rows not set"
ratio="$(yq '.qc.max_null_ratio' "$MANIFESTS/variants.yaml")"
awk -v r="$ratio" 'BEGIN { exit !(r >= 0 && r <= 1) }' || fail "variants: max_null_ratio out of range"
pass
