#!/usr/bin/env bash
# values.schema.json rejects an unknown pull policy.
source "$(dirname "$0")/lib.sh"
requires helm

if helm template atlas "$CHART" --set image.pullPolicy=Sometimes >/dev/null 2>&1; then
  fail "pullPolicy=Sometimes was accepted"
fi
pass
