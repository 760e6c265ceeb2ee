#!/usr/bin/env bash
# manifests/transcripts.yaml pins a full sha256 digest.
source "$(dirname "$0")/lib.sh"
requires yq

assert_match "$(yq '.sha256' "$MANIFESTS/transcripts.yaml")" '^[0-9a-f]{64}$'
pass
