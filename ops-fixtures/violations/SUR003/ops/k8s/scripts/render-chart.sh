#!/usr/bin/env bash
# Adapter behind `atlasctl ops k8s deploy`: renders the chart for a profile.
set -euo pipefail
helm template atlas "$(dirname "$0")/../charts/atlas" --values "$1"
