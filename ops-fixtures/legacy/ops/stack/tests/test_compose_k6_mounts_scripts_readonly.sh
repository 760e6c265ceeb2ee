#!/usr/bin/env bash
# The k6 runner mounts the load scripts read-only.
source "$(dirname "$0")/lib.sh"
requires yq

while IFS= read -r volume; do
  [[ "$volume" == *:ro ]] || fail "writable mount: $volume"
done < <(yq '.services.k6.volumes[]' "$REPO_ROOT/ops/stack/compose/docker-compose.yaml")
pass
