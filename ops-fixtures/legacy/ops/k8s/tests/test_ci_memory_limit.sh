#!/usr/bin/env bash
# With ci values the container has a memory limit.
source "$(dirname "$0")/lib.sh"
requires helm yq jq

dep="$(render ci | doc Deployment atlas-atlas)"
limit="$(jq -r '.spec.template.spec.containers[0].resources.limits.memory // empty' <<<"$dep")"
[[ -n "$limit" ]] || fail "ci: no memory limit"
pass
