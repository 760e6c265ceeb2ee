#!/usr/bin/env bash
# The broken manifest in testdata/ is rejected by the validator.
source "$(dirname "$0")/lib.sh"

if "$REPO_ROOT/bin/atlasctl" schema validate --schema "$REPO_ROOT/ops/_schemas/datasets/dataset.v1.schema.json" \
    "$DATASETS/tests/testdata/bad-digest.yaml" >/dev/null 2>&1; then
  fail "bad-digest.yaml was accepted"
fi
pass
