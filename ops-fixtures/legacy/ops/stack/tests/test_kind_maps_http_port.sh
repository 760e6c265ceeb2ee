#!/usr/bin/env bash
# Port 80 of the control plane is reachable on host port 8080.
source "$(dirname "$0")/lib.sh"
requires yq

assert_eq "$(yq '.nodes[0].extraPortMappings[0].hostPort' "$REPO_ROOT/ops/stack/kind/cluster.yaml")" "8080"
assert_eq "$(yq '.nodes[0].extraPortMappings[0].containerPort' "$REPO_ROOT/ops/stack/kind/cluster.yaml")" "80"
pass
