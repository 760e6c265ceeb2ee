#!/usr/bin/env bash
# The chart creates a service account named after the release.
source "$(dirname "$0")/lib.sh"
requires helm yq

sa="$(render local | doc ServiceAccount atlas-atlas)"
[[ -n "$sa" ]] || fail "no service account"
pass
