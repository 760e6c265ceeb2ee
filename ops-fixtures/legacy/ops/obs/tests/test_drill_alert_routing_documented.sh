#!/usr/bin/env bash
# The alert-routing drill has a page under drills/.
source "$(dirname "$0")/lib.sh"

assert_file "$REPO_ROOT/ops/obs/drills/alert-routing.md"
grep -q 'make ops-obs-drill' "$REPO_ROOT/ops/obs/drills/alert-routing.md" || fail "drill page does not say how to run it"
pass
