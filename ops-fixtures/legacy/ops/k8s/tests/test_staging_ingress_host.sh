#!/usr/bin/env bash
# staging exposes atlas on its public host name.
source "$(dirname "$0")/lib.sh"
requires helm yq jq

host="$(render staging | doc Ingress atlas-atlas | jq -r '.spec.rules[0].host')"
assert_match "$host" '^atlas\.([a-z]+\.)?example\.org$'
pass
