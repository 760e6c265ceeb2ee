#!/usr/bin/env bash
# With production values the database password comes from a secret, never a literal.
source "$(dirname "$0")/lib.sh"
requires helm yq jq

dep="$(render production | doc Deployment atlas-atlas)"
ref="$(jq -r '.spec.template.spec.containers[0].env[] | select(.name == "ATLAS_DB_PASSWORD") | .valueFrom.secretKeyRef.name' <<<"$dep")"
assert_eq "$ref" "atlas-db"
pass
