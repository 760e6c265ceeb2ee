#!/usr/bin/env bash
# Production autoscaling keeps the merged defaults and raises maxReplicas.
source "$(dirname "$0")/lib.sh"
requires helm yq jq

hpa="$(render production | doc HorizontalPodAutoscaler atlas-atlas)"
assert_eq "$(jq -r '.spec.minReplicas' <<<"$hpa")" "4"
assert_eq "$(jq -r '.spec.maxReplicas' <<<"$hpa")" "16"
pass
