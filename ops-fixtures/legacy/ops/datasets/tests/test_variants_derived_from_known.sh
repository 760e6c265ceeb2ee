#!/usr/bin/env bash
# Every dataset variants is derived from has its own manifest.
source "$(dirname "$0")/lib.sh"
requires yq

for parent in $(yq '.derived_from // [] | .[]' "$MANIFESTS/variants.yaml"); do
  assert_file "$MANIFESTS/$parent.yaml"
done
pass
