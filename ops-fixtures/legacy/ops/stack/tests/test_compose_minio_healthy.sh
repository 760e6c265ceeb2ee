#!/usr/bin/env bash
# Once the stack is up, compose reports minio as healthy.
source "$(dirname "$0")/lib.sh"
requires docker jq

state="$(compose ps --format json minio | jq -r '.Health')"
[[ -n "$state" ]] || skip "minio is not running"
assert_eq "$state" "healthy" "minio is $state"
pass
