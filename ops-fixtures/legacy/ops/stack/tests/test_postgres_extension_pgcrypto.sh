#!/usr/bin/env bash
# The pgcrypto extension is available in the atlas database.
source "$(dirname "$0")/lib.sh"
requires docker

out="$(compose exec -T postgres psql -U atlas -d atlas -Atc "select count(*) from pg_available_extensions where name = 'pgcrypto'")" \
  || skip "postgres is not running"
assert_eq "$out" "1" "extension pgcrypto missing"
pass
