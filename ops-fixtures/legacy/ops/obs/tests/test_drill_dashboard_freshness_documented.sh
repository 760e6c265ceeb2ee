#!/usr/bin/env bash
# The dashboard-freshness drill has a page under drills/.
source "$(dirname "$0")/lib.sh"

assert_file "$REPO_ROOT/ops/obs/drills/dashboard-freshness.md"
grep -q 'make ops-obs-drill' "$REPO_ROOT/ops/obs/drills/dashboard-freshness.md" || fail "drill page does not say how to run it"
pass
