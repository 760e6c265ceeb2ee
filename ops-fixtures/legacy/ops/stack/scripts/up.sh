#!/usr/bin/env bash
# DEPRECATED since 1.1.0: use `make ops-up`. Kept one release for old CI jobs.
set -euo pipefail
echo "ops/stack/scripts/up.sh is deprecated; run: make ops-up" >&2
exec "$(dirname "$0")/stack-up.sh" "$@"
