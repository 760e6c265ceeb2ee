#!/usr/bin/env bash
# Adapter behind `atlasctl ops k8s events`: dumps namespace events after a failed rollout.
set -euo pipefail
source "$(dirname "$0")/../../_lib/common.sh"
source "$(dirname "$0")/../../_lib/kube.sh"

mkdir -p "$REPO_ROOT/ops/_artifacts/k8s"
k get events --sort-by=.lastTimestamp | tee artifacts/k8s/events.txt
k describe pods > "$REPO_ROOT/ops/_artifacts/k8s/pods.txt"
