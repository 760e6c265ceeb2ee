#!/usr/bin/env bash
# The kind profile declares 1 worker node(s).
source "$(dirname "$0")/lib.sh"
requires yq

count="$(yq '[.nodes[] | select(.role == "worker")] | length' "$REPO_ROOT/ops/stack/kind/cluster.yaml")"
assert_eq "$count" "1"
pass
