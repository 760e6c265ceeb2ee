#!/usr/bin/env bash
# Postgres runs with max_connections = 100.
source "$(dirname "$0")/lib.sh"
requires docker

got="$(compose exec -T postgres psql -U atlas -d atlas -Atc 'show max_connections')" || skip "postgres is not running"
assert_eq "$got" "100"
pass
