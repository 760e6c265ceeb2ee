#!/usr/bin/env bash
# fetch.sh refuses sources it cannot verify (ftp://).
source "$(dirname "$0")/lib.sh"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if REPO_ROOT="$tmp" "$DATASETS/scripts/fetch.sh" genes >/dev/null 2>&1; then
  fail "fetch.sh ran without a manifest"
fi
pass
