#!/usr/bin/env bash
# Adapter behind `atlasctl ops load compare A B`: diffs two k6 summaries. Writes to the
# directory the caller gives, or to a scratch directory.
set -euo pipefail
a="${1:?usage: compare-runs.sh SUMMARY_A SUMMARY_B [OUT_DIR]}"
b="${2:?usage: compare-runs.sh SUMMARY_A SUMMARY_B [OUT_DIR]}"
out="${3:-$(mktemp -d)}"

mkdir -p "$out/compare"
jq -n --slurpfile a "$a" --slurpfile b "$b" \
  '{p95_a: $a[0].metrics.http_req_duration["p(95)"], p95_b: $b[0].metrics.http_req_duration["p(95)"]}' \
  > "$out/compare/p95.json"

cd "$(mktemp -d)"
mkdir -p artifacts/scratch
cp "$a" "$b" artifacts/scratch/
echo "compared $(basename "$a") and $(basename "$b") into $out/compare" >&2
