#!/usr/bin/env bash
# The catalog lists phenotypes with the manifest's digest.
source "$(dirname "$0")/lib.sh"
requires yq jq

want="$(yq '.sha256' "$MANIFESTS/phenotypes.yaml")"
got="$(jq -r --arg n "phenotypes" '.datasets[] | select(.name == $n) | .sha256' "$CATALOG")"
[[ -n "$got" ]] || fail "phenotypes not in catalog.json"
assert_eq "$got" "$want" "catalog digest for phenotypes differs from its manifest"
pass
