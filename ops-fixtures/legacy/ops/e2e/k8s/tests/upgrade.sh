#!/usr/bin/env bash
# Wrapper entry for the upgrade scenario on kind: previous release, then this one.
set -euo pipefail
exec ./bin/atlasctl ops e2e run --scenario upgrade --target k8s "$@"
