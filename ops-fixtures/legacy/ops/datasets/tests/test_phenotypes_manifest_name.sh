#!/usr/bin/env bash
# manifests/phenotypes.yaml is named after its file.
source "$(dirname "$0")/lib.sh"
requires yq

assert_eq "$(yq '.name' "$MANIFESTS/phenotypes.yaml")" "phenotypes"
pass
