#!/usr/bin/env bash
# manifests/transcripts.yaml sets QC row and null thresholds.
source "$(dirname "$0")/lib.sh"
requires yq

[[ "$(yq '.qc.min_rows' "$MANIFESTS/transcripts.yaml")" -gt 0 ]] || fail "transcripts: min_rows not set"
ratio="$(yq '.qc.max_null_ratio' "$MANIFESTS/transcripts.yaml")"
awk -v r="$ratio" 'BEGIN { exit !(r >= 0 && r <= 1) }' || fail "transcripts: max_null_ratio out of range"
pass
