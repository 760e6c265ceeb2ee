#!/usr/bin/env bash
# Adapter behind `atlasctl ops k8s deploy`: helm upgrade --install with a profile's values.
set -euo pipefail
source "$(dirname "$0")/../../_lib/common.sh"
source "$(dirname "$0")/../../_lib/kube.sh"
source "$(dirname "$0")/kube.sh"

profile="${1:-local}"
dry_run="${DRY_RUN:-}"
values="$REPO_ROOT/ops/k8s/values/${profile}.yaml"

args=(upgrade --install atlas "$REPO_ROOT/ops/k8s/charts/atlas"
      --namespace "$ATLAS_NAMESPACE" --create-namespace
      --values "$values" --wait --timeout 300s)
[[ -n "$dry_run" ]] && args+=(--dry-run)

log "deploying atlas with profile $profile"
helm "${args[@]}"
[[ -n "$dry_run" ]] || wait_rollout atlas
