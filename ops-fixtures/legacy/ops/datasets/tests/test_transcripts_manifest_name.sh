#!/usr/bin/env bash
# manifests/transcripts.yaml is named after its file.
source "$(dirname "$0")/lib.sh"
requires yq

assert_eq "$(yq '.name' "$MANIFESTS/transcripts.yaml")" "transcripts"
pass
