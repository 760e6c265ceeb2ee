#!/usr/bin/env bash
# Adapter behind `atlasctl ops stack up`: kind cluster plus the compose dependencies.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../_lib/common.sh"

profile="local"
skip_cluster=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --profile) profile="$2"; shift 2 ;;
    --skip-cluster) skip_cluster=1; shift ;;
    *) die "unknown argument: $1" ;;
  esac
done

LOG_DIR="$OPS_ARTIFACTS/stack"
mkdir -p "$LOG_DIR"
exec > >(tee -a "$LOG_DIR/up.log") 2>&1

require_tool docker
if [[ "$skip_cluster" -eq 0 ]]; then
  require_tool kind
  if ! kind get clusters | grep -qx atlas; then
    log "creating kind cluster atlas ($profile)"
    kind create cluster --name atlas --config "$REPO_ROOT/ops/stack/kind/cluster.yaml" --wait 120s
  fi
fi

log "starting compose dependencies"
docker compose -f "$REPO_ROOT/ops/stack/compose/docker-compose.yaml" -p atlas up -d --wait postgres minio
log "stack ready"
