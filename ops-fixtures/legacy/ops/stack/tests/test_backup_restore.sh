#!/usr/bin/env bash
# A pg_dump of the atlas database restores into a scratch database.
source "$(dirname "$0")/lib.sh"
requires docker

dump="$(mktemp)"
trap 'rm -f "$dump"' EXIT
compose exec -T postgres pg_dump -U atlas -Fc atlas > "$dump" || skip "postgres is not running"
compose exec -T postgres createdb -U atlas atlas_restore_check
compose exec -T postgres pg_restore -U atlas -d atlas_restore_check < "$dump" || fail "restore failed"
compose exec -T postgres dropdb -U atlas atlas_restore_check
pass
