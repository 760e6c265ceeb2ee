#!/usr/bin/env bash
# Adapter behind `atlasctl ops datasets validate`: schema-checks dataset manifests.
set -euo pipefail
source "$(dirname "$0")/../../_lib/common.sh"

dir="${1:-$REPO_ROOT/ops/datasets/manifests}"
schema="$REPO_ROOT/ops/_schemas/datasets/dataset.v1.schema.json"
status=0
for manifest in "$dir"/*.yaml; do
  if ! "$REPO_ROOT/bin/atlasctl" schema validate --schema "$schema" "$manifest"; then
    status=1
  fi
done
exit "$status"
