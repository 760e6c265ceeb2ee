#!/usr/bin/env bash
# Every profile sets an explicit helm timeout in seconds.
source "$(dirname "$0")/lib.sh"
requires yq

for profile in "$REPO_ROOT"/ops/k8s/profiles/*.yaml; do
  assert_match "$(yq '.timeout' "$profile")" '^[0-9]+s$'
done
pass
