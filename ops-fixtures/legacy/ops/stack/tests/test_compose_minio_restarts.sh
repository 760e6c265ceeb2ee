#!/usr/bin/env bash
# The minio service restarts unless stopped (merged from x-restart).
source "$(dirname "$0")/lib.sh"
requires yq

policy="$(yq 'explode(.) | .services.minio.restart' "$REPO_ROOT/ops/stack/compose/docker-compose.yaml")"
assert_eq "$policy" "unless-stopped"
pass
