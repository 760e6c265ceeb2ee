#!/usr/bin/env bash
# Every rendered object carries the app.kubernetes.io labels.
source "$(dirname "$0")/lib.sh"
requires helm yq

missing="$(render staging | yq -o=json 'select(.metadata.labels."app.kubernetes.io/name" == null) | .kind' | grep -v PodDisruptionBudget || true)"
[[ -z "$missing" ]] || fail "objects without standard labels: $missing"
pass
