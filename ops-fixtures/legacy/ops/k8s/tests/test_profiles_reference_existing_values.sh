#!/usr/bin/env bash
# Every profile points at values files that exist.
source "$(dirname "$0")/lib.sh"
requires yq

for profile in "$REPO_ROOT"/ops/k8s/profiles/*.yaml; do
  while IFS= read -r values; do
    assert_file "$REPO_ROOT/ops/k8s/$values"
  done < <(yq '.values[]' "$profile")
done
pass
