#!/usr/bin/env bash
# Owns a k8s invariant instead of delegating to the operator CLI.
set -euo pipefail
source "$(dirname "$0")/assert.sh"

pods="$(kubectl get pods -n atlas -o name | wc -l)"
assert_eq "$pods" 3
