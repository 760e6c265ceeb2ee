#!/usr/bin/env bash
# The compose project is called atlas so every adapter finds it.
source "$(dirname "$0")/lib.sh"
requires yq

assert_eq "$(yq '.name' "$REPO_ROOT/ops/stack/compose/docker-compose.yaml")" "atlas"
pass
