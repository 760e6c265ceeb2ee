#!/usr/bin/env bash
# manifests/clinvar-summary.yaml is named after its file.
source "$(dirname "$0")/lib.sh"
requires yq

assert_eq "$(yq '.name' "$MANIFESTS/clinvar-summary.yaml")" "clinvar-summary"
pass
