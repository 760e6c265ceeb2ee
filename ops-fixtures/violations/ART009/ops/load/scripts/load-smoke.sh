#!/usr/bin/env bash
# Adapter behind `atlasctl ops load run --suite smoke`.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
OUT_DIR="${OUT_DIR:-$REPO_ROOT/artifacts/load}"

mkdir -p "$OUT_DIR"
k6 run --summary-export "$OUT_DIR/summary.json" "$REPO_ROOT/ops/load/k6/smoke.js"
