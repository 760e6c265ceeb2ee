#!/usr/bin/env bash
# The atlas-datasets-release bucket exists after stack-up.
source "$(dirname "$0")/lib.sh"
requires docker

compose exec -T minio mc ls local/atlas-datasets-release >/dev/null 2>&1 || fail "bucket atlas-datasets-release missing"
pass
