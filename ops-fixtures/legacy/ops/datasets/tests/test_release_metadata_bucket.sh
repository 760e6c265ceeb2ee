#!/usr/bin/env bash
# Promotion writes to the release bucket, never the raw one.
source "$(dirname "$0")/lib.sh"
requires jq

bucket="$(jq -r '.bucket' "$DATASETS/promotion/release-metadata.json")"
assert_eq "$bucket" "s3://atlas-datasets-release"
pass
