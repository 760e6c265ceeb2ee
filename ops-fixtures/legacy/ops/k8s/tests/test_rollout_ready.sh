#!/usr/bin/env bash
# After ops-k8s-deploy the atlas deployment is fully rolled out.
source "$(dirname "$0")/lib.sh"
requires kubectl

kube rollout status deployment/atlas-atlas --timeout 10s >/dev/null 2>&1 || skip "atlas is not deployed"
ready="$(kube get deployment atlas-atlas -o jsonpath='{.status.readyReplicas}')"
[[ "${ready:-0}" -ge 1 ]] || fail "no ready replica"
pass
