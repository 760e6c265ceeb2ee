#!/usr/bin/env bash
# Once the stack is up, compose reports postgres as healthy.
source "$(dirname "$0")/lib.sh"
requires docker jq

state="$(compose ps --format json postgres | jq -r '.Health')"
[[ -n "$state" ]] || skip "postgres is not running"
assert_eq "$state" "healthy" "postgres is $state"
pass
