#!/usr/bin/env bash
# manifests/phenotypes.yaml pins a full sha256 digest.
source "$(dirname "$0")/lib.sh"
requires yq

assert_match "$(yq '.sha256' "$MANIFESTS/phenotypes.yaml")" '^[0-9a-f]{64}$'
pass
