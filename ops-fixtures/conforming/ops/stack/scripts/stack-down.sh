#!/usr/bin/env bash
# Adapter behind `atlasctl ops stack down`.
set -euo pipefail
. "$(dirname "$0")/../../_lib/common.sh"

log "deleting local stack"
kind delete cluster --name atlas
