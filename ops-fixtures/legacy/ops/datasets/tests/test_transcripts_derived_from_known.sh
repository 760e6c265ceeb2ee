#!/usr/bin/env bash
# Every dataset transcripts is derived from has its own manifest.
source "$(dirname "$0")/lib.sh"
requires yq

for parent in $(yq '.derived_from // [] | .[]' "$MANIFESTS/transcripts.yaml"); do
  assert_file "$MANIFESTS/$parent.yaml"
done
pass
