#!/usr/bin/env bash
# kube-apiserver runs in kube-system.
source "$(dirname "$0")/lib.sh"
requires kubectl jq

wait_for_cluster 10 || skip "no kind cluster"
phase="$(kubectl --context "$STACK_CONTEXT" -n kube-system get pods -o json \
  | jq -r '[.items[] | select(.metadata.name | startswith("kube-apiserver")) | .status.phase] | unique | join(",")')"
assert_eq "$phase" "Running" "kube-apiserver: $phase"
pass
