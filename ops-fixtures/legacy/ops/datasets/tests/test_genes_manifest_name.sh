#!/usr/bin/env bash
# manifests/genes.yaml is named after its file.
source "$(dirname "$0")/lib.sh"
requires yq

assert_eq "$(yq '.name' "$MANIFESTS/genes.yaml")" "genes"
pass
