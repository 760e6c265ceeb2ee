#!/usr/bin/env bash
# The atlas-datasets bucket exists after stack-up.
source "$(dirname "$0")/lib.sh"
requires docker

compose exec -T minio mc ls local/atlas-datasets >/dev/null 2>&1 || fail "bucket atlas-datasets missing"
pass
