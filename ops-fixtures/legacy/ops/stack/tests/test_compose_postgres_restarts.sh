#!/usr/bin/env bash
# The postgres service restarts unless stopped (merged from x-restart).
source "$(dirname "$0")/lib.sh"
requires yq

policy="$(yq 'explode(.) | .services.postgres.restart' "$REPO_ROOT/ops/stack/compose/docker-compose.yaml")"
assert_eq "$policy" "unless-stopped"
pass
