#!/usr/bin/env bash
set -euo pipefail
REPO_ROOT="$(git rev-parse --show-toplevel)"
. "$REPO_ROOT/ops/k8s/lib/kube.sh"

kind create cluster --name atlas
kube_context
