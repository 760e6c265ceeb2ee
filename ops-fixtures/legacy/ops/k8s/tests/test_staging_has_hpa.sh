#!/usr/bin/env bash
# staging renders a HorizontalPodAutoscaler instead of a fixed replica count.
source "$(dirname "$0")/lib.sh"
requires helm yq jq

out="$(render staging)"
hpa="$(doc HorizontalPodAutoscaler atlas-atlas <<<"$out")"
[[ -n "$hpa" ]] || fail "no HPA for staging"
replicas="$(doc Deployment atlas-atlas <<<"$out" | jq -r '.spec.replicas // "unset"')"
assert_eq "$replicas" "unset" "staging sets replicas next to an HPA"
pass
