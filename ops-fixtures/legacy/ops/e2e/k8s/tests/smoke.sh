#!/usr/bin/env bash
# Wrapper entry for the smoke scenario on kind.
set -euo pipefail

fail() { echo "smoke: $*" >&2; exit 1; }

# Quick sanity checks before handing over to atlasctl (faster feedback in CI).
kubectl get deployment atlas -n atlas -o jsonpath='{.status.readyReplicas}' | grep -q '^[1-9]' || fail "atlas deployment not ready"
kubectl get svc atlas -n atlas -o name | grep -q 'service/atlas' || fail "atlas service missing"
kubectl get secret atlas-db -n atlas -o name | grep -q 'secret/atlas-db' || fail "database secret missing"

exec atlasctl ops e2e smoke --target k8s "$@"
