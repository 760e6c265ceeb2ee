#!/usr/bin/env bash
# The control plane carries ingress-ready=true for the ingress controller.
source "$(dirname "$0")/lib.sh"
requires yq

patch="$(yq '.nodes[0].kubeadmConfigPatches[0]' "$REPO_ROOT/ops/stack/kind/cluster.yaml")"
assert_contains "$patch" 'node-labels: "ingress-ready=true"'
pass
