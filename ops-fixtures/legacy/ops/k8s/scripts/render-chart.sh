#!/usr/bin/env bash
# Adapter behind `atlasctl ops k8s render`: renders the chart for a profile and validates it.
set -euo pipefail
source "$(dirname "$0")/../../_lib/common.sh"
source "$(dirname "$0")/kube.sh"

profile="${1:-local}"
values="$REPO_ROOT/ops/k8s/values/${profile}.yaml"
[[ -f "$values" ]] || die "no values for profile $profile"

require_tool helm
helm dependency build "$REPO_ROOT/ops/k8s/charts/atlas" >/dev/null
helm template atlas "$REPO_ROOT/ops/k8s/charts/atlas" \
  --namespace "$ATLAS_NAMESPACE" \
  --values "$values" \
  --output-dir artifacts/render
kubeconform -strict -summary -ignore-missing-schemas artifacts/render/atlas/templates
