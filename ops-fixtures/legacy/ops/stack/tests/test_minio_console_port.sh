#!/usr/bin/env bash
# The MinIO console listens on 9001.
source "$(dirname "$0")/lib.sh"
requires yq

cmd="$(yq '.services.minio.command' "$REPO_ROOT/ops/stack/compose/docker-compose.yaml")"
assert_contains "$cmd" "--console-address :9001"
pass
