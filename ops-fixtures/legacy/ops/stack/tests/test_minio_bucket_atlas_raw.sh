#!/usr/bin/env bash
# The atlas-raw bucket exists after stack-up.
source "$(dirname "$0")/lib.sh"
requires docker

compose exec -T minio mc ls local/atlas-raw >/dev/null 2>&1 || fail "bucket atlas-raw missing"
pass
