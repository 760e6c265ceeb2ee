#!/usr/bin/env bash
# pg_isready succeeds against the published port.
source "$(dirname "$0")/lib.sh"
requires pg_isready docker

wait_for_cluster 5 || true
url="$(postgres_url)"
pg_isready -d "$url" >/dev/null || fail "postgres does not accept connections at $url"
pass
