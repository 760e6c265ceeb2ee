#!/usr/bin/env bash
# No atlas pod restarted more than twice since the rollout.
source "$(dirname "$0")/lib.sh"
requires kubectl jq

restarts="$(kube get pods -l app.kubernetes.io/name=atlas -o json | jq '[.items[].status.containerStatuses[]?.restartCount] | max // 0')"
[[ "$restarts" -le 2 ]] || fail "a pod restarted $restarts times"
pass
