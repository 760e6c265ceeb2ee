#!/usr/bin/env bash
# manifests/pathways.yaml downloads from https or s3 only.
source "$(dirname "$0")/lib.sh"
requires yq

assert_match "$(yq '.source' "$MANIFESTS/pathways.yaml")" '^(https|s3)://'
pass
