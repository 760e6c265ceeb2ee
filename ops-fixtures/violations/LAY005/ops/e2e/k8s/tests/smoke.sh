#!/usr/bin/env bash
# A thin wrapper: fine.
set -euo pipefail
exec ./bin/atlasctl ops e2e run --scenario smoke --target k8s "$@"
