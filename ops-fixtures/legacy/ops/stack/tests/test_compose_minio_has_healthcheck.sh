#!/usr/bin/env bash
# The minio service declares a healthcheck, so `up --wait` waits for it.
source "$(dirname "$0")/lib.sh"
requires yq

test_cmd="$(yq '.services.minio.healthcheck.test | length' "$REPO_ROOT/ops/stack/compose/docker-compose.yaml")"
[[ "$test_cmd" -gt 0 ]] || fail "minio has no healthcheck"
pass
