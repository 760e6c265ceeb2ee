#!/usr/bin/env bash
# Shared shell helpers for ops scripts. Source it; do not run it.

: "${REPO_ROOT:=$(git rev-parse --show-toplevel)}"
export REPO_ROOT

# Where runs write their output; callers add their own subdirectory.
OPS_ARTIFACTS="${OPS_ARTIFACTS:-$REPO_ROOT/ops/_artifacts}"
EVIDENCE_ROOT="${EVIDENCE_ROOT:-$REPO_ROOT/artifacts/evidence}"

log() {
  printf '[ops %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

die() {
  log "error: $*"
  exit 1
}

require_tool() {
  command -v "$1" >/dev/null 2>&1 || die "missing tool: $1 (see configs/ops/tool-versions.json)"
}

tool_version() {
  jq -r --arg t "$1" '.[$t]' "$REPO_ROOT/configs/ops/tool-versions.json"
}
