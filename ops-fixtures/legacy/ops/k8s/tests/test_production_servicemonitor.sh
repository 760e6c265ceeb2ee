#!/usr/bin/env bash
# production renders a ServiceMonitor scraping /metrics.
source "$(dirname "$0")/lib.sh"
requires helm yq jq

sm="$(render production | doc ServiceMonitor atlas-atlas)"
assert_eq "$(jq -r '.spec.endpoints[0].path' <<<"$sm")" "/metrics"
pass
