#!/usr/bin/env bash
# Every kind node runs the same node image.
source "$(dirname "$0")/lib.sh"
requires yq

images="$(yq '.nodes[].image' "$REPO_ROOT/ops/stack/kind/cluster.yaml" | sort -u | wc -l)"
assert_eq "$images" "1" "nodes run different images"
pass
