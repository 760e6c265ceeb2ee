#!/usr/bin/env bash
# The pg_trgm extension is available in the atlas database.
source "$(dirname "$0")/lib.sh"
requires docker

out="$(compose exec -T postgres psql -U atlas -d atlas -Atc "select count(*) from pg_available_extensions where name = 'pg_trgm'")" \
  || skip "postgres is not running"
assert_eq "$out" "1" "extension pg_trgm missing"
pass
