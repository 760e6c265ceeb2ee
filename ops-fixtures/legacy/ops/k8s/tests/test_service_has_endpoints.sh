#!/usr/bin/env bash
# The atlas service has at least one ready endpoint.
source "$(dirname "$0")/lib.sh"
requires kubectl

eps="$(kube get endpoints atlas-atlas -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null)" || skip "atlas is not deployed"
[[ -n "$eps" ]] || fail "service atlas-atlas has no endpoints"
pass
