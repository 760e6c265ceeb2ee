#!/usr/bin/env bash
# Adapter behind `atlasctl ops load run --suite NAME`: runs one k6 suite against the stack.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
source "$ROOT/ops/_lib/common.sh"

suite="${1:?usage: run-suite.sh SUITE}"
script="$(yq -r '.script' "$ROOT/ops/load/suites/${suite}.yaml")"
run_dir="$ROOT/ops/_artifacts/load/${suite}"
mkdir -p "$run_dir" artifacts/k6

require_tool k6
SUITE="$suite" k6 run \
  --summary-export artifacts/k6/summary.json \
  --out json=artifacts/k6/raw.json \
  --tag "suite=${suite}" \
  "$ROOT/ops/load/${script}" | tee "$run_dir/k6.out"

cp artifacts/k6/summary.json "$run_dir/summary.json"
cp "$run_dir/summary.json" artifacts/load/latest-summary.json
python3 "$ROOT/ops/load/scripts/summarize.py" "$suite" "$run_dir/summary.json"
