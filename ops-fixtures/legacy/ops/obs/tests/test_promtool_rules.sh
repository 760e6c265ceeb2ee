#!/usr/bin/env bash
# promtool accepts both rule files once the CRD wrapper is stripped.
source "$(dirname "$0")/lib.sh"
requires yq promtool

for f in "$RULES_DIR"/*.yaml; do
  yq '.spec' "$f" > "$TEST_OUT/$(basename "$f")"
  promtool check rules "$TEST_OUT/$(basename "$f")" >/dev/null || fail "promtool rejects $(basename "$f")"
done
pass
