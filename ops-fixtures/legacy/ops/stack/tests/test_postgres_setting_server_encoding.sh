#!/usr/bin/env bash
# Postgres runs with server_encoding = UTF8.
source "$(dirname "$0")/lib.sh"
requires docker

got="$(compose exec -T postgres psql -U atlas -d atlas -Atc 'show server_encoding')" || skip "postgres is not running"
assert_eq "$got" "UTF8"
pass
