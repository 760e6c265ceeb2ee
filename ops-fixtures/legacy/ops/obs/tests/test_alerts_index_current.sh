#!/usr/bin/env bash
# alerts/INDEX.md lists every alert of rules.json.
source "$(dirname "$0")/lib.sh"
requires jq

for name in $(jq -r '.alerts[].name' "$ALERTS_JSON"); do
  grep -q "| $name |" "$REPO_ROOT/ops/obs/alerts/INDEX.md" || fail "$name missing from alerts/INDEX.md"
done
pass
