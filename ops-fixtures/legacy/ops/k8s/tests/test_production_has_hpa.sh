#!/usr/bin/env bash
# production renders a HorizontalPodAutoscaler instead of a fixed replica count.
source "$(dirname "$0")/lib.sh"
requires helm yq jq

out="$(render production)"
hpa="$(doc HorizontalPodAutoscaler atlas-atlas <<<"$out")"
[[ -n "$hpa" ]] || fail "no HPA for production"
replicas="$(doc Deployment atlas-atlas <<<"$out" | jq -r '.spec.replicas // "unset"')"
assert_eq "$replicas" "unset" "production sets replicas next to an HPA"
pass
