#!/usr/bin/env bash
# manifests/clinvar-summary.yaml downloads from https or s3 only.
source "$(dirname "$0")/lib.sh"
requires yq

assert_match "$(yq '.source' "$MANIFESTS/clinvar-summary.yaml")" '^(https|s3)://'
pass
