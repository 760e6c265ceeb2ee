#!/usr/bin/env bash
# With local values the deployment has readiness and liveness probes.
source "$(dirname "$0")/lib.sh"
requires helm yq jq

dep="$(render local | doc Deployment atlas-atlas)"
assert_eq "$(jq -r '.spec.template.spec.containers[0].readinessProbe.httpGet.path' <<<"$dep")" "/readyz"
assert_eq "$(jq -r '.spec.template.spec.containers[0].livenessProbe.httpGet.path' <<<"$dep")" "/healthz"
pass
