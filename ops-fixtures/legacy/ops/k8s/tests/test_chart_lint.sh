#!/usr/bin/env bash
# helm lint passes with every profile's values.
source "$(dirname "$0")/lib.sh"
requires helm

for values in "$REPO_ROOT"/ops/k8s/values/{local,ci,staging,production}.yaml; do
  helm lint "$CHART" --values "$values" --quiet >/dev/null || fail "lint failed with $(basename "$values")"
done
pass
