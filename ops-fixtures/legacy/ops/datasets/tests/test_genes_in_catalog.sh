#!/usr/bin/env bash
# The catalog lists genes with the manifest's digest.
source "$(dirname "$0")/lib.sh"
requires yq jq

want="$(yq '.sha256' "$MANIFESTS/genes.yaml")"
got="$(jq -r --arg n "genes" '.datasets[] | select(.name == $n) | .sha256' "$CATALOG")"
[[ -n "$got" ]] || fail "genes not in catalog.json"
assert_eq "$got" "$want" "catalog digest for genes differs from its manifest"
pass
