#!/usr/bin/env bash
# The atlas pods reach Postgres through the store secret once the stack is up.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/../../stack/tests/cluster.sh"
requires kubectl docker

wait_for_cluster 60 || skip "no kind cluster"
url="$(postgres_url)"
assert_match "$url" '^postgres://atlas:atlas@127\.0\.0\.1:[0-9]+/atlas$'

secret="$(kube get secret atlas-db -o jsonpath='{.data.password}' | base64 -d)"
assert_ne "$secret" "" "atlas-db secret has no password"

pod="$(kube get pods -l app.kubernetes.io/name=atlas -o jsonpath='{.items[0].metadata.name}')"
kube exec "$pod" -- sh -c 'pg_isready -h "$ATLAS_DB_HOST" -U atlas' >/dev/null \
  || fail "pod $pod cannot reach postgres"
pass
