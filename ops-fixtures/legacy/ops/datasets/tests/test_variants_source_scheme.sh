#!/usr/bin/env bash
# manifests/variants.yaml downloads from https or s3 only.
source "$(dirname "$0")/lib.sh"
requires yq

assert_match "$(yq '.source' "$MANIFESTS/variants.yaml")" '^(https|s3)://'
pass
