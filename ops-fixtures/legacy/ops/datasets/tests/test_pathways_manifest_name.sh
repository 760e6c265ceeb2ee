#!/usr/bin/env bash
# manifests/pathways.yaml is named after its file.
source "$(dirname "$0")/lib.sh"
requires yq

assert_eq "$(yq '.name' "$MANIFESTS/pathways.yaml")" "pathways"
pass
