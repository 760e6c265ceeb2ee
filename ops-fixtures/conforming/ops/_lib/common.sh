#!/usr/bin/env bash
# Shared shell helpers for ops scripts. Source it; do not run it.

log() {
  printf '[ops] %s\n' "$*" >&2
}

require_tool() {
  command -v "$1" >/dev/null 2>&1 || { log "missing tool: $1"; return 1; }
}
