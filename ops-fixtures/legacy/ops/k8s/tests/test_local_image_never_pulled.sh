#!/usr/bin/env bash
# The local profile uses the image loaded into kind and never pulls.
source "$(dirname "$0")/lib.sh"
requires helm yq jq

dep="$(render local | doc Deployment atlas-atlas)"
assert_eq "$(jq -r '.spec.template.spec.containers[0].imagePullPolicy' <<<"$dep")" "Never"
pass
