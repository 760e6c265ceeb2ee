#!/usr/bin/env bash
# The catalog lists transcripts with the manifest's digest.
source "$(dirname "$0")/lib.sh"
requires yq jq

want="$(yq '.sha256' "$MANIFESTS/transcripts.yaml")"
got="$(jq -r --arg n "transcripts" '.datasets[] | select(.name == $n) | .sha256' "$CATALOG")"
[[ -n "$got" ]] || fail "transcripts not in catalog.json"
assert_eq "$got" "$want" "catalog digest for transcripts differs from its manifest"
pass
