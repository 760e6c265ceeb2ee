#!/usr/bin/env bash
# Every named volume a service mounts is declared at the top level.
source "$(dirname "$0")/lib.sh"
requires yq

declared="$(yq '.volumes | keys | .[]' "$REPO_ROOT/ops/stack/compose/docker-compose.yaml")"
for v in pgdata miniodata; do
  assert_contains "$declared" "$v"
done
pass
