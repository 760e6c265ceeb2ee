#!/usr/bin/env bash
# The catalog lists clinvar-summary with the manifest's digest.
source "$(dirname "$0")/lib.sh"
requires yq jq

want="$(yq '.sha256' "$MANIFESTS/clinvar-summary.yaml")"
got="$(jq -r --arg n "clinvar-summary" '.datasets[] | select(.name == $n) | .sha256' "$CATALOG")"
[[ -n "$got" ]] || fail "clinvar-summary not in catalog.json"
assert_eq "$got" "$want" "catalog digest for clinvar-summary differs from its manifest"
pass
