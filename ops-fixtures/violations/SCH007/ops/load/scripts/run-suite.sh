#!/usr/bin/env bash
# Runs a k6 suite in a container.
set -euo pipefail
K6_VERSION=0.49.0
docker run --rm "grafana/k6:${K6_VERSION}" run "$1"
