#!/usr/bin/env bash
# ops/stack/versions.env is plain KEY=value lines.
source "$(dirname "$0")/lib.sh"

while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  [[ "$line" =~ ^[A-Z_]+=[^[:space:]]+$ ]] || fail "bad line: $line"
done < "$REPO_ROOT/ops/stack/versions.env"
pass
