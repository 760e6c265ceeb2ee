#!/usr/bin/env bash
# The catalog lists pathways with the manifest's digest.
source "$(dirname "$0")/lib.sh"
requires yq jq

want="$(yq '.sha256' "$MANIFESTS/pathways.yaml")"
got="$(jq -r --arg n "pathways" '.datasets[] | select(.name == $n) | .sha256' "$CATALOG")"
[[ -n "$got" ]] || fail "pathways not in catalog.json"
assert_eq "$got" "$want" "catalog digest for pathways differs from its manifest"
pass
