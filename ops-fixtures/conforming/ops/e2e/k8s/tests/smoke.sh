#!/usr/bin/env bash
# Wrapper entry: the smoke scenario lives in atlasctl, not here.
set -euo pipefail
exec ./bin/atlasctl ops e2e run --scenario smoke --target k8s "$@"
