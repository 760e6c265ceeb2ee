#!/usr/bin/env bash
# The k6 runner image matches the k6 pin in configs/ops/tool-versions.json.
source "$(dirname "$0")/lib.sh"
requires yq jq

pinned="$(jq -r '.k6' "$REPO_ROOT/configs/ops/tool-versions.json")"
image="$(yq '.services.k6.image' "$REPO_ROOT/ops/stack/compose/docker-compose.yaml")"
assert_eq "${image##*:}" "${pinned#v}" "k6 image tag drifted from the pin"
pass
