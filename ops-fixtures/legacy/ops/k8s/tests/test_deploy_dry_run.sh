#!/usr/bin/env bash
# deploy.sh with DRY_RUN=1 renders server-side without changing the release.
source "$(dirname "$0")/lib.sh"
requires helm kubectl

kube get ns >/dev/null 2>&1 || skip "no cluster"
DRY_RUN=1 "$REPO_ROOT/ops/k8s/scripts/deploy.sh" ci > "$TEST_OUT/dry-run.txt" 2>&1 || fail "dry run failed"
grep -q 'STATUS: pending-upgrade\|STATUS: pending-install' "$TEST_OUT/dry-run.txt" || fail "dry run did not stay pending"
pass
