#!/usr/bin/env bash
set -euo pipefail
source "$(dirname "$0")/../lib/kube.sh"

kubectl --context "$(kube_context)" apply -f "$1"
