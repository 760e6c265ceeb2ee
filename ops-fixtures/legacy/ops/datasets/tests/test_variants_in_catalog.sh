#!/usr/bin/env bash
# The catalog lists variants with the manifest's digest.
source "$(dirname "$0")/lib.sh"
requires yq jq

want="$(yq '.sha256' "$MANIFESTS/variants.yaml")"
got="$(jq -r --arg n "variants" '.datasets[] | select(.name == $n) | .sha256' "$CATALOG")"
[[ -n "$got" ]] || fail "variants not in catalog.json"
assert_eq "$got" "$want" "catalog digest for variants differs from its manifest"
pass
