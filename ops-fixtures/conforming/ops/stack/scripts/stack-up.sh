#!/usr/bin/env bash
# Adapter behind `atlasctl ops stack up`: starts the local dependency stack.
set -euo pipefail
source "$(dirname "$0")/../../_lib/common.sh"

require_tool kind
log "starting local stack with profile ${PROFILE:-local}"
kind create cluster --name atlas --config "$(dirname "$0")/../profiles/kind-cluster.yaml"
