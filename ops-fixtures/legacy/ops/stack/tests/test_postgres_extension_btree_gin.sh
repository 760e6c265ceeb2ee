#!/usr/bin/env bash
# The btree_gin extension is available in the atlas database.
source "$(dirname "$0")/lib.sh"
requires docker

out="$(compose exec -T postgres psql -U atlas -d atlas -Atc "select count(*) from pg_available_extensions where name = 'btree_gin'")" \
  || skip "postgres is not running"
assert_eq "$out" "1" "extension btree_gin missing"
pass
