#!/usr/bin/env bash
# The postgres service publishes port 5432 on the host.
source "$(dirname "$0")/lib.sh"
requires yq

ports="$(yq '.services.postgres.ports[]' "$REPO_ROOT/ops/stack/compose/docker-compose.yaml")"
assert_contains "$ports" "5432:5432"
pass
