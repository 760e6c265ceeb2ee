#!/usr/bin/env bash
# Postgres runs with TimeZone = UTC.
source "$(dirname "$0")/lib.sh"
requires docker

got="$(compose exec -T postgres psql -U atlas -d atlas -Atc 'show TimeZone')" || skip "postgres is not running"
assert_eq "$got" "UTC"
pass
