#!/usr/bin/env bash
# render-chart.sh fails with a message for a profile that has no values.
source "$(dirname "$0")/lib.sh"

if out="$("$REPO_ROOT/ops/k8s/scripts/render-chart.sh" nosuchprofile 2>&1)"; then
  fail "render-chart.sh accepted an unknown profile"
fi
assert_match "$out" 'no values for profile'
pass
