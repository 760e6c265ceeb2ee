#!/usr/bin/env bash
# The minio service publishes port 9001 on the host.
source "$(dirname "$0")/lib.sh"
requires yq

ports="$(yq '.services.minio.ports[]' "$REPO_ROOT/ops/stack/compose/docker-compose.yaml")"
assert_contains "$ports" "9001:9001"
pass
