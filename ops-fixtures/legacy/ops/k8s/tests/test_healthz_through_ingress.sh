#!/usr/bin/env bash
# GET /healthz through the kind ingress answers 200.
source "$(dirname "$0")/lib.sh"
requires curl

code="$(curl -s -o /dev/null -w '%{http_code}' http://atlas.localtest.me:8080/healthz || true)"
[[ "$code" != "000" ]] || skip "ingress not reachable"
assert_eq "$code" "200"
pass
