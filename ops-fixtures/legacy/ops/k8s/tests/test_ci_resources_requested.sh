#!/usr/bin/env bash
# With ci values the container requests CPU and memory.
source "$(dirname "$0")/lib.sh"
requires helm yq jq

dep="$(render ci | doc Deployment atlas-atlas)"
cpu="$(jq -r '.spec.template.spec.containers[0].resources.requests.cpu // empty' <<<"$dep")"
mem="$(jq -r '.spec.template.spec.containers[0].resources.requests.memory // empty' <<<"$dep")"
[[ -n "$cpu" && -n "$mem" ]] || fail "ci: requests missing (cpu=$cpu memory=$mem)"
pass
