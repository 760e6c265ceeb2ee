#!/usr/bin/env bash
# manifests/variants.yaml is named after its file.
source "$(dirname "$0")/lib.sh"
requires yq

assert_eq "$(yq '.name' "$MANIFESTS/variants.yaml")" "variants"
pass
