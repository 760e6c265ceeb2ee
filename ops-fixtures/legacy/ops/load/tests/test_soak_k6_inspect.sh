#!/usr/bin/env bash
# k6 inspect accepts the soak script.
source "$(dirname "$0")/lib.sh"
requires k6 yq

(cd "$LOAD/k6" && k6 inspect "$(basename "$(yq '.script' "$SUITES/soak.yaml")")" >/dev/null) || fail "k6 inspect failed for soak"
pass
