#!/usr/bin/env bash
# Adapter behind `atlasctl ops stack down`.
set -euo pipefail
. "$(dirname "$0")/../../_lib/common.sh"

docker compose -f "$REPO_ROOT/ops/stack/compose/docker-compose.yaml" -p atlas down -v || true
if kind get clusters | grep -qx atlas; then
  log "deleting kind cluster atlas"
  kind delete cluster --name atlas
fi
